package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.core.session.Sessionizer;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Runs the core {@link Sessionizer} over Spark: one shuffle by visitor, a sort within partitions,
 * and one streaming pass that emits events (with session and person) and sessions together.
 */
public final class SparkSessionizer {
    private SparkSessionizer() {
    }

    /** Accepted rows of {@link ParsedSchema} in; rows of {@link SessionizedSchema} out. */
    public static Dataset<Row> sessionise(Dataset<Row> accepted, SessionRules rules) {
        return sessionise(accepted, accepted, rules);
    }

    /**
     * @param people the rows whose user ids decide each visitor's person: all accepted rows, even
     *     when only a date window of them is sessionised, so every run agrees on who is who
     */
    public static Dataset<Row> sessionise(Dataset<Row> accepted, Dataset<Row> people, SessionRules rules) {
        // People: the latest user_id of each visitor, in the same order the core uses.
        Dataset<Row> persons = people.where(col("user_id").isNotNull())
                .groupBy(col("visitor_id").as("p_visitor_id"))
                .agg(max_by(col("user_id"), struct(col("event_time"), col("event_id"), col("input_file"),
                        col("input_line"))).as("person_user"));
        // Repartition first: a broadcast join keeps this partitioning and a sort-merge join reuses it.
        Dataset<Row> sorted = accepted.repartition(col("visitor_id"))
                .join(persons, col("visitor_id").equalTo(col("p_visitor_id")), "left")
                .select(col("*"), coalesce(col("person_user"), col("visitor_id")).as("person_id"))
                .drop("p_visitor_id", "person_user")
                .sortWithinPartitions("visitor_id", "event_time", "event_id", "input_file", "input_line");
        int personIdx = ParsedSchema.SCHEMA.size();
        MapPartitionsFunction<Row, Row> pass = rows -> new SessionizingIterator(rows, rules, personIdx);
        return sorted.mapPartitions(pass, Encoders.row(SessionizedSchema.SCHEMA));
    }

    /** Pulls events through the push-style core sessioniser, buffering at most a few rows. */
    private static final class SessionizingIterator extends StreamingPass implements Sessionizer.Sink {
        private final Sessionizer sessionizer;
        private final int personIdx;

        SessionizingIterator(Iterator<Row> in, SessionRules rules, int personIdx) {
            super(in);
            this.sessionizer = new Sessionizer(rules, this);
            this.personIdx = personIdx;
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
            emit(SessionizedSchema.eventRow(e));
        }

        @Override
        public void session(Session s) {
            emit(SessionizedSchema.sessionRow(s));
        }

        @Override
        public void conversion(Conversion c) {
            emit(SessionizedSchema.conversionRow(c));
        }
    }
}
