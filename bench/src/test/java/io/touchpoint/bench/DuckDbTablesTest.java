package io.touchpoint.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.spark.Sparks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duckdb_tables engine writes Touchpoint's tables (docs/tables.md) as Spark reads them: every table
 * with its documented columns and types, rows that agree with what the engine computed, Hive date
 * partitions, and Touchpoint's ids. Read back with Spark, as an analyst's Touchpoint queries would.
 */
class DuckDbTablesTest {
    /** Each table's documented columns (docs/tables.md), as Spark reads them: name and type, in order. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("events", "event_id string, event_time timestamp, visitor_id string, user_id string, person_id string,"
                + " account_id string, session_id string, event_name string, page_url string, referrer_url string,"
                + " source string, medium string, campaign string, term string, content string, revenue double,"
                + " order_id string, user_agent string, event_date date");
        COLUMNS.put("sessions", "session_id string, visitor_id string, person_id string, account_id string,"
                + " session_start timestamp, session_end timestamp, event_count bigint, landing_url string,"
                + " referrer_url string, source string, medium string, campaign string, term string, content string,"
                + " channel string, is_direct boolean, conversions bigint, revenue double, session_date date");
        COLUMNS.put("conversions", "conversion_id string, person_id string, goal string, conversion_time timestamp,"
                + " revenue double, session_id string, touchpoint_count int, visitor_id string, event_id string,"
                + " order_id string, conversion_date date");
        COLUMNS.put("attribution_credit", "conversion_id string, person_id string, goal string, conversion_time timestamp,"
                + " model string, touchpoint_index int, touchpoint_count int, session_id string, touch_time timestamp,"
                + " channel string, source string, medium string, campaign string, credit double, revenue_credit double,"
                + " conversion_date date");
        COLUMNS.put("attribution_summary", "goal string, model string, channel string, campaign string, conversions double,"
                + " revenue double, touchpoints bigint, cost double, cpa double, roas double, conversion_date date");
        StringBuilder comparison = new StringBuilder("goal string, channel string, cost double");
        List<String> keys = List.of("first", "last", "last_non_direct", "linear", "position_based", "time_decay");
        keys.forEach(k -> comparison.append(", ").append(k).append("_conversions double, ").append(k).append("_revenue double, ")
                .append(k).append("_cpa double, ").append(k).append("_roas double"));
        keys.stream().filter(k -> !k.equals("last")).forEach(k -> comparison.append(", ").append(k)
                .append("_conversions_vs_last double, ").append(k).append("_revenue_vs_last double"));
        COLUMNS.put("model_comparison", comparison.toString());
        COLUMNS.put("funnel_progress", "funnel string, unit_id string, level int, entered_at timestamp,"
                + " completed_at timestamp, breakdown string, step_times array<timestamp>, unit string, entered_date date");
        COLUMNS.put("funnel_steps", "funnel string, breakdown string, step_index int, step_name string, units bigint,"
                + " conversion_from_previous double, conversion_from_start double, dropped bigint,"
                + " median_seconds_from_previous double, mean_seconds_from_previous double");
        COLUMNS.put("quarantine", "run_id string, input_file string, input_line bigint, reason string, detail string,"
                + " raw string");
    }

    @TempDir
    static Path dir;

    static SparkSession spark;
    static EngineResult result;
    static Path out;

    @BeforeAll
    static void run() throws Exception {
        spark = Sparks.local("local[2]", 2);
        spark.sparkContext().setLogLevel("WARN");
        String parquet = BaselinesAgreeTest.generatedInput(spark, dir);
        result = DuckDbTablesEngine.run(parquet, 0, System.nanoTime(), dir);
        out = DuckDbTablesEngine.output(dir);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> table(String name) {
        return spark.read().parquet(out.resolve(name).toString());
    }

    @Test
    void everyTableHasItsDocumentedColumns() {
        assertThat(result.engine()).isEqualTo("duckdb_tables");
        assertThat(result.stages()).containsKeys("sessions", "attribution", "funnels", "tables");
        for (var t : COLUMNS.entrySet()) {
            String columns = String.join(", ", Arrays.stream(table(t.getKey()).schema().fields())
                    .map(f -> f.name() + " " + f.dataType().simpleString()).toList());
            assertThat(columns).as(t.getKey()).isEqualTo(t.getValue());
        }
    }

    @Test
    void rowsAgreeWithTheComputedCounts() {
        assertThat(result.sessions()).isPositive();
        assertThat(result.conversions()).isPositive();
        Dataset<Row> sessions = table("sessions");
        assertThat(sessions.count()).isEqualTo(result.sessions());
        assertThat(table("conversions").count()).isEqualTo(result.conversions());
        // every event in a written session, and the sessions' event counts add up to the events
        Dataset<Row> events = table("events");
        long eventCount = events.count();
        assertThat(eventCount).isEqualTo(sessions.agg(sum("event_count")).first().getLong(0));
        assertThat(events.join(sessions, events.col("session_id").equalTo(sessions.col("session_id")), "left_anti").count())
                .isZero();
        // one credit row per touchpoint and model
        long touchpoints = table("conversions").agg(sum("touchpoint_count")).first().getLong(0);
        assertThat(table("attribution_credit").count()).isEqualTo(BaselineResult.MODELS.size() * touchpoints);
        assertThat(table("attribution_summary").agg(sum("touchpoints")).first().getLong(0))
                .isEqualTo(BaselineResult.MODELS.size() * touchpoints);
        assertThat(table("quarantine").count()).isZero();
    }

    @Test
    void creditsAgreeWithTheComputedCredits() {
        List<Row> byModel = table("attribution_credit").groupBy("model", "channel").agg(sum("credit")).collectAsList();
        assertThat(byModel).hasSize(result.credits().values().stream().mapToInt(Map::size).sum());
        for (Row r : byModel) {
            assertThat(r.getDouble(2)).as(r.getString(0) + " " + r.getString(1))
                    .isCloseTo(result.credits().get(r.getString(0)).get(r.getString(1)), within(1e-6));
        }
        for (Row r : table("model_comparison").collectAsList()) {
            assertThat(r.<Double>getAs("time_decay_conversions")).as(r.<String>getAs("channel"))
                    .isCloseTo(result.credits().get("time_decay(half_life=7d)").get(r.<String>getAs("channel")), within(1e-6));
        }
    }

    @Test
    void funnelTablesGiveTheFunnelUnits() {
        long[] units = result.funnel();
        assertThat(units[3]).isPositive();
        // one row per person and entry day: a person counts once, by its best day
        Dataset<Row> best = table("funnel_progress").groupBy("unit_id").agg(max("level").as("level"));
        for (int k = 1; k <= units.length; k++) {
            assertThat(best.where(col("level").geq(k)).count()).as("level >= " + k).isEqualTo(units[k - 1]);
        }
        assertThat(table("funnel_progress").where("size(step_times) <> level OR entered_at <> step_times[0]"
                + " OR (level = 4) <> (completed_at IS NOT NULL)").count()).isZero();
        List<Row> steps = table("funnel_steps").orderBy("step_index").collectAsList();
        assertThat(steps.stream().map(r -> r.<Long>getAs("units"))).containsExactly(units[0], units[1], units[2], units[3]);
        assertThat(steps.stream().map(r -> r.<String>getAs("step_name"))).containsExactlyElementsOf(BaselineResult.FUNNEL_STEPS);
    }

    @Test
    void eventsAndSessionsArePartitionedByDate() throws Exception {
        for (String[] t : new String[][] {{"events", "event_date", "event_time"}, {"sessions", "session_date", "session_start"},
                {"conversions", "conversion_date", "conversion_time"}, {"funnel_progress", "entered_date", "entered_at"}}) {
            try (Stream<Path> parts = Files.list(out.resolve(t[0]))) {
                List<String> names = parts.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as(t[0]).hasSizeGreaterThan(1)
                        .allMatch(n -> n.matches(t[1] + "=2026-\\d{2}-\\d{2}"));
            }
            // the partition is the UTC date of the instant Spark reads (its session time zone is UTC)
            assertThat(table(t[0]).where("to_date(" + t[2] + ") <> " + t[1]).count()).as(t[0]).isZero();
        }
    }

    @Test
    void idsAreTouchpointsNameBasedIds() {
        // Touchpoint's session id: the name-based UUID of visitor|start (epoch microseconds)
        for (Row r : table("sessions").select("session_id", "visitor_id", "session_start").collectAsList()) {
            assertThat(r.getString(0)).isEqualTo(nameUuid(r.getString(1) + "|" + micros(r.getAs(2))));
        }
        // a conversion's: of visitor|time|event id|goal
        for (Row r : table("conversions").select("conversion_id", "visitor_id", "conversion_time", "event_id", "goal")
                .collectAsList()) {
            assertThat(r.getString(0)).isEqualTo(nameUuid(r.getString(1) + "|" + micros(r.getAs(2)) + "|"
                    + (r.isNullAt(3) ? "" : r.getString(3)) + "|" + r.getString(4)));
        }
    }

    private static String nameUuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
