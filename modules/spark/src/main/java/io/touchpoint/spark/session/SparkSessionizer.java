package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;

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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Runs the core {@link Sessionizer} over Spark: one shuffle by visitor, one sort within partitions
 * (shared by the window that names each visitor's person), and one streaming pass that emits
 * events (with session and person), sessions and conversions together.
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
        // A visitor's person is its latest user_id in the core's event order. A window over the whole
        // visitor computes it on the same shuffle and sort the sessioniser needs: no aggregate, no
        // join, and the input is read once, so nothing needs caching.
        WindowSpec visitor = Window.partitionBy(col("visitor_id")).orderBy(ORDER)
                .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        Dataset<Row> withPerson = accepted.select(SessionizedSchema.columns(ParsedSchema.EVENT_COLUMNS))
                .withColumn("person_id", coalesce(last(col("user_id"), true).over(visitor), col("visitor_id")));
        Dataset<Row> sorted = (window == null ? withPerson : withPerson.where(window))
                .sortWithinPartitions(ORDER_WITH_VISITOR); // already in this order: Spark plans no second sort
        int personIdx = ParsedSchema.EVENT_COLUMNS.length;
        MapPartitionsFunction<Row, Row> pass = rows -> new SessionizingIterator(rows, rules, personIdx, read);
        return sorted.mapPartitions(pass, Encoders.row(SessionizedSchema.SCHEMA));
    }

    /** The core's event order within a visitor (ties broken by where the row was read). */
    private static final Column[] ORDER = {col("event_time"), col("event_id"), col("input_file_rank"), col("input_line")};
    private static final Column[] ORDER_WITH_VISITOR = {col("visitor_id"), col("event_time"), col("event_id"),
        col("input_file_rank"), col("input_line")};

    /** Pulls events through the push-style core sessioniser, buffering at most a few rows. */
    private static final class SessionizingIterator extends StreamingPass implements Sessionizer.Sink {
        private final Sessionizer sessionizer;
        private final int personIdx;
        private final SessionizedColumns read;

        SessionizingIterator(Iterator<Row> in, SessionRules rules, int personIdx, SessionizedColumns read) {
            super(in);
            this.sessionizer = new Sessionizer(rules, this);
            this.personIdx = personIdx;
            this.read = read;
        }

        @Override
        protected void push(Row r) {
            sessionizer.accept(ParsedSchema.toEvent(r), r.getString(personIdx));
        }

        @Override
        protected void end() {
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
