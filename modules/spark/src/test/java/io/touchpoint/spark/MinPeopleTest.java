package io.touchpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Pipeline;
import io.touchpoint.spark.report.ReportData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.min-people}: 0 keeps every model_comparison and report row (as before the option);
 * k hides exactly the rows that fewer than k people make up (checked against direct counts over
 * attribution_credit, conversions and funnel_progress), says how many, and leaves
 * attribution_summary and funnel_steps as they were.
 */
class MinPeopleTest extends SparkTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path plain;
    static Path hiding;
    static Pipeline.Result plainResult;
    static Pipeline.Result hidingResult;
    /** A threshold that hides some rows of model_comparison and keeps others. */
    static int k;

    static TouchpointConfig sampleConfig(Path out, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.input.path", SAMPLE.getPath());
        m.put("touchpoint.output.path", out.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(Optional.of(Path.of("../../touchpoint.conf").toFile()), m);
    }

    @BeforeAll
    static void runTwice() {
        plain = dir.resolve("plain");
        plainResult = run(sampleConfig(plain));
        List<Long> counts = new ArrayList<>(people(plain, "goal", "channel").values());
        counts.sort(null);
        k = (int) (long) counts.get(counts.size() / 2); // the median: rows on both sides
        assertThat(counts.get(0)).isLessThan(k);
        hiding = dir.resolve("hiding");
        hidingResult = run(sampleConfig(hiding, "touchpoint.report.min-people", k));
    }

    /** Distinct people of attribution_credit per group, counted directly. */
    static Map<List<String>, Long> people(Path out, String... columns) {
        Map<List<String>, Long> m = new HashMap<>();
        Dataset<Row> credit = table(out, "attribution_credit");
        for (Row r : credit.groupBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
                .agg(countDistinct("person_id").as("n")).collectAsList()) {
            List<String> key = new ArrayList<>();
            for (String c : columns) {
                key.add(String.valueOf(r.<Object>getAs(c)));
            }
            m.put(key, r.<Long>getAs("n"));
        }
        return m;
    }

    static Set<List<String>> groups(Path out) {
        Set<List<String>> s = new HashSet<>();
        for (Row r : table(out, "model_comparison").collectAsList()) {
            s.add(List.of(r.<String>getAs("goal"), String.valueOf(r.<String>getAs("channel"))));
        }
        return s;
    }

    static void assertSameRows(Dataset<Row> a, Dataset<Row> b) {
        assertThat(a.count()).isEqualTo(b.count());
        assertThat(a.exceptAll(b).count()).isZero();
        assertThat(b.exceptAll(a).count()).isZero();
    }

    @Test
    void zeroKeepsEveryRowAsBefore() throws Exception {
        Set<List<String>> summaryGroups = new HashSet<>();
        for (Row r : table(plain, "attribution_summary").select("goal", "channel").distinct().collectAsList()) {
            summaryGroups.add(List.of(r.getString(0), String.valueOf(r.<String>getAs("channel"))));
        }
        assertThat(groups(plain)).isEqualTo(summaryGroups);
        assertThat(plainResult.comparison().hidden()).isZero();
        assertThat(plainResult.comparison().lines()).isEqualTo(plainResult.comparison().allLines());
        JsonNode zero = JSON.readTree(ReportData.build(spark, plain.toString(), "t", "EUR", 0));
        JsonNode before = JSON.readTree(ReportData.build(spark, plain.toString(), "t", "EUR"));
        assertThat(zero.has("privacy")).isFalse();
        assertThat(zero.path("comparison").size()).isEqualTo(summaryGroups.size());
        for (String f : List.of("comparison", "campaigns", "journeys", "funnels", "notes", "headline")) {
            assertThat(zero.get(f)).as(f).isEqualTo(before.get(f));
        }
    }

    @Test
    void modelComparisonLeavesOutRowsOfFewerPeople() {
        Map<List<String>, Long> direct = people(hiding, "goal", "channel");
        Set<List<String>> expected = new HashSet<>();
        direct.forEach((g, n) -> {
            if (n >= k) {
                expected.add(g);
            }
        });
        assertThat(expected).isNotEmpty().hasSizeLessThan(direct.size());
        assertThat(groups(hiding)).isEqualTo(expected);
        assertThat(hidingResult.comparison().hidden()).isEqualTo(direct.size() - expected.size());
        // The rows kept are those of k = 0, unchanged.
        Dataset<Row> kept = table(hiding, "model_comparison");
        assertSameRows(kept, table(plain, "model_comparison").join(kept.select("goal", "channel"),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("goal", "channel")).toSeq(), "left_semi"));
        // The public tables are not filtered.
        for (String t : List.of("attribution_summary", "funnel_steps")) {
            assertSameRows(table(hiding, t), table(plain, t));
        }
    }

    @Test
    void reportHidesRowsOfFewerPeopleAndSaysHowMany() throws Exception {
        JsonNode r = JSON.readTree(ReportData.build(spark, hiding.toString(), "t", "EUR", k));
        Map<List<String>, Long> byChannel = people(hiding, "goal", "channel");
        Map<List<String>, Long> byCampaign = people(hiding, "goal", "channel", "campaign");

        Set<List<String>> shown = new HashSet<>();
        r.path("comparison").forEach(o -> shown.add(List.of(o.path("goal").asText(), o.path("channel").asText())));
        assertThat(shown).isEqualTo(groups(hiding));
        long channelsHidden = byChannel.values().stream().filter(n -> n < k).count();

        Set<List<String>> campaigns = new HashSet<>();
        r.path("campaigns").forEach(o -> campaigns.add(List.of(o.path("goal").asText(), o.path("channel").asText(),
                o.path("campaign").asText())));
        Set<List<String>> expectedCampaigns = new HashSet<>();
        byCampaign.forEach((g, n) -> {
            if (n >= k) {
                expectedCampaigns.add(g);
            }
        });
        assertThat(campaigns).isEqualTo(expectedCampaigns);
        long campaignsHidden = byCampaign.size() - expectedCampaigns.size();
        assertThat(campaignsHidden).isPositive();

        // Touchpoint counts: each bucket shown has k people or more.
        Map<Integer, Long> byCount = new HashMap<>();
        table(hiding, "conversions").groupBy("touchpoint_count").agg(countDistinct("person_id").as("n")).collectAsList()
                .forEach(x -> byCount.put(x.<Integer>getAs("touchpoint_count"), x.<Long>getAs("n")));
        List<Integer> counts = new ArrayList<>();
        r.path("journeys").path("touchpoints").forEach(o -> counts.add(o.path("touchpoints").asInt()));
        assertThat(counts).isEqualTo(byCount.entrySet().stream().filter(e -> e.getValue() >= k).map(Map.Entry::getKey).sorted().toList());

        // Funnel breakdowns: person funnels by units at step 1; session funnels by their sessions' people.
        Map<String, Long> sessionPeople = new HashMap<>();
        table(hiding, "funnel_progress").where(col("funnel").equalTo("session_checkout"))
                .join(table(hiding, "sessions").select(col("session_id").as("unit_id"), col("person_id")), "unit_id")
                .groupBy(org.apache.spark.sql.functions.coalesce(col("breakdown"), org.apache.spark.sql.functions.lit("(none)")).as("b"))
                .agg(countDistinct("person_id").as("n")).collectAsList()
                .forEach(x -> sessionPeople.put(x.getString(0), x.getLong(1)));
        Map<String, Long> personUnits = new HashMap<>();
        table(hiding, "funnel_steps").where("funnel = 'checkout' AND breakdown <> 'all' AND step_index = 1").collectAsList()
                .forEach(x -> personUnits.put(x.<String>getAs("breakdown"), x.<Long>getAs("units")));
        long breakdownsHidden = 0;
        for (JsonNode f : r.path("funnels")) {
            Map<String, Long> behind = f.path("name").asText().equals("checkout") ? personUnits
                    : f.path("name").asText().equals("session_checkout") ? sessionPeople : Map.of();
            List<String> values = new ArrayList<>();
            f.path("breakdown").forEach(b -> values.add(b.path("value").asText()));
            values.forEach(v -> assertThat(behind.getOrDefault(v, 0L)).as(f.path("name") + " " + v).isGreaterThanOrEqualTo(k));
            if (!behind.isEmpty()) {
                breakdownsHidden += behind.size() - values.size();
            }
        }

        JsonNode p = r.path("privacy");
        assertThat(p.path("min_people").asInt()).isEqualTo(k);
        assertThat(p.path("hidden").path("channels").asLong()).isEqualTo(channelsHidden);
        assertThat(p.path("hidden").path("campaigns").asLong()).isEqualTo(campaignsHidden);
        assertThat(p.path("hidden").path("funnel_breakdown_values").asLong()).isEqualTo(breakdownsHidden);
        assertThat(p.path("hidden").path("paths").asLong()).isPositive();
        long sum = 0;
        for (JsonNode n : p.path("hidden")) {
            sum += n.asLong();
        }
        long total = sum;
        assertThat(p.path("hidden_rows").asLong()).isEqualTo(total);
        List<String> notes = new ArrayList<>();
        r.path("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("Rows that fewer than " + k + " people make up are hidden")
                .contains(total + " rows", channelsHidden + " channels", campaignsHidden + " campaigns"));
        assertThat(r.path("journeys").path("top_paths").size()).isPositive();
    }

    @Test
    void dayByDayRunsGiveTheSameComparisonAsOneRun() {
        Path days = dir.resolve("days");
        run(sampleConfig(days, "touchpoint.report.min-people", k, "touchpoint.range.from", "2026-09-01",
                "touchpoint.range.to", "2026-09-15"));
        run(sampleConfig(days, "touchpoint.report.min-people", k, "touchpoint.range.from", "2026-09-16",
                "touchpoint.range.to", "2026-09-30"));
        Path whole = dir.resolve("whole");
        run(sampleConfig(whole, "touchpoint.report.min-people", k, "touchpoint.range.from", "2026-09-01",
                "touchpoint.range.to", "2026-09-30"));
        assertThat(groups(days)).isEqualTo(groups(whole));
        assertSameRows(table(days, "model_comparison"), table(whole, "model_comparison"));
    }
}
