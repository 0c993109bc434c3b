package io.touchpoint.spark.person;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.ReadColumns;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.attribution.JourneyRows;
import io.touchpoint.spark.funnel.FunnelColumns;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.core.config.DateRange;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.EpochDays;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.session.SessionizedColumns;
import io.touchpoint.spark.session.SparkSessionizer;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.OutRows;
import io.touchpoint.spark.rows.SparkRows;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Everything Touchpoint computes per person, in one shuffle and one sorted pass: the sessionised
 * stream's sessions and conversions (for journeys and every model) and its events (for every
 * funnel) are repartitioned by person together, sorted by (person, time, sessions before
 * conversions before events), and streamed once through the core journey builder and funnel
 * matchers. The events travel packed into their sessions' rows ({@link EventPacker}), which made
 * the shuffle a quarter of the rows it was, and are merged back into each person's time order on
 * the way out. Adding models or funnels adds no Spark job and no shuffle.
 */
public final class PersonPass {
    private PersonPass() {
    }

    /** Counter names of the person pass: people with a session in the range, funnel trends. */
    public static final String PEOPLE = "people";
    public static final String TREND = "trend\t";

    /**
     * What the person pass writes: {@code conversions}, {@code attribution_credit} and
     * {@code funnel_progress} (rows dated in the range), its counters and sums.
     */
    public record Output(PassOutput output, DateRange range) implements java.io.Serializable {
    }

    /**
     * @param sessionized rows of {@link SessionizedSchema}
     * @param journeys build journeys and credits (sessions and conversions go in)
     * @return partial sums of {@code attribution_summary} per task, in its columns (add them up by group)
     */
    public static Dataset<Row> run(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys, Output out) {
        AttributionConfig attribution = config.attribution();
        Funnels fs = config.funnels();
        boolean withFunnels = !fs.all().isEmpty();
        ZoneId zone = config.input().timeZone();
        // Each session's funnel events ride in its row through the shuffle: one row per session, not per event.
        int funnelCount = fs.all().size();
        Dataset<Row> perRow = input(config, sessionized, journeys, null);
        // The shuffled rows: the pass's columns up to the journey, then the events packed into their sessions.
        StructType packedSchema = new StructType(java.util.Arrays.copyOf(perRow.schema().fields(), EVENTS))
                .add("events", DataTypes.BinaryType);
        Dataset<Row> packed = SparkRows.mapPartitions(perRow, packedSchema,
                in -> new EventPacker(in, funnelCount, FUNNEL_COLUMNS, EVENT, SESSION));
        Dataset<Row> sorted = packed.repartition(SparkSessionizer.shufflePartitions(packed), col("person_id"))
                .sortWithinPartitions("person_id", "t", "k", "id");
        List<io.touchpoint.core.conversion.Goal> goals = config.goals().all();
        return SparkRows.mapPartitions(sorted, Tables.ATTRIBUTION_SUMMARY.schema(), rows -> new PersonIterator(rows,
                journeys ? attribution : null, goals, withFunnels ? fs : null, zone, out));
    }

    /**
     * Which columns of the sessionised stream the pass reads from each kind of row (the visitor
     * pass leaves the others null), found by analysing the pass's input select (no job runs).
     */
    public static SessionizedColumns reads(org.apache.spark.sql.SparkSession spark, TouchpointConfig config, boolean journeys) {
        return new SessionizedColumns(
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.EVENT)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.SESSION)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.CONVERSION)));
    }

    /**
     * The sessionised rows the pass reads, in its columns: person_id, session_id, t, k, id, journey,
     * then each funnel's {@link FunnelColumns#perFunnel} columns (null but for events).
     *
     * @param only the one kind of row to build this for (to find which columns that kind needs), or
     *     null for the pass itself, which reads every kind
     */
    private static Dataset<Row> input(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys,
                                      SessionizedSchema.Kind only) {
        Funnels fs = config.funnels();
        boolean withFunnels = !fs.all().isEmpty(); // events go in only for funnels to match
        Column kind = col("kind");
        Column isEvent = kind.equalTo(SessionizedSchema.EVENT);
        // Events carry only what the funnel matchers read; sessions and conversions carry their
        // journey fields in one struct (one null for an event, not a dozen).
        Column journey = struct(SessionizedSchema.columns(JourneyRows.FIELDS));
        // A session's touchpoint reads only its start and source: the conversion's fields stay null
        // (so the visitor pass leaves them out of session rows too).
        Column[] touchpoint = new Column[JourneyRows.FIELDS.length];
        for (int i = 0; i < touchpoint.length; i++) {
            String f = JourneyRows.FIELDS[i];
            touchpoint[i] = JourneyRows.SESSION_FIELDS.contains(f) ? col(f)
                    : lit(null).cast(SessionizedSchema.SCHEMA.apply(f).dataType()).as(f);
        }
        Column sessionJourney = struct(touchpoint);
        Column[] per = withFunnels ? FunnelColumns.perFunnel(fs) : new Column[0];
        Column journeyId = coalesce(col("conversion_id"), col("session_id"));
        List<Column> select = new ArrayList<>(List.of(
            col("person_id"), col("session_id"),
            byKind(only, col("session_start"), col("event_time"), col("event_time")).as("t"),
            // At equal times sessions come first (a session starting with the conversion is in its journey).
            byKind(only, lit(SESSION), lit(CONVERSION), lit(EVENT)).as("k"),
            byKind(only, journeyId, journeyId, col("event_id")).as("id"),
            // Without journeys a session row only carries its events: no journey fields go along.
            (journeys ? byKind(only, sessionJourney, journey, lit(null)) : lit(null)).as("journey")));
        for (int i = 0; i < per.length; i++) {
            select.add(byKind(only, lit(null), lit(null), per[i]).as("f" + i));
        }
        // Sessions always go in: the pass counts the people of the run's range from them.
        Column keep = kind.equalTo(SessionizedSchema.SESSION);
        if (journeys) {
            keep = keep.or(kind.equalTo(SessionizedSchema.CONVERSION));
        }
        if (withFunnels) {
            keep = keep.or(kind.equalTo(SessionizedSchema.SESSION)); // they carry their events (EventPacker)
            Column events = isEvent;
            if (fs.all().stream().noneMatch(FunnelDefinition::needsEventsMatchingNothing)) {
                // No funnel needs the events that match nothing; leave them out of the shuffle.
                Column matches = lit(false);
                for (int i = 0; i < per.length; i++) {
                    // A funnel without exclusions has the constant 0 as its mask: nothing to test
                    // (and Spark would warn of a trivially true predicate, 0 = 0, on the user's terminal).
                    if (FunnelColumns.isMask(i) && !per[i].equals(lit(0L))) {
                        matches = matches.or(per[i].notEqual(lit(0L)));
                    }
                }
                events = events.and(matches);
            }
            keep = keep.or(events);
        }
        return sessionized.where(only == null ? keep : keep.and(kind.equalTo(only.code()))).select(select.toArray(Column[]::new));
    }

    /**
     * The column for a session, a conversion and an event row: by kind (one test of the kind where
     * two kinds share their column), or the one kind's alone.
     */
    private static Column byKind(SessionizedSchema.Kind only, Column session, Column conversion, Column event) {
        if (only == null) {
            Column kind = col("kind");
            if (session.equals(conversion)) {
                return when(kind.equalTo(SessionizedSchema.EVENT), event).otherwise(session);
            }
            if (conversion.equals(event)) {
                return when(kind.equalTo(SessionizedSchema.SESSION), session).otherwise(event);
            }
            return when(kind.equalTo(SessionizedSchema.SESSION), session)
                    .when(kind.equalTo(SessionizedSchema.EVENT), event).otherwise(conversion);
        }
        return switch (only) {
            case SESSION -> session;
            case CONVERSION -> conversion;
            case EVENT -> event;
        };
    }

    /** Sort rank of the kinds at equal times, and how the pass tells them apart. */
    private static final int SESSION = 0;
    private static final int CONVERSION = 1;
    private static final int EVENT = 2;

    /**
     * Routes each row to its half; buffers at most one journey's or one person's output. Reads
     * Spark's own rows: the person and session ids are compared as bytes and decoded when they change.
     * The funnel events come packed in their sessions' rows, each session's in time order; they are
     * merged into the person's time order (then event id, as the sort had them) and handed to the
     * funnels as soon as no row still to come can hold an earlier one.
     */
    private static final class PersonIterator extends StreamingPass {
        private final JourneyRows journeys;
        private final FunnelUnits funnels;
        private final int funnelCount;
        private final PassOutput.Task task;
        private final TableSink conversionsTable;
        private final TableSink creditTable;
        private final TableSink progressTable;
        private final TableSink bestTable;
        private final OutRows bestRows = new OutRows(Tables.FUNNEL_BEST.schema(), new int[0]);
        private final OutRows attributionRows = new OutRows(AttributionSchema.SCHEMA, new int[0]);
        private final OutRows progressRows = new OutRows(FunnelUnits.SCHEMA, new int[0]);
        private final OutRows summaryRows = new OutRows(Tables.ATTRIBUTION_SUMMARY.schema(), new int[0]);
        private final EpochDays days;
        private final LastString person = new LastString();
        private final LastString session = new LastString();
        /** The open sessions' events, by their next event. */
        private final PriorityQueue<PackedEvents.Cursor> open = new PriorityQueue<>(PackedEvents.Cursor::compare);
        /** This task's attribution_summary, summed per group. */
        private final Map<SummaryKey, double[]> summary = new HashMap<>();
        /** Funnel entries per funnel, entry day and level, for funnel_trends. */
        private final Map<String, long[]> trends = new HashMap<>();
        private String current;
        private boolean personInRange;
        private long people;
        private final long firstDay;
        private final long lastDay;

        PersonIterator(Iterator<InternalRow> in, AttributionConfig attribution, List<io.touchpoint.core.conversion.Goal> goals,
                       Funnels funnels, ZoneId zone, Output out) {
            super(in);
            this.task = out.output().open();
            this.conversionsTable = attribution == null ? null : task.sink(Tables.CONVERSIONS.name());
            this.creditTable = attribution == null ? null : task.sink(Tables.ATTRIBUTION_CREDIT.name());
            this.progressTable = funnels == null ? null : task.sink(Tables.FUNNEL_PROGRESS.name());
            this.bestTable = funnels == null ? null : task.sinkOrNull(Tables.FUNNEL_BEST.name());
            this.days = new EpochDays(zone);
            this.firstDay = out.range().isAll() ? Long.MIN_VALUE : out.range().from().toEpochDay();
            this.lastDay = out.range().isAll() ? Long.MAX_VALUE : out.range().to().toEpochDay();
            this.journeys = attribution == null ? null : new JourneyRows(attribution, goals, this::attribution,
                    (row, outcome) -> task.count(io.touchpoint.spark.crm.CrmRows.OUTCOME + outcome + "\t" + row, 1));
            this.funnels = funnels == null ? null : new FunnelUnits(funnels, zone, this::progress);
            this.funnelCount = funnels == null ? 0 : funnels.all().size();
        }

        /** Row: person_id, session_id (null for a session: its id), t, k, id, journey, events. */
        @Override
        protected void push(InternalRow r) {
            int k = r.getInt(K);
            long t = r.getLong(T);
            String p = person.of(r.getUTF8String(PERSON));
            if (p != current) { // a new instance: other bytes
                eventsBefore(Long.MAX_VALUE);
                countPerson();
                current = p;
            } else {
                eventsBefore(t); // rows come by time: no later row holds an event before t
            }
            // A session row's id is its session id (the shuffle does not carry it twice).
            String s = session.of(r.getUTF8String(k == SESSION ? ID : SESSION_ID));
            if (k == SESSION && !personInRange) {
                int day = days.of(t);
                personInRange = day >= firstDay && day <= lastDay;
            }
            if (k != EVENT && journeys != null) {
                journeys.push(k == SESSION, p, s, t, r.getStruct(JOURNEY, JourneyRows.FIELDS.length));
            }
            if (funnels != null && !r.isNullAt(EVENTS)) {
                PackedEvents.Cursor c = new PackedEvents.Cursor(r.getBinary(EVENTS), t, s, funnelCount);
                if (c.advance()) {
                    open.add(c);
                }
            }
        }

        private void countPerson() {
            if (personInRange) {
                people++;
            }
            personInRange = false;
        }

        /** A conversion (V) or credit (R) row of {@link AttributionSchema}. */
        private void attribution(Object[] values) {
            boolean credit = AttributionSchema.CREDIT.equals(values[0]);
            InternalRow row = attributionRows.row(values);
            if (!credit) {
                conversionsTable.write(row);
                return;
            }
            if (creditTable.write(row)) {
                SummaryKey key = new SummaryKey(row.getUTF8String(A_GOAL), row.getUTF8String(A_MODEL),
                        row.getUTF8String(A_CHANNEL), row.isNullAt(A_CAMPAIGN) ? null : row.getUTF8String(A_CAMPAIGN),
                        row.getInt(A_DATE));
                double[] sum = summary.computeIfAbsent(key, x -> new double[3]);
                sum[0] += row.getDouble(A_CREDIT);
                sum[1] += row.getDouble(A_REVENUE_CREDIT);
                if (!row.isNullAt(A_INDEX)) { // an off-journey credit (hybrid's self-reported share) is no touchpoint
                    sum[2]++;
                }
            }
        }

        /** A funnel_progress row, and whether it is the unit's best attempt in this pass. */
        private void progress(Object[] values, boolean best) {
            if (best && bestTable != null) {
                String funnel = (String) values[P_FUNNEL];
                Object breakdown = values[P_BREAKDOWN];
                long[] times = (long[]) values[P_STEP_TIMES];
                for (int pos = 0; pos < times.length; pos++) {
                    Object[] b = new Object[Tables.FUNNEL_BEST.schema().size()];
                    b[B_FUNNEL] = funnel;
                    b[B_BREAKDOWN] = breakdown;
                    b[B_POS] = pos;
                    b[B_SECONDS] = pos == 0 ? null : (times[pos] - times[pos - 1]) / 1e6;
                    bestTable.write(bestRows.row(b));
                }
            }
            InternalRow row = progressRows.row(values);
            if (progressTable.write(row)) {
                trends.computeIfAbsent(row.getUTF8String(P_FUNNEL) + "\t" + row.getInt(P_DATE) + "\t" + row.getInt(P_LEVEL),
                        x -> new long[1])[0]++;
            }
        }

        /** Hands the funnels the current person's events timed before {@code t}, in order. */
        private void eventsBefore(long t) {
            while (!open.isEmpty() && open.peek().time < t) {
                PackedEvents.Cursor c = open.poll();
                funnels.push(current, c.session, c.time, c.steps, c.exclusions, c.breakdowns);
                if (c.advance()) {
                    open.add(c);
                }
            }
        }

        @Override
        protected void end() {
            if (journeys != null) {
                journeys.finish();
            }
            eventsBefore(Long.MAX_VALUE);
            if (funnels != null) {
                funnels.end();
            }
            countPerson();
            task.count(PEOPLE, people);
            trends.forEach((key, n) -> task.count(TREND + key, n[0]));
            for (Map.Entry<SummaryKey, double[]> e : summary.entrySet()) {
                SummaryKey k = e.getKey();
                double[] v = e.getValue();
                Object[] row = new Object[SUMMARY.size()];
                row[S_GOAL] = k.goal();
                row[S_MODEL] = k.model();
                row[S_CHANNEL] = k.channel();
                row[S_CAMPAIGN] = k.campaign();
                row[S_CONVERSIONS] = v[0];
                row[S_REVENUE] = v[1];
                row[S_TOUCHPOINTS] = (long) v[2];
                row[S_DATE] = k.day();
                emit(summaryRows.row(row));
            }
            io.touchpoint.spark.output.Pause.at("person-pass"); // a crash test's point: tables half-staged
            task.finish();
        }
    }

    /** A group of attribution_summary. */
    private record SummaryKey(UTF8String goal, UTF8String model, UTF8String channel, UTF8String campaign, int day) {
    }

    private static final Layout ATTRIBUTION = Layout.of(AttributionSchema.SCHEMA);
    private static final int A_GOAL = ATTRIBUTION.at("goal");
    private static final int A_MODEL = ATTRIBUTION.at("model");
    private static final int A_CHANNEL = ATTRIBUTION.at("channel");
    private static final int A_CAMPAIGN = ATTRIBUTION.at("campaign");
    private static final int A_DATE = ATTRIBUTION.at("conversion_date");
    private static final int A_INDEX = ATTRIBUTION.at("touchpoint_index");
    private static final int A_CREDIT = ATTRIBUTION.at("credit");
    private static final int A_REVENUE_CREDIT = ATTRIBUTION.at("revenue_credit");
    private static final Layout SUMMARY = Layout.of(Tables.ATTRIBUTION_SUMMARY.schema());
    private static final int S_GOAL = SUMMARY.at("goal");
    private static final int S_MODEL = SUMMARY.at("model");
    private static final int S_CHANNEL = SUMMARY.at("channel");
    private static final int S_CAMPAIGN = SUMMARY.at("campaign");
    private static final int S_CONVERSIONS = SUMMARY.at("conversions");
    private static final int S_REVENUE = SUMMARY.at("revenue");
    private static final int S_TOUCHPOINTS = SUMMARY.at("touchpoints");
    private static final int S_DATE = SUMMARY.at("conversion_date");
    private static final Layout PROGRESS = Layout.of(FunnelUnits.SCHEMA);
    private static final int P_FUNNEL = PROGRESS.at("funnel");
    private static final int P_DATE = PROGRESS.at("entered_date");
    private static final int P_LEVEL = PROGRESS.at("level");
    private static final int P_BREAKDOWN = PROGRESS.at("breakdown");
    private static final int P_STEP_TIMES = PROGRESS.at("step_times");
    private static final Layout BEST = Layout.of(Tables.FUNNEL_BEST.schema());
    private static final int B_FUNNEL = BEST.at("funnel");
    private static final int B_BREAKDOWN = BEST.at("breakdown");
    private static final int B_POS = BEST.at("pos");
    private static final int B_SECONDS = BEST.at("seconds");

    /** The shuffled rows' columns: {@link EventPacker}'s. */
    private static final int PERSON = EventPacker.PERSON;
    private static final int SESSION_ID = EventPacker.SESSION;
    private static final int T = EventPacker.T;
    private static final int K = EventPacker.K;
    private static final int ID = EventPacker.ID;
    private static final int JOURNEY = EventPacker.JOURNEY;
    private static final int EVENTS = EventPacker.EVENTS;

    /** Where the pass's input rows keep funnel 0's columns: after the journey. */
    private static final int FUNNEL_COLUMNS = JOURNEY + 1;
}
