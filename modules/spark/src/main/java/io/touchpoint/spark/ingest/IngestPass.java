package io.touchpoint.spark.ingest;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.EpochDays;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.SparkRows;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The end of ingest, in the task that parsed the rows: every row is counted by disposition (and,
 * for a range, accepted rows dated outside it as skipped {@code outside_range}), quarantined rows
 * are written to the {@code quarantine} table there and then, and accepted rows go on to the
 * visitor pass in its columns. No cache and no count job: the counts reach the driver with the
 * task's report.
 */
public final class IngestPass {
    /** Counter names: {@code quarantined:REASON}, {@code skipped:REASON}, {@code accepted}. */
    public static final String QUARANTINED = "quarantined:";
    public static final String SKIPPED = "skipped:";
    public static final String ACCEPTED = "accepted";
    /** Counter prefix of accepted rows adjusted on their way in: {@code adjusted:REASON}. */
    public static final String ADJUSTED = "adjusted:";
    public static final String OUTSIDE_RANGE = "outside_range";
    /**
     * Counter prefixes of the events left out for want of consent that match a goal:
     * {@code consent_conversions:GOAL} (events) and {@code consent_value_micros:GOAL} (their value
     * in millionths, so the tasks' sums add up exactly).
     */
    public static final String CONSENT_CONVERSIONS = "consent_conversions:";
    public static final String CONSENT_VALUE_MICROS = "consent_value_micros:";
    /** The column a range run adds: whether the row is in the read window (sessionised) or only names a person. */
    public static final String IN_WINDOW = "_in_window";

    private IngestPass() {
    }

    /** The accepted rows' columns: {@link ParsedSchema#EVENT_COLUMNS}, then {@link #IN_WINDOW} for a range run. */
    public static StructType schema(boolean windowed) {
        StructType s = new StructType();
        for (String c : ParsedSchema.EVENT_COLUMNS) {
            s = s.add(ParsedSchema.SCHEMA.apply(c));
        }
        return windowed ? s.add(IN_WINDOW, DataTypes.BooleanType, false) : s;
    }

    /**
     * What the pass needs besides its rows.
     *
     * @param readFrom first event time read (micros) of a range run's window; {@code readTo} its end (exclusive)
     */
    public record Plan(String runId, DateRange range, ZoneId zone, long readFrom, long readTo, PassOutput output)
            implements Serializable {
    }

    /** @param parsed rows of {@link ParsedSchema} */
    public static Dataset<Row> run(Dataset<Row> parsed, Plan plan) {
        StructType out = schema(!plan.range().isAll());
        return SparkRows.mapPartitions(parsed, out, rows -> new Pass(rows, plan));
    }

    private static final Layout IN = Layout.of(ParsedSchema.SCHEMA);
    private static final int STATUS = IN.at("status");
    private static final int REASON = IN.at("reason");
    private static final int DETAIL = IN.at("detail");
    private static final int TIME = IN.at("event_time");
    private static final int[] EVENT = IN.at(ParsedSchema.EVENT_COLUMNS);
    private static final int[] QUARANTINE = IN.at("input_file", "input_line", "reason", "detail", "raw");

    private static final int Q_RUN_ID = Layout.of(Tables.QUARANTINE.schema()).at("run_id");
    /** Where the quarantine's copied columns start: after run_id. */
    private static final int Q_FROM = Layout.of(Tables.QUARANTINE.schema()).at("input_file");
    private static final char[] EVENT_KINDS = kinds(EVENT);
    private static final char[] QUARANTINE_KINDS = kinds(QUARANTINE);

    /**
     * How each column is read: s(tring), l(ong), i(nt), d(ouble), decided once. A typed getter per
     * value: the generic {@code InternalRow.get(ordinal, type)} asks Spark's SQL configuration about
     * the type on every call, which cost a tenth of a 2M-row ingest.
     */
    private static char[] kinds(int[] columns) {
        char[] k = new char[columns.length];
        for (int i = 0; i < columns.length; i++) {
            org.apache.spark.sql.types.DataType t = ParsedSchema.SCHEMA.fields()[columns[i]].dataType();
            k[i] = t.equals(DataTypes.StringType) ? 's' : t.equals(DataTypes.LongType) || t.equals(DataTypes.TimestampType) ? 'l'
                    : t.equals(DataTypes.IntegerType) ? 'i' : t.equals(DataTypes.DoubleType) ? 'd' : '?';
            if (k[i] == '?') {
                throw new IllegalStateException("No typed copy for " + t.simpleString());
            }
        }
        return k;
    }

    /** Copies {@code columns} of {@code r} into {@code v} from position {@code at} on, by kind. */
    private static void copy(InternalRow r, int[] columns, char[] kinds, Object[] v, int at) {
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            v[at + i] = r.isNullAt(c) ? null : switch (kinds[i]) {
                case 's' -> r.getUTF8String(c);
                case 'l' -> r.getLong(c);
                case 'i' -> r.getInt(c);
                default -> r.getDouble(c);
            };
        }
    }

    private static final class Pass extends StreamingPass {
        private static final UTF8String ACCEPTED_STATUS = UTF8String.fromString(ParsedSchema.ACCEPTED);
        private static final UTF8String QUARANTINED_STATUS = UTF8String.fromString(ParsedSchema.QUARANTINED);

        private final Plan plan;
        private final PassOutput.Task task;
        private final TableSink quarantine;
        private final UTF8String runId;
        private final EpochDays days;
        private final boolean windowed;
        private final long firstDay;
        private final long lastDay;
        private final java.util.Map<String, long[]> byReason = new java.util.HashMap<>();
        private long accepted;
        private long outside;

        Pass(Iterator<InternalRow> in, Plan plan) {
            super(in);
            this.plan = plan;
            this.task = plan.output().open();
            this.quarantine = task.sink(Tables.QUARANTINE.name());
            this.runId = UTF8String.fromString(plan.runId());
            this.days = new EpochDays(plan.zone());
            this.windowed = !plan.range().isAll();
            this.firstDay = windowed ? plan.range().from().toEpochDay() : 0;
            this.lastDay = windowed ? plan.range().to().toEpochDay() : 0;
        }

        @Override
        protected void push(InternalRow r) {
            UTF8String status = r.getUTF8String(STATUS);
            if (!status.equals(ACCEPTED_STATUS)) {
                boolean q = status.equals(QUARANTINED_STATUS);
                String reason = (q ? QUARANTINED : SKIPPED) + r.getUTF8String(REASON);
                byReason.computeIfAbsent(reason, k -> new long[1])[0]++;
                if (!q && !r.isNullAt(DETAIL) && reason.equals(SKIPPED + io.touchpoint.core.ingest.Reasons.NO_CONSENT)) {
                    for (String line : r.getUTF8String(DETAIL).toString().split("\n")) {
                        String[] f = line.split("\t");
                        byReason.computeIfAbsent(CONSENT_CONVERSIONS + f[0], k -> new long[1])[0]++;
                        byReason.computeIfAbsent(CONSENT_VALUE_MICROS + f[0], k -> new long[1])[0] += Math.round(Double.parseDouble(f[1]) * 1e6);
                    }
                }
                if (q) {
                    Object[] v = new Object[Tables.QUARANTINE.schema().size()];
                    v[Q_RUN_ID] = runId;
                    copy(r, QUARANTINE, QUARANTINE_KINDS, v, Q_FROM);
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] instanceof UTF8String u) {
                            v[i] = u.copy(); // the parser reuses its buffers; the table file keeps these bytes
                        }
                    }
                    quarantine.write(new GenericInternalRow(v));
                }
                return;
            }
            if (!r.isNullAt(REASON)) {
                byReason.computeIfAbsent(ADJUSTED + r.getUTF8String(REASON), k -> new long[1])[0]++;
            }
            long t = r.getLong(TIME);
            int day = windowed ? days.of(t) : 0;
            if (windowed && (day < firstDay || day > lastDay)) {
                outside++; // still read: it may name a person, or be a touchpoint or funnel step of the range
            } else {
                accepted++;
            }
            Object[] v = new Object[EVENT.length + (windowed ? 1 : 0)];
            copy(r, EVENT, EVENT_KINDS, v, 0);
            if (windowed) {
                v[EVENT.length] = t >= plan.readFrom() && t < plan.readTo();
            }
            emit(new GenericInternalRow(v)); // may point into r: the next operator copies it first
        }

        @Override
        protected void end() {
            task.count(ACCEPTED, accepted);
            if (outside > 0) {
                task.count(SKIPPED + OUTSIDE_RANGE, outside);
            }
            byReason.forEach((k, n) -> task.count(k, n[0]));
            task.finish();
        }
    }
}
