package io.touchpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.funnel.FunnelStage;
import io.touchpoint.spark.person.PersonPass;
import io.touchpoint.spark.person.PersonSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's passes from input to person: their shape, and what the person pass adds. */
class PersonPassTest extends SparkTestBase {
    @TempDir
    static Path out;

    static TouchpointConfig config;
    static SessionsPipeline.Result sessions;

    @BeforeAll
    static void run() throws Exception {
        Path conf = out.resolve("funnels.conf");
        Files.writeString(conf, FunnelSparkTest.FUNNELS);
        config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", out.resolve("out").toString()));
        sessions = SessionsPipeline.run(spark, config, "person", l -> { });
    }

    @Test
    void inputToJourneysAndFunnelsIsTwoShufflesAndNoCache() throws Exception {
        // One shuffle by visitor (people and sessions in one pass, no window operator), one by person
        // (journeys, every model, every funnel), nothing cached; building it runs no Spark job.
        List<Dataset<Row>> built = new java.util.ArrayList<>();
        assertThat(jobsDuring(() -> built.add(PersonPass.fromInput(spark, config)))).isZero();
        Dataset<Row> person = built.get(0);
        List<org.apache.spark.rdd.RDD<?>> lineage = lineage(person);
        assertThat(shuffles(person)).isEqualTo(2);
        assertThat(lineage).allSatisfy(r -> assertThat(r.getStorageLevel().useMemory() || r.getStorageLevel().useDisk()).isFalse());

        // Its totals are the written pipeline's counts.
        Row totals = person.where(col("kind").equalTo(PersonSchema.TOTALS))
                .agg(sum("session_count"), sum("conversion_count")).first();
        assertThat(totals.getLong(0)).isEqualTo(sessions.sessionCount());
        assertThat(totals.getLong(1)).isEqualTo(sessions.conversions());
    }

    @Test
    void theComputeRunLeavesUnreadColumnsBehindAndGetsTheSameResults() throws Exception {
        // Funnels on event names only: the compute run carries no URL and no user agent past ingest.
        Path conf = out.resolve("names.conf");
        Files.writeString(conf, """
                touchpoint.funnels = [
                  { name = checkout, window = 1d, unit = person, breakdown = channel,
                    steps = [product_view, add_to_cart, begin_checkout, purchase] }
                  { name = landing_to_cart, window = 1h, unit = session, mode = [strict_order],
                    steps = [page_view, product_view, add_to_cart] }
                ]
                """);
        TouchpointConfig names = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", out.resolve("names").toString()));
        assertThat(io.touchpoint.spark.ingest.CarriedColumns.forSummaries(names).dropped())
                .containsExactlyInAnyOrder("page_url", "referrer_url", "user_agent");

        Dataset<Row> pruned = PersonPass.fromInput(spark, names);
        SessionsPipeline.Result full = SessionsPipeline.run(spark, names, "names", l -> { });
        try {
            Dataset<Row> carried = PersonPass.run(names, full.cached(), true);
            // Every conversion, credit, funnel row and total, not just the counts.
            assertThat(pruned.count()).isEqualTo(carried.count()).isGreaterThan(1000);
            assertThat(pruned.exceptAll(carried).count()).isZero();
            assertThat(carried.exceptAll(pruned).count()).isZero();
        } finally {
            full.release();
        }
    }

    @Test
    void aReaderGetsTheSameResultWhenThePassesLeaveWhatItDoesNotReadNull() {
        java.util.function.UnaryOperator<Dataset<Row>> summary = person -> person
                .where(col("kind").isin(io.touchpoint.spark.attribution.AttributionSchema.CREDIT, PersonSchema.TOTALS)
                        .or(col("kind").equalTo(PersonSchema.PROGRESS).and(col("best"))))
                .groupBy(col("kind"), col("model"), col("channel"), col("funnel"), col("level"))
                .agg(sum("credit"), sum("session_count"), sum("conversion_count"));
        Dataset<Row> pruned = PersonPass.fromInput(spark, config, summary);
        Dataset<Row> whole = summary.apply(PersonPass.fromInput(spark, config));

        assertThat(pruned.count()).isEqualTo(whole.count()).isGreaterThan(50);
        assertThat(pruned.exceptAll(whole).count()).isZero();
        assertThat(whole.exceptAll(pruned).count()).isZero();
        // And the pruning is real: the person pass leaves the ids and dates of a credit row out.
        assertThat(io.touchpoint.spark.ReadColumns.readBy(spark, PersonSchema.SCHEMA, summary).unread())
                .contains("conversion_id", "person_id", "session_id", "conversion_date")
                .doesNotContain("kind", "model", "channel", "credit");
    }

    @Test
    void theBestFlagMarksEachUnitsBestEntryDay() {
        Dataset<Row> person = PersonPass.run(config, sessions.cached(), false);
        Set<String> flagged = keys(person.where(col("kind").equalTo(PersonSchema.PROGRESS).and(col("best"))));
        Set<String> ranked = keys(FunnelStage.bestPerUnit(PersonPass.progress(person)));
        assertThat(flagged).isNotEmpty().isEqualTo(ranked);
        // Not trivially so: some units entered on more than one day.
        assertThat(PersonPass.progress(person).count()).isGreaterThan(flagged.size());
    }

    private static Set<String> keys(Dataset<Row> progress) {
        return progress.select("funnel", "unit_id", "entered_at").collectAsList().stream()
                .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).collect(Collectors.toSet());
    }
}
