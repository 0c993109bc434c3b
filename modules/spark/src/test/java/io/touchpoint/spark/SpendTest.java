package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.pipeline.Erasures;
import io.touchpoint.spark.report.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ad spend (touchpoint.spend) on a hand-made log whose cost, CPA and ROAS are worked out by hand
 * (the same numbers as docs/tables.md): costs joined per (conversion_date, channel, campaign) on
 * every goal and model row, spend without sessions or without conversions kept, the comparison's
 * cost per channel, a range run with only its dates' costs, erasure keeping every cost, other
 * formats read alike, and a bad spend file stopping the run before anything is written.
 *
 * <p>The log: visitor va lands from a Google ad (campaign brand) on 1 March and buys for 100 in a
 * direct visit on 2 March; vb lands from the same ad on 2 March and buys for 50; vc comes from a
 * Facebook ad (retarget) and buys nothing. Spend: brand 30 on 1 March, 40 + 20 (Google and Bing)
 * on 2 March; retarget 25 and thought_leaders (no session at all) 15 on 2 March.
 */
class SpendTest extends SparkTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENTS = """
            event_time,visitor_id,event_name,page_url,revenue
            2026-03-01T09:00:00Z,va,page_view,https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand,
            2026-03-02T10:00:00Z,va,page_view,https://shop.example/,
            2026-03-02T10:05:00Z,va,purchase,https://shop.example/thanks,100
            2026-03-02T11:00:00Z,vb,page_view,https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand,
            2026-03-02T11:05:00Z,vb,purchase,https://shop.example/thanks,50
            2026-03-02T12:00:00Z,vc,page_view,https://shop.example/?utm_source=facebook&utm_medium=cpc&utm_campaign=retarget,
            """;
    static final String SPEND = """
            date,channel,source,campaign,cost,currency
            2026-03-01,Paid Search,google,brand,30.00,USD
            2026-03-02,Paid Search,google,brand,40.00,USD
            2026-03-02,Paid Search,bing,brand,20.00,USD
            2026-03-02,Paid Social,facebook,retarget,25.00,USD
            2026-03-02,Paid Social,linkedin,thought_leaders,15.00,USD
            """;
    static final List<String> MODELS = List.of("first", "last", "linear");

    @TempDir
    static Path dir;
    static Path events;
    static Path spendCsv;
    static Path out;

    static TouchpointConfig spendConfig(Path output, Path spend, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("touchpoint.input.path", events.toString(),
                "touchpoint.attribution.models", MODELS, "touchpoint.report.enabled", false,
                "touchpoint.conversions.goals", List.of(Map.of("name", "purchase", "event-name", "purchase"),
                        Map.of("name", "signup", "event-name", "signup"))));
        if (spend != null) {
            kv.addAll(List.of("touchpoint.spend.path", spend.toString()));
        }
        kv.addAll(List.of(more));
        return config(output, kv.toArray());
    }

    @BeforeAll
    static void runWithSpend() throws Exception {
        events = Files.writeString(dir.resolve("events.csv"), EVENTS);
        spendCsv = Files.writeString(dir.resolve("spend.csv"), SPEND);
        out = dir.resolve("out");
        run(spendConfig(out, spendCsv));
    }

    /** attribution_summary of one goal as text: model, date, channel, campaign, conversions, revenue, touchpoints, cost, cpa, roas. */
    static List<String> summary(Path output, String goal) {
        List<String> rows = new ArrayList<>();
        for (Row r : table(output, "attribution_summary").where("goal = '" + goal + "'")
                .orderBy("model", "conversion_date", "channel", "campaign").collectAsList()) {
            rows.add(String.join(" | ", r.<String>getAs("model"), r.getAs("conversion_date").toString(), r.getAs("channel"),
                    r.getAs("campaign"), n(r.getAs("conversions")), n(r.getAs("revenue")), String.valueOf(r.<Long>getAs("touchpoints")),
                    n(r.getAs("cost")), n(r.getAs("cpa")), n(r.getAs("roas"))));
        }
        return rows;
    }

    static String n(Double v) {
        return v == null ? "null" : String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
    }

    /** model_comparison as text: goal, channel, cost, then per model conversions, revenue, cpa and roas. */
    static List<String> comparison(Path output) {
        List<String> rows = new ArrayList<>();
        for (Row r : table(output, "model_comparison").collectAsList()) {
            StringBuilder sb = new StringBuilder(r.<String>getAs("goal") + " | " + r.getAs("channel") + " | " + n(r.getAs("cost")));
            for (String m : MODELS) {
                sb.append(" | ").append(m).append(' ').append(n(r.getAs(m + "_conversions"))).append(' ').append(n(r.getAs(m + "_revenue")))
                        .append(' ').append(n(r.getAs(m + "_cpa"))).append(' ').append(n(r.getAs(m + "_roas")));
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    /** The cost of every (goal, model) of the summary: each holds all the spend of its dates, once. */
    static Map<String, Double> costByGoalAndModel(Path output) {
        Map<String, Double> m = new java.util.TreeMap<>();
        table(output, "attribution_summary").groupBy("goal", "model").agg(org.apache.spark.sql.functions.sum("cost")).collectAsList()
                .forEach(r -> m.put(r.getString(0) + "/" + r.getString(1), r.getDouble(2)));
        return m;
    }

    @Test
    void costCpaAndRoasByHand() {
        // cost of the day's (channel, campaign) on every row; cpa = cost / conversions; roas = revenue / cost.
        assertThat(summary(out, "purchase")).containsExactly(
                "first | 2026-03-01 | Paid Search | brand | 0 | 0 | 0 | 30 | null | 0",
                "first | 2026-03-02 | Direct | (not set) | 0 | 0 | 1 | null | null | null",
                "first | 2026-03-02 | Paid Search | brand | 2 | 150 | 2 | 60 | 30 | 2.5",
                "first | 2026-03-02 | Paid Social | retarget | 0 | 0 | 0 | 25 | null | 0",
                "first | 2026-03-02 | Paid Social | thought_leaders | 0 | 0 | 0 | 15 | null | 0",
                "last | 2026-03-01 | Paid Search | brand | 0 | 0 | 0 | 30 | null | 0",
                "last | 2026-03-02 | Direct | (not set) | 1 | 100 | 1 | null | null | null",
                "last | 2026-03-02 | Paid Search | brand | 1 | 50 | 2 | 60 | 60 | 0.8333",
                "last | 2026-03-02 | Paid Social | retarget | 0 | 0 | 0 | 25 | null | 0",
                "last | 2026-03-02 | Paid Social | thought_leaders | 0 | 0 | 0 | 15 | null | 0",
                "linear | 2026-03-01 | Paid Search | brand | 0 | 0 | 0 | 30 | null | 0",
                "linear | 2026-03-02 | Direct | (not set) | 0.5 | 50 | 1 | null | null | null",
                "linear | 2026-03-02 | Paid Search | brand | 1.5 | 100 | 2 | 60 | 40 | 1.6667",
                "linear | 2026-03-02 | Paid Social | retarget | 0 | 0 | 0 | 25 | null | 0",
                "linear | 2026-03-02 | Paid Social | thought_leaders | 0 | 0 | 0 | 15 | null | 0");
        // The comparison: each channel's cost over every date, once (not per model), and each model's CPA and ROAS.
        assertThat(comparison(out)).containsExactly(
                "purchase | Direct | null | first 0 0 null null | last 1 100 null null | linear 0.5 50 null null",
                "purchase | Paid Search | 90 | first 2 150 45 1.6667 | last 1 50 90 0.5556 | linear 1.5 100 60 1.1111",
                "purchase | Paid Social | 40 | first 0 0 null 0 | last 0 0 null 0 | linear 0 0 null 0",
                "signup | Paid Search | 90 | first 0 0 null 0 | last 0 0 null 0 | linear 0 0 null 0",
                "signup | Paid Social | 40 | first 0 0 null 0 | last 0 0 null 0 | linear 0 0 null 0");
        List<String> columns = List.of(table(out, "model_comparison").columns());
        assertThat(columns.subList(0, 7)).containsExactly("goal", "channel", "cost", "first_conversions", "first_revenue", "first_cpa",
                "first_roas");
        assertThat(List.of(table(out, "attribution_summary").columns())).containsExactly("goal", "model", "channel", "campaign",
                "conversions", "revenue", "touchpoints", "cost", "cpa", "roas", "conversion_date");
    }

    @Test
    void unspentSpendIsKeptForEveryGoalAndModel() {
        // thought_leaders has no session, retarget sessions but no conversion, signup no conversion at all:
        // every goal x model holds every cost, 130 in all.
        Map<String, Double> costs = costByGoalAndModel(out);
        assertThat(costs).hasSize(2 * MODELS.size());
        costs.forEach((k, v) -> assertThat(v).as(k).isCloseTo(130.0, within(1e-9)));
        for (String campaign : List.of("thought_leaders", "retarget")) {
            assertThat(table(out, "attribution_summary").where("campaign = '" + campaign + "' AND conversions = 0 AND touchpoints = 0")
                    .count()).as(campaign).isEqualTo(2 * MODELS.size());
        }
    }

    @Test
    void withoutSpendEveryCostIsNull() throws Exception {
        Path plain = dir.resolve("plain");
        run(spendConfig(plain, null));
        assertThat(table(plain, "attribution_summary").where("cost IS NOT NULL OR cpa IS NOT NULL OR roas IS NOT NULL").count()).isZero();
        assertThat(table(plain, "model_comparison").where("cost IS NOT NULL OR last_cpa IS NOT NULL OR last_roas IS NOT NULL").count())
                .isZero();
        // The credits are those of the run with spend: spend adds rows and columns, it changes no credit.
        assertThat(table(plain, "attribution_summary").drop("cost", "cpa", "roas").exceptAll(
                table(out, "attribution_summary").drop("cost", "cpa", "roas")).count()).isZero();
        assertThat(table(plain, "model_comparison").count()).isEqualTo(2); // no signup and no Paid Social rows without spend
    }

    @Test
    void aRangeRunUsesOnlyTheSpendOfItsDates() {
        Path daily = dir.resolve("daily");
        run(spendConfig(daily, spendCsv, "touchpoint.range.from", "2026-03-02", "touchpoint.range.to", "2026-03-02"));
        costByGoalAndModel(daily).forEach((k, v) -> assertThat(v).as(k).isCloseTo(100.0, within(1e-9)));
        assertThat(daily.resolve("attribution_summary/conversion_date=2026-03-01")).doesNotExist();
        // The other day's run adds its costs: day by day gives the tables of one run.
        run(spendConfig(daily, spendCsv, "touchpoint.range.from", "2026-03-01", "touchpoint.range.to", "2026-03-01"));
        assertThat(summary(daily, "purchase")).isEqualTo(summary(out, "purchase"));
        assertThat(comparison(daily)).isEqualTo(comparison(out));
    }

    @Test
    void erasingPeopleKeepsEveryCost() throws Exception {
        Path erased = dir.resolve("erased");
        TouchpointConfig c = spendConfig(erased, spendCsv);
        run(c);
        Erasures.erase(spark, c, Erasures.Kind.VISITOR_ID, "vb", "test", line -> { });
        // vb's last-touch conversion goes; the row stays with its cost, now without CPA.
        assertThat(summary(erased, "purchase")).contains(
                "last | 2026-03-02 | Paid Search | brand | 0 | 0 | 1 | 60 | null | 0",
                "first | 2026-03-02 | Paid Search | brand | 1 | 100 | 1 | 60 | 60 | 1.6667");
        costByGoalAndModel(erased).forEach((k, v) -> assertThat(v).as(k).isCloseTo(130.0, within(1e-9)));
        // With va gone too no credit is left on 2 March: the costs stay all the same.
        Erasures.erase(spark, c, Erasures.Kind.VISITOR_ID, "va", "test", line -> { });
        assertThat(table(erased, "attribution_summary").agg(org.apache.spark.sql.functions.sum("conversions")).first().getDouble(0)).isZero();
        costByGoalAndModel(erased).forEach((k, v) -> assertThat(v).as(k).isCloseTo(130.0, within(1e-9)));
        assertThat(comparison(erased)).contains("purchase | Paid Search | 90 | first 0 0 null 0 | last 0 0 null 0 | linear 0 0 null 0");
    }

    @Test
    void jsonLinesAndTypedParquetGiveTheSameCosts() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("spend.jsonl"), """
                {"date": "2026-03-01", "channel": "Paid Search", "campaign": "brand", "cost": 30, "currency": "USD"}
                {"date": "2026-03-02", "channel": "Paid Search", "campaign": "brand", "cost": 40.0, "currency": "USD"}
                {"date": "2026-03-02", "channel": "Paid Search", "campaign": "brand", "cost": "20.00", "currency": "usd"}
                {"date": "2026-03-02", "channel": "Paid Social", "campaign": "retarget", "cost": 25, "currency": "USD"}
                {"date": "2026-03-02", "channel": "Paid Social", "campaign": "thought_leaders", "cost": 15, "currency": "USD"}
                """);
        Path viaJson = dir.resolve("json");
        run(spendConfig(viaJson, jsonl, "touchpoint.spend.format", "json"));
        assertThat(summary(viaJson, "purchase")).isEqualTo(summary(out, "purchase"));

        // Parquet with typed columns (a date, a decimal) and its own names, renamed in the config.
        Path parquet = dir.resolve("spend.parquet");
        spark.read().option("header", true).csv(spendCsv.toString())
                .selectExpr("cast(date AS date) AS day", "channel", "campaign", "cast(cost AS decimal(12, 2)) AS amount", "currency")
                .coalesce(1).write().parquet(parquet.toString());
        Path viaParquet = dir.resolve("parquet");
        run(spendConfig(viaParquet, parquet, "touchpoint.spend.format", "parquet", "touchpoint.spend.columns.date", "day",
                "touchpoint.spend.columns.cost", "amount"));
        assertThat(summary(viaParquet, "purchase")).isEqualTo(summary(out, "purchase"));
    }

    @Test
    void aBadSpendFileStopsTheRunBeforeAnythingIsWritten() throws Exception {
        Path badRow = Files.writeString(dir.resolve("bad-row.csv"), SPEND.replace("25.00", "\"25,00\""));
        Path missingColumn = Files.writeString(dir.resolve("no-currency.csv"), "date,channel,campaign,cost\n2026-03-02,Display,,1\n");
        Path euros = Files.writeString(dir.resolve("eur.csv"), SPEND.replace("USD", "EUR"));
        record Case(Path spend, int exit, String message) {
        }
        List<Case> cases = List.of(
                new Case(badRow, 2, "Cost is not a plain decimal number: " + badRow + " row 4, cost = 25,00."),
                new Case(missingColumn, 3, "The spend file has no column 'currency'"),
                new Case(euros, 2, "The spend file's costs are in EUR (" + euros + " row 1) but the report's currency is USD"),
                new Case(dir.resolve("nowhere.csv"), 3, "The spend file does not exist: touchpoint.spend.path = " + dir.resolve("nowhere.csv")));
        for (Case c : cases) {
            Path output = dir.resolve("failed-" + c.spend().getFileName());
            assertThatThrownBy(() -> run(spendConfig(output, c.spend()))).as(c.spend().toString())
                    .isInstanceOfSatisfying(TouchpointException.class, e -> {
                        assertThat(e.kind().exitCode()).isEqualTo(c.exit());
                        assertThat(e.getMessage()).contains(c.message());
                    });
            assertThat(output).as("nothing written for " + c.spend()).doesNotExist();
        }
    }

    @Test
    void theReportShowsCostCpaRoasAndTheUnspentPart() throws Exception {
        JsonNode r = JSON.readTree(ReportData.build(spark, out.toString(), "t", "USD"));
        JsonNode purchase = r.path("spend").get(0);
        assertThat(purchase.path("goal").asText()).isEqualTo("purchase");
        assertThat(purchase.path("cost").asDouble()).isEqualTo(130.0);
        assertThat(purchase.path("unspent").asDouble()).isEqualTo(40.0); // Paid Social: no model credited it
        assertThat(purchase.path("unspent_channels").toString()).isEqualTo("[\"Paid Social\"]");
        // Over all channels: 2 conversions under every model, revenue 150.
        assertThat(purchase.path("models").path("last").path("cpa").asDouble()).isEqualTo(65.0);
        assertThat(purchase.path("models").path("linear").path("roas").asDouble()).isEqualTo(1.1538);
        JsonNode signup = r.path("spend").get(1);
        assertThat(signup.path("unspent").asDouble()).isEqualTo(130.0);
        assertThat(signup.path("models").path("last").path("cpa").isNull()).isTrue();

        JsonNode paidSearch = null;
        for (JsonNode row : r.path("comparison")) {
            if (row.path("goal").asText().equals("purchase") && row.path("channel").asText().equals("Paid Search")) {
                paidSearch = row;
            }
        }
        assertThat(paidSearch).isNotNull();
        assertThat(paidSearch.path("cost").asDouble()).isEqualTo(90.0);
        assertThat(paidSearch.path("models").path("last").path("cpa").asDouble()).isEqualTo(90.0);
        assertThat(paidSearch.path("models").path("first").path("roas").asDouble()).isEqualTo(1.6667);
        List<String> campaigns = new ArrayList<>();
        r.path("campaigns").forEach(c -> campaigns.add(c.path("goal").asText() + " " + c.path("campaign").asText() + " "
                + c.path("cost").asText() + " " + c.path("models").path("last").path("cpa").asText()));
        assertThat(campaigns).contains("purchase brand 90.0 90.0", "purchase thought_leaders 15.0 null", "purchase (not set) null null");
        // Without spend, the report's data is as before: no spend section, no cost fields.
        Path plain = dir.resolve("report-plain");
        run(spendConfig(plain, null));
        JsonNode p = JSON.readTree(ReportData.build(spark, plain.toString(), "t", "USD"));
        assertThat(p.has("spend")).isFalse();
        assertThat(p.path("comparison").get(0).has("cost")).isFalse();
    }
}
