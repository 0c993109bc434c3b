package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.col;

import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.core.session.Sessionizer;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.TrafficSource;
import io.touchpoint.spark.ReadColumns;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.OutRows;
import io.touchpoint.spark.rows.SparkRows;
import java.util.Iterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs the core {@link Sessionizer} over Spark: one shuffle by visitor, one sort within partitions,
 * and one streaming pass that names each visitor's person and emits events (with session and
 * person), sessions and conversions together. The pass reads and writes Spark's own rows: a
 * visitor's id is compared as bytes and decoded once per visitor, and an event's values leave as
 * the very Spark strings they came in as.
 */
public final class SparkSessionizer {
    private SparkSessionizer() {
    }

    /** Accepted rows of {@link ParsedSchema} in (only its {@link ParsedSchema#EVENT_COLUMNS} are read); rows of {@link SessionizedSchema} out. */
    public static Dataset<Row> sessionise(Dataset<Row> accepted, SessionRules rules) {
        return sessionise(accepted, null, rules, SessionizedColumns.ALL);
    }

    /**
     * @param window which of the accepted rows to sessionise (a range run's read window), or null
     *     for all; the people are decided over all accepted rows, so every run agrees on who is who
     * @param read the output columns the caller reads, by kind of row (the others come out null)
     */
    public static Dataset<Row> sessionise(Dataset<Row> accepted, Column window, SessionRules rules,
                                          SessionizedColumns read) {
        return sessionise(accepted, window, rules, read, VISITOR_ROWS_IN_MEMORY);
    }

    /** As above, holding at most {@code visitorRowsInMemory} rows of one visitor in memory (tests spill with few). */
    static Dataset<Row> sessionise(Dataset<Row> accepted, Column window, SessionRules rules, SessionizedColumns read,
                                   int visitorRowsInMemory) {
        // A visitor's person is its latest user_id in the core's event order. The pass holds each
        // visitor's rows until its last one, so the person comes from the same shuffle and sort the
        // sessioniser needs: no window operator (which copied every row twice), no aggregate, no join.
        Dataset<Row> events = accepted.select(SessionizedSchema.columns(ParsedSchema.EVENT_COLUMNS));
        if (window != null) {
            events = events.withColumn(IN_WINDOW, window);
        }
        Dataset<Row> sorted = events.repartition(col("visitor_id")).sortWithinPartitions(ORDER_WITH_VISITOR);
        int inWindowIdx = window == null ? -1 : ParsedSchema.EVENT_COLUMNS.length;
        return SparkRows.mapPartitions(sorted, SessionizedSchema.SCHEMA,
                rows -> new SessionizingIterator(rows, rules, inWindowIdx, read, visitorRowsInMemory));
    }

    /** Rows of one visitor held in memory before the rest go to a local file (about 1 KB each). */
    static final int VISITOR_ROWS_IN_MEMORY = 20_000;
    private static final String IN_WINDOW = "_in_window";
    /** Positions in {@link ParsedSchema#EVENT_COLUMNS}. */
    private static final int VISITOR = 2;
    private static final int USER = 3;
    private static final int TIME = 1;
    private static final int REVENUE = 12;
    private static final int LINE = 16;
    private static final int COLUMNS = ParsedSchema.EVENT_COLUMNS.length;

    /** The core's event order by visitor (ties broken by where the row was read). */
    private static final Column[] ORDER_WITH_VISITOR = {col("visitor_id"), col("event_time"), col("event_id"),
        col("input_file_rank"), col("input_line")};

    /**
     * The columns of an event row of {@link SessionizedSchema} that repeat an input column
     * unchanged, and that input column: such a value can leave as the input's own Spark string.
     */
    private static int[][] passed(ReadColumns read) {
        java.util.List<String> in = java.util.List.of(ParsedSchema.EVENT_COLUMNS);
        String[] out = SessionizedSchema.SCHEMA.fieldNames();
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            int from = in.indexOf(out[i]);
            if (from >= 0 && ParsedSchema.SCHEMA.apply(out[i]).dataType().equals(DataTypes.StringType)
                    && !read.unread().contains(out[i])) {
                pairs.add(new int[] {i, from});
            }
        }
        return pairs.toArray(int[][]::new);
    }

    /**
     * Pulls events through the push-style core sessioniser, one visitor at a time: a visitor's rows
     * are held until its last (see {@link VisitorRows}), when its person is known.
     */
    private static final class SessionizingIterator extends StreamingPass implements Sessionizer.Sink {
        private final Sessionizer sessionizer;
        private final int inWindowIdx;
        private final OutRows events;
        /** (event row column, input column) of the values an event row may pass through. */
        private final int[][] passed;
        private final OutRows sessions;
        private final OutRows conversions;
        private final VisitorRows visitorRows;
        /** Visitor and user ids, decoded when they change (rows come sorted by visitor). */
        private final LastString visitors = new LastString();
        private final LastString users = new LastString();
        /** The current visitor, and its latest user id so far. */
        private String visitor;
        private String lastUser;
        /** The row being sessionised, and its string values as decoded for the core's event. */
        private InternalRow row;
        private final String[] fields = new String[COLUMNS];
        private Event event;

        SessionizingIterator(Iterator<InternalRow> in, SessionRules rules, int inWindowIdx, SessionizedColumns read,
                             int visitorRowsInMemory) {
            super(in);
            this.sessionizer = new Sessionizer(rules, this);
            this.inWindowIdx = inWindowIdx;
            this.events = read.events().out();
            this.passed = passed(read.events());
            this.sessions = read.sessions().out();
            this.conversions = read.conversions().out();
            this.visitorRows = new VisitorRows(visitorRowsInMemory);
            // A task that fails mid-visitor leaves no spill file behind either.
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> visitorRows.close());
            }
        }

        @Override
        protected void push(InternalRow r) {
            String v = visitors.of(r.getUTF8String(VISITOR));
            if (v != visitor) { // a new instance: other bytes
                flushVisitor();
                visitor = v;
            }
            if (!r.isNullAt(USER)) {
                lastUser = users.of(r.getUTF8String(USER));
            }
            // Rows outside a range run's window name the person too, but are not sessionised.
            if (inWindowIdx < 0 || !r.isNullAt(inWindowIdx) && r.getBoolean(inWindowIdx)) {
                visitorRows.add(r.copy());
            }
        }

        private void flushVisitor() {
            if (visitor == null) {
                return;
            }
            String person = lastUser != null ? lastUser : visitor;
            visitorRows.drain(r -> {
                row = r;
                event = toEvent(r);
                sessionizer.accept(event, person);
            });
            row = null;
            event = null;
            lastUser = null;
        }

        /** A row of {@link ParsedSchema#EVENT_COLUMNS} as a core event (its file is left out, its rank sorted on). */
        private Event toEvent(InternalRow r) {
            for (int i = 0; i < COLUMNS; i++) {
                fields[i] = null;
            }
            for (int i : STRINGS) {
                if (!r.isNullAt(i)) {
                    fields[i] = i == VISITOR ? visitor : i == USER ? users.of(r.getUTF8String(i))
                            : r.getUTF8String(i).toString();
                }
            }
            return new Event(fields[0], r.getLong(TIME), fields[2], fields[3], fields[4], fields[5], fields[6],
                    new TrafficSource(fields[7], fields[8], fields[9], fields[10], fields[11]),
                    r.isNullAt(REVENUE) ? null : r.getDouble(REVENUE), fields[13], fields[14], null, r.getLong(LINE));
        }

        @Override
        protected void end() {
            flushVisitor();
            sessionizer.finish();
        }

        @Override
        public void event(SessionizedEvent e) {
            Object[] values = SessionizedSchema.eventValues(e);
            if (e.event() == event) {
                // The values the event kept as they came: out as the input's own Spark strings.
                for (int[] p : passed) {
                    if (values[p[0]] != null && values[p[0]] == fields[p[1]]) {
                        values[p[0]] = row.getUTF8String(p[1]);
                    }
                }
            }
            emit(events.row(values));
        }

        @Override
        public void session(Session s) {
            emit(sessions.row(SessionizedSchema.sessionValues(s)));
        }

        @Override
        public void conversion(Conversion c) {
            emit(conversions.row(SessionizedSchema.conversionValues(c)));
        }
    }

    /** The string columns of {@link ParsedSchema#EVENT_COLUMNS} the core's event holds. */
    private static final int[] STRINGS = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14};
}
