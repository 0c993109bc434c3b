package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.AttributionPipeline;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.session.SessionPipeline;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution on the sample: tables, invariants, Spark equals core, and one pass for all models. */
class AttributionSparkTest extends SparkTestBase {
    /** Purchase events among accepted, de-duplicated rows (recounted with Python's csv module). */
    static final long GOLDEN_CONVERSIONS = 121;

    @TempDir
    static Path out;

    static TouchpointConfig config;
    static io.touchpoint.spark.pipeline.Pipeline.Result result;

    @BeforeAll
    static void runSample() {
        config = config(out, "touchpoint.input.path", SAMPLE.getPath());
        result = run(config);
    }

    private static Dataset<Row> table(String name) {
        return table(out, name);
    }

    @Test
    void everyPurchaseIsAConversionWithItsSession() {
        assertThat(result.conversions()).isEqualTo(GOLDEN_CONVERSIONS);
        assertThat(result.manifest().tables().get("conversions").rows()).isEqualTo(GOLDEN_CONVERSIONS);
        Dataset<Row> conversions = table("conversions");
        assertThat(conversions.count()).isEqualTo(GOLDEN_CONVERSIONS);
        assertThat(conversions.select("conversion_id").distinct().count()).isEqualTo(GOLDEN_CONVERSIONS);
        assertThat(conversions.join(table("sessions"), new String[] {"session_id", "person_id"}).count())
                .isEqualTo(GOLDEN_CONVERSIONS);
        Row sums = table("sessions").selectExpr("sum(conversions)", "round(sum(revenue), 2)").first();
        assertThat(sums.getLong(0)).isEqualTo(GOLDEN_CONVERSIONS);
        assertThat(sums.getDouble(1)).isEqualTo(
                conversions.selectExpr("round(sum(revenue), 2)").first().getDouble(0));
    }

    @Test
    void creditsSumToOnePerConversionAndModel() {
        Dataset<Row> credit = table("attribution_credit");
        assertThat(credit.groupBy("conversion_id", "model").sum("credit").where("abs(`sum(credit)` - 1) > 1e-9").count())
                .isZero();
        assertThat(credit.where("credit < 0 OR revenue_credit < 0").count()).isZero();
        assertThat(credit.select("model").distinct().count()).isEqualTo(config.attribution().models().size());
        // touchpoint_index runs 1..touchpoint_count, chronologically, the converting session last.
        assertThat(credit.groupBy("conversion_id", "model").agg(org.apache.spark.sql.functions.max("touchpoint_index").as("m"),
                org.apache.spark.sql.functions.first("touchpoint_count").as("n")).where("m != n").count()).isZero();
        assertThat(credit.join(table("conversions").select("conversion_id", "session_id"),
                new String[] {"conversion_id", "session_id"}).where("touchpoint_index != touchpoint_count").count()).isZero();
    }

    @Test
    void comparisonAddsUpToAllConversionsForEveryModel() {
        List<Row> rows = table("model_comparison").collectAsList();
        for (String key : result.comparison().keys().values()) {
            double total = rows.stream().mapToDouble(r -> r.<Double>getAs(key + "_conversions")).sum();
            assertThat(total).as(key).isCloseTo(GOLDEN_CONVERSIONS, within(1e-6));
        }
        Row direct = rows.stream().filter(r -> r.getAs("channel").equals("Direct")).findFirst().orElseThrow();
        assertThat(direct.<Double>getAs("first_conversions_vs_last"))
                .isCloseTo(direct.<Double>getAs("first_conversions") - direct.<Double>getAs("last_conversions"), within(1e-9));
        assertThat(table("model_comparison").columns()).startsWith("goal", "channel", "cost", "first_conversions", "first_revenue",
                "first_cpa", "first_roas", "last_conversions");
        // Without a spend file there is no cost, so no CPA or ROAS.
        assertThat(table("model_comparison").where("cost IS NOT NULL OR first_cpa IS NOT NULL OR last_roas IS NOT NULL").count())
                .isZero();
        Row summary = table("attribution_summary").where("model = 'last'").selectExpr("sum(conversions)").first();
        assertThat(summary.getDouble(0)).isCloseTo(GOLDEN_CONVERSIONS, within(1e-6));
    }

    @Test
    void sparkCreditsEqualCoreCredits() throws Exception {
        SessionPipeline.Result core = CoreReference.sessions(config, SAMPLE);
        Set<String> expected = new HashSet<>();
        for (AttributionPipeline.Attributed a : AttributionPipeline.run(core.sessions(), core.conversions(),
                config.attribution())) {
            for (int m = 0; m < config.attribution().models().size(); m++) {
                AttributionModel model = config.attribution().models().get(m);
                double[] c = a.credits().get(m);
                for (int i = 0; i < c.length; i++) {
                    expected.add(key(a.conversion().conversionId(), model.name(), i + 1,
                            a.journey().touchpoints().get(i).sessionId(), c[i]));
                }
            }
        }
        Set<String> actual = new HashSet<>();
        for (Row r : table("attribution_credit").collectAsList()) {
            actual.add(key(r.getAs("conversion_id"), r.getAs("model"), r.getAs("touchpoint_index"), r.getAs("session_id"),
                    r.getAs("credit")));
        }
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    }

    @Test
    void allModelsRunInOneJourneyPass() throws Exception {
        int one = jobsFor("last");
        int all = jobsFor("first", "last", "last_non_direct", "linear", "position_based", "time_decay", "position_decay");
        assertThat(all).isEqualTo(one);
    }

    @Test
    void summaryAndComparisonAgreeWithTheCredits() {
        Row fromCredits = table("attribution_credit").where("model = 'linear'").selectExpr("sum(credit)", "sum(revenue_credit)").first();
        Row fromSummary = table("attribution_summary").where("model = 'linear'").selectExpr("sum(conversions)", "sum(revenue)").first();
        assertThat(fromSummary.getDouble(0)).isCloseTo(fromCredits.getDouble(0), within(1e-9));
        assertThat(fromSummary.getDouble(1)).isCloseTo(fromCredits.getDouble(1), within(1e-6));
        assertThat(table("attribution_summary").groupBy("goal", "model", "channel", "campaign", "conversion_date").count()
                .where("count > 1").count()).as("one row per group").isZero();
    }

    private static int jobsFor(String... models) throws Exception {
        Object[] kv = new Object[models.length * 2 + 2];
        kv[0] = "touchpoint.input.path";
        kv[1] = SAMPLE.getPath();
        for (int i = 0; i < models.length; i++) {
            kv[2 + 2 * i] = "touchpoint.attribution.models." + i;
            kv[3 + 2 * i] = models[i];
        }
        TouchpointConfig c = config(out.resolve("jobs-" + models.length), kv);
        AtomicInteger jobs = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            run(c);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        return jobs.get();
    }

    private static String key(String conversion, String model, int index, String session, double credit) {
        return conversion + "|" + model + "|" + index + "|" + session + "|" + Math.round(credit * 1e12);
    }
}
