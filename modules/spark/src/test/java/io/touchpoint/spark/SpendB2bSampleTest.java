package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.config.TouchpointConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled B2B sample with touchpoint-b2b.conf: its spend.csv (1,382 rows, 73,160.86 USD,
 * docs/b2b-inputs.md) is all in every goal x model of attribution_summary and in each goal's
 * model_comparison, with the campaigns' totals the generator printed, spend on a campaign without
 * sessions (thought_leader_ads) and on one without conversions (prospecting_display) kept.
 */
class SpendB2bSampleTest extends SparkTestBase {
    @TempDir
    static Path out;

    static TouchpointConfig c;

    @BeforeAll
    static void runB2b() {
        c = b2b(out);
        assertThat(c.spend().enabled()).isTrue();
        run(c);
    }

    /** Cents, so that sums of doubles compare exactly. */
    static long cents(double v) {
        return Math.round(v * 100);
    }

    @Test
    void everyGoalAndModelHoldsTheWholeSpend() {
        List<Row> rows = table(out, "attribution_summary").groupBy("goal", "model").agg(sum("cost").as("cost")).collectAsList();
        assertThat(rows).hasSize(c.goals().all().size() * c.attribution().models().size()); // every goal x model, CRM goals too
        for (Row r : rows) {
            assertThat(cents(r.<Double>getAs("cost"))).as(r.getString(0) + " " + r.getString(1)).isEqualTo(7_316_086L);
        }
        for (Row r : table(out, "model_comparison").groupBy("goal").agg(sum("cost").as("cost")).collectAsList()) {
            assertThat(cents(r.<Double>getAs("cost"))).as(r.getString(0)).isEqualTo(7_316_086L);
        }
    }

    @Test
    void campaignsKeepTheirSpendWithOrWithoutSessionsAndConversions() {
        Map<String, Long> expected = Map.of("abm_target_accounts", 2_052_515L, "generic_attribution_software", 1_795_620L + 367_734L,
                "software_listing", 877_802L, "prospecting_display", 744_703L, "brand_search", 587_916L,
                "thought_leader_ads", 448_611L, "retargeting_visitors", 441_185L);
        var lastDemo = table(out, "attribution_summary").where(col("goal").equalTo("demo_request").and(col("model").equalTo("last")));
        for (Row r : lastDemo.where(col("cost").isNotNull()).groupBy("campaign")
                .agg(sum("cost").as("cost"), sum("conversions").as("conversions"), sum("touchpoints").as("touchpoints")).collectAsList()) {
            String campaign = r.getAs("campaign");
            assertThat(cents(r.<Double>getAs("cost"))).as(campaign).isEqualTo(expected.get(campaign));
            if (campaign.equals("thought_leader_ads") || campaign.equals("prospecting_display")) {
                assertThat(r.<Double>getAs("conversions")).as(campaign).isZero();
            }
        }
        assertThat(table(out, "sessions").where("campaign = 'thought_leader_ads'").count()).isZero();
        assertThat(table(out, "sessions").where("campaign = 'prospecting_display'").count()).isPositive();
        Row display = table(out, "model_comparison").where("goal = 'demo_request' AND channel = 'Display'").first();
        assertThat(cents(display.<Double>getAs("cost"))).isEqualTo(744_703L);
        assertThat(display.<Double>getAs("last_conversions")).isZero();
        assertThat(display.<Double>getAs("last_cpa")).isNull();
    }
}
