package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Pipeline;
import io.touchpoint.spark.pipeline.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Empty is normal: no conversion, every row a bot, a funnel nobody enters, a range with no rows.
 * Every table is written with its full schema (Spark, DuckDB and pandas can read it), the run
 * says what was empty and why, and it succeeds.
 */
class EmptyResultsTest extends SparkTestBase {
    @TempDir
    Path dir;

    private static final String HEADER = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,"
            + "utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent\n";
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/128.0.0.0 Safari/537.36";
    private static final String FUNNEL = "touchpoint.funnels = [ { name = checkout, steps = [product_view, purchase] } ]\n";

    private Pipeline.Result runOn(String rows, String conf, Object... more) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, HEADER + rows);
        Path c = dir.resolve("t.conf");
        Files.writeString(c, conf);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("touchpoint.input.path", in.toString());
        m.put("touchpoint.output.path", dir.resolve("out").toString());
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        TouchpointConfig config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(c.toFile()), m);
        return run(config);
    }

    /** Every table of a run is there, readable, with its contract's columns. */
    private void everyTableReadable(Pipeline.Result r) {
        for (var t : List.of(Tables.QUARANTINE, Tables.EVENTS, Tables.SESSIONS, Tables.CONVERSIONS, Tables.ATTRIBUTION_CREDIT,
                Tables.ATTRIBUTION_SUMMARY, Tables.FUNNEL_PROGRESS, Tables.FUNNEL_STEPS, Tables.FUNNEL_TRENDS)) {
            Dataset<Row> d = table(dir.resolve("out"), t.name());
            assertThat(List.of(d.columns())).as(t.name()).containsExactlyInAnyOrder(t.schema().fieldNames());
            assertThat(d.count()).as(t.name()).isEqualTo(r.manifest().tables().get(t.name()).rows());
        }
        assertThat(table(dir.resolve("out"), "model_comparison").columns()).contains("goal", "channel", "last_conversions");
        assertThat(r.counts().reconciles()).isTrue();
        assertThat(r.manifest().status()).isEqualTo("succeeded");
    }

    @Test
    void noConversion() throws Exception {
        Pipeline.Result r = runOn("e1,2026-09-01T10:00:00Z,v1,,page_view,https://shop.example.com/,,,,,,,,\""
                + CHROME + "\"\ne2,2026-09-01T10:01:00Z,v1,,product_view,https://shop.example.com/p,,,,,,,,\"" + CHROME + "\"\n",
                FUNNEL);
        everyTableReadable(r);
        assertThat(r.conversions()).isZero();
        assertThat(r.sessions()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("No conversions") && n.contains("purchase"));
        assertThat(table(dir.resolve("out"), "funnel_steps").where("step_index = 1").first().<Long>getAs("units")).isEqualTo(1L);
    }

    @Test
    void everyRowABot() throws Exception {
        String bot = "\"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"";
        Pipeline.Result r = runOn("e1,2026-09-01T10:00:00Z,v1,,page_view,https://shop.example.com/,,,,,,,," + bot
                + "\ne2,2026-09-01T10:01:00Z,v1,,purchase,https://shop.example.com/t,,,,,,,9," + bot + "\n", FUNNEL);
        everyTableReadable(r);
        assertThat(r.counts().skipped()).isEqualTo(Map.of("bot", 2L));
        assertThat(r.sessions()).isZero();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("No events") && n.contains("bot 2"));
    }

    @Test
    void aFunnelNobodyEnters() throws Exception {
        Pipeline.Result r = runOn("e1,2026-09-01T10:00:00Z,v1,,page_view,https://shop.example.com/,,,,,,,,\"" + CHROME
                + "\"\ne2,2026-09-01T10:05:00Z,v1,,purchase,https://shop.example.com/t,,,,,,,9,\"" + CHROME + "\"\n",
                "touchpoint.funnels = [ { name = never, steps = [signup, purchase] } ]\n");
        everyTableReadable(r);
        assertThat(r.conversions()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("Funnel never") && n.contains("signup"));
        assertThat(table(dir.resolve("out"), "funnel_steps").select("units").as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList()).containsOnly(0L);
    }

    @Test
    void aDateRangeWithNoRows() throws Exception {
        Pipeline.Result r = runOn("e1,2026-09-01T10:00:00Z,v1,,purchase,https://shop.example.com/t,,,,,,,9,\"" + CHROME + "\"\n",
                FUNNEL, "touchpoint.range.from", "2026-10-01", "touchpoint.range.to", "2026-10-02");
        everyTableReadable(r);
        assertThat(r.counts().skipped()).isEqualTo(Map.of("outside_range", 1L));
        assertThat(dir.resolve("out/_markers/date=2026-10-02/_SUCCESS")).exists();
        // A later run that writes rows turns the empty tables into partitioned ones.
        runOn("e1,2026-09-01T10:00:00Z,v1,,purchase,https://shop.example.com/t,,,,,,,9,\"" + CHROME + "\"\n", FUNNEL);
        assertThat(table(dir.resolve("out"), "sessions").count()).isEqualTo(1);
        assertThat(dir.resolve("out/sessions/part-empty.snappy.parquet")).doesNotExist();
    }
}
