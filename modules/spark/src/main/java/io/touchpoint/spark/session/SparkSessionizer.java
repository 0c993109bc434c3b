package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.col;

import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.core.session.Sessionizer;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Runs the core {@link Sessionizer} over Spark: one shuffle by visitor, one sort within partitions,
 * and one streaming pass that names each visitor's person and emits events (with session and
 * person), sessions and conversions together.
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
        MapPartitionsFunction<Row, Row> pass = rows -> new SessionizingIterator(rows, rules, inWindowIdx, read,
                visitorRowsInMemory);
        return sorted.mapPartitions(pass, Encoders.row(SessionizedSchema.SCHEMA));
    }

    /** Rows of one visitor held in memory before the rest go to a local file (about 1 KB each). */
    static final int VISITOR_ROWS_IN_MEMORY = 20_000;
    private static final String IN_WINDOW = "_in_window";
    private static final int VISITOR = 2;
    private static final int USER = 3;

    /** The core's event order by visitor (ties broken by where the row was read). */
    private static final Column[] ORDER_WITH_VISITOR = {col("visitor_id"), col("event_time"), col("event_id"),
        col("input_file_rank"), col("input_line")};

    /**
     * Pulls events through the push-style core sessioniser, one visitor at a time: a visitor's rows
     * are held until its last (see {@link VisitorRows}), when its person is known.
     */
    private static final class SessionizingIterator extends StreamingPass implements Sessionizer.Sink {
        private final Sessionizer sessionizer;
        private final int inWindowIdx;
        private final SessionizedColumns read;
        private final VisitorRows visitorRows;
        private String visitor;
        private String lastUser;

        SessionizingIterator(Iterator<Row> in, SessionRules rules, int inWindowIdx, SessionizedColumns read,
                             int visitorRowsInMemory) {
            super(in);
            this.sessionizer = new Sessionizer(rules, this);
            this.inWindowIdx = inWindowIdx;
            this.read = read;
            this.visitorRows = new VisitorRows(visitorRowsInMemory);
            // A task that fails mid-visitor leaves no spill file behind either.
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> visitorRows.close());
            }
        }

        @Override
        protected void push(Row r) {
            String v = r.getString(VISITOR);
            if (!v.equals(visitor)) {
                flushVisitor();
                visitor = v;
            }
            if (!r.isNullAt(USER)) {
                lastUser = r.getString(USER);
            }
            // Rows outside a range run's window name the person too, but are not sessionised.
            if (inWindowIdx < 0 || !r.isNullAt(inWindowIdx) && r.getBoolean(inWindowIdx)) {
                visitorRows.add(r);
            }
        }

        private void flushVisitor() {
            String person = lastUser != null ? lastUser : visitor;
            visitorRows.drain(r -> sessionizer.accept(ParsedSchema.toEvent(r), person));
            lastUser = null;
        }

        @Override
        protected void end() {
            flushVisitor();
            sessionizer.finish();
        }

        @Override
        public void event(SessionizedEvent e) {
            emit(SessionizedSchema.eventRow(e, read.events()));
        }

        @Override
        public void session(Session s) {
            emit(SessionizedSchema.sessionRow(s, read.sessions()));
        }

        @Override
        public void conversion(Conversion c) {
            emit(SessionizedSchema.conversionRow(c, read.conversions()));
        }
    }
}
