package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.SparkTestBase;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Visitors whose rows do not fit the in-memory limit (here: more than two rows) are spilled to a
 * local file and replayed: the sessions, people and conversions are the same as when held in memory.
 */
class SparkSessionizerSpillTest extends SparkTestBase {
    @TempDir
    static Path out;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void spilledVisitorsAreSessionisedAsVisitorsHeldInMemory(boolean rangeRun) {
        TouchpointConfig config = config(out, "touchpoint.input.path", SAMPLE.getPath());
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions(),
                EventNormalizer.Limits.of(config.input(), java.time.Instant.now()));
        SessionRules rules = new SessionRules(config.sessions(), config.input().timeZone(), config.channelRules(),
                config.goals());
        Dataset<Row> accepted = InputReader.read(spark, config.input(), normalizer)
                .where(col("status").equalTo(ParsedSchema.ACCEPTED));
        // A range run sessionises part of the rows; the others still name the person.
        Row span = accepted.agg(min("event_time"), max("event_time")).first();
        Instant from = span.<Instant>getAs(0), to = span.<Instant>getAs(1);
        Column window = rangeRun ? col("event_time").geq(lit(from.plus(java.time.Duration.between(from, to).dividedBy(2)))) : null;

        Dataset<Row> events = accepted.select(SessionizedSchema.columns(ParsedSchema.EVENT_COLUMNS));
        if (window != null) {
            events = events.withColumn(io.touchpoint.spark.ingest.IngestPass.IN_WINDOW, window);
        }
        io.touchpoint.spark.output.TaskReports reports = new io.touchpoint.spark.output.TaskReports();
        spark.sparkContext().register(reports);
        SparkSessionizer.Output counts = new SparkSessionizer.Output(
                io.touchpoint.spark.output.PassOutput.countsOnly("visitor", reports), SessionizedColumns.ALL);
        Dataset<Row> inMemory = SparkSessionizer.sessionise(events, rules, counts, SparkSessionizer.VISITOR_ROWS_IN_MEMORY);
        Dataset<Row> spilled = SparkSessionizer.sessionise(events, rules, counts, 2);

        long rows = inMemory.count();
        assertThat(rows).isGreaterThan(rangeRun ? 1_000 : 10_000);
        assertThat(spilled.count()).isEqualTo(rows);
        assertThat(inMemory.exceptAll(spilled).count()).isZero();
        assertThat(spilled.exceptAll(inMemory).count()).isZero();
        // The sample stitches visitors into people: the spilled path must have kept that too.
        assertThat(spilled.where(col("person_id").notEqual(col("visitor_id"))).count()).isPositive();
    }
}
