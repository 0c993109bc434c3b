package io.touchpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.generate.GeneratorSpec;
import io.touchpoint.core.generate.SyntheticLogGenerator;
import io.touchpoint.spark.Sparks;
import io.touchpoint.spark.funnel.FunnelSteps;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two hand-written SQL baselines agree with each other and with Touchpoint itself (run in-process
 * with the bench's rules: no split on a source change, the four-step person funnel), on a small
 * generated log (with bots, retried rows and malformed rows) and on a hand-made log of edge cases.
 *
 * <p>Where the baselines are simpler than Touchpoint (documented in the SQL): bots by a user-agent
 * regex instead of Yauaa, search engines and GA4 source categories by short lists of the hosts the
 * generator uses instead of Matomo's and Google's full lists, URL parsing by regex. On these inputs
 * the simplifications decide nothing, so the agreement asserted is exact (credits within 1e-6).
 */
class BaselinesAgreeTest {
    static final double TOLERANCE = 1e-6;

    @TempDir
    static Path dir;

    static SparkSession spark;
    static BaselineResult duck;
    static BaselineResult sparkSql;
    static BaselineResult touchpoint;
    static BaselineResult edgeDuck;
    static BaselineResult edgeSparkSql;
    static BaselineResult edgeTouchpoint;

    @BeforeAll
    static void run() throws Exception {
        spark = Sparks.local("local[2]", 2);
        spark.sparkContext().setLogLevel("WARN");

        // 1. a small generated log, as the bench gets it
        String parquet = generatedInput(spark, dir);
        duck = DuckDbBaseline.run(parquet);
        sparkSql = SparkSqlBaseline.run(spark, parquet);
        touchpoint = touchpoint(parquet, dir.resolve("out"));
        System.out.print(duck);
        System.out.print(sparkSql);
        System.out.print(touchpoint);

        // 2. hand-made edge cases
        String edges = dir.resolve("edges.parquet").toString();
        spark.createDataFrame(EdgeCases.rows(), EdgeCases.SCHEMA).coalesce(1).write().parquet(edges);
        edgeDuck = DuckDbBaseline.run(edges);
        edgeSparkSql = SparkSqlBaseline.run(spark, edges);
        edgeTouchpoint = touchpoint(edges, dir.resolve("edges-out"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void duckDbAndSparkSqlAgree() {
        assertThat(duck.sessions()).isPositive();
        assertThat(duck.conversions()).isPositive();
        assertThat(duck.funnelUnits()[3]).isPositive();
        assertThat(duck.differences(sparkSql, TOLERANCE)).isEmpty();
        assertThat(edgeDuck.differences(edgeSparkSql, TOLERANCE)).isEmpty();
    }

    @Test
    void baselinesAgreeWithTouchpoint() {
        assertThat(duck.differences(touchpoint, TOLERANCE)).isEmpty();
        assertThat(sparkSql.differences(touchpoint, TOLERANCE)).isEmpty();
    }

    @Test
    void edgeCasesAgreeWithTouchpoint() {
        assertThat(edgeDuck.differences(edgeTouchpoint, TOLERANCE)).isEmpty();
        assertThat(edgeSparkSql.differences(edgeTouchpoint, TOLERANCE)).isEmpty();
    }

    @Test
    void edgeCasesGiveTheExpectedNumbers() {
        assertThat(edgeDuck.events()).isEqualTo(EdgeCases.EVENTS);
        assertThat(edgeDuck.sessions()).isEqualTo(EdgeCases.SESSIONS);
        assertThat(edgeDuck.conversions()).isEqualTo(EdgeCases.CONVERSIONS);
        assertThat(edgeDuck.funnelUnits()).containsExactly(EdgeCases.FUNNEL);
        EdgeCases.CREDITS.forEach((model, channels) -> channels.forEach((channel, value) ->
                assertThat(edgeDuck.conversionCredit().get(model).getOrDefault(channel, 0.0))
                        .as(model + " " + channel).isCloseTo(value, within(TOLERANCE))));
    }

    @Test
    void creditsAddUpToTheConversionsForEveryModel() {
        for (BaselineResult r : List.of(duck, sparkSql)) {
            assertThat(r.conversionCredit().keySet()).containsExactlyInAnyOrderElementsOf(BaselineResult.MODELS);
            for (String m : BaselineResult.MODELS) {
                double sum = r.conversionCredit().get(m).values().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(sum).as(r.engine() + " " + m).isCloseTo(r.conversions(), within(TOLERANCE));
            }
        }
    }

    @Test
    void stagesAreTimed() {
        for (BaselineResult r : List.of(duck, sparkSql)) {
            assertThat(List.of(r.loadMs(), r.sessionsMs(), r.attributionMs(), r.funnelMs())).allMatch(ms -> ms >= 0);
            assertThat(r.totalMs()).isPositive();
        }
    }

    /**
     * A small generated log (1,500 visitors over 28 days, with bots, retried and malformed rows) as the
     * bench gets it: typed Parquet converted from the generator's CSV, written under {@code dir}.
     *
     * @return the Parquet folder
     */
    static String generatedInput(SparkSession spark, Path dir) throws Exception {
        Path csv = dir.resolve("events.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            new SyntheticLogGenerator(new GeneratorSpec(7L, 1500, LocalDate.of(2026, 9, 1), 28, 0.03, 12)).writeCsv(w);
        }
        String parquet = dir.resolve("events.parquet").toString();
        spark.read().option("header", true).csv(csv.toString())
                // the generator writes some times as epoch milliseconds, which Touchpoint accepts too
                .selectExpr("event_id", "CASE WHEN event_time RLIKE '^-?[0-9]+$' THEN timestamp_millis(CAST(event_time AS BIGINT))"
                                + " ELSE try_cast(event_time AS TIMESTAMP) END AS event_time", "visitor_id", "user_id",
                        "event_name", "page_url", "referrer_url", "utm_source", "utm_medium", "utm_campaign",
                        "utm_term", "utm_content", "try_cast(revenue AS DOUBLE) AS revenue", "user_agent")
                .write().parquet(parquet);
        return parquet;
    }

    /** Touchpoint's own pipeline on the same Parquet, with the bench's settings, as a BaselineResult. */
    static BaselineResult touchpoint(String parquet, Path out) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("touchpoint.input.path", parquet);
        settings.put("touchpoint.input.format", "parquet");
        settings.put("touchpoint.output.path", out.toString());
        settings.put("touchpoint.sessions.split-on-source-change", false);
        settings.put("touchpoint.funnels", List.of(Map.of("name", "bench", "window", "1d", "unit", "person",
                "steps", BaselineResult.FUNNEL_STEPS)));
        TouchpointConfig config = ConfigLoader.load(Optional.empty(), settings);
        io.touchpoint.spark.pipeline.Pipeline.Result run = io.touchpoint.spark.pipeline.Pipeline.run(spark, config, "run", true,
                "test", l -> { });

        Map<String, Map<String, Double>> conv = new TreeMap<>();
        Map<String, Map<String, Double>> rev = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve("attribution_summary").toString())
                .groupBy("model", "channel").sum("conversions", "revenue").collectAsList()) {
            conv.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getDouble(2));
            rev.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getDouble(3));
        }
        long[] units = new long[BaselineResult.FUNNEL_STEPS.size()];
        for (FunnelSteps.Row s : run.steps()) {
            if (s.funnel().equals("bench") && s.breakdown().equals("all")) {
                units[s.stepIndex() - 1] = s.units();
            }
        }
        return new BaselineResult("touchpoint", run.counts().accepted(), run.sessions(), run.conversions(), conv, rev, units,
                0, 0, 0, 0);
    }

    /** A few visitors whose numbers are worked out by hand; each exercises one rule. */
    static final class EdgeCases {
        static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("event_id", DataTypes.StringType, true),
            DataTypes.createStructField("event_time", DataTypes.TimestampType, true),
            DataTypes.createStructField("visitor_id", DataTypes.StringType, true),
            DataTypes.createStructField("user_id", DataTypes.StringType, true),
            DataTypes.createStructField("event_name", DataTypes.StringType, true),
            DataTypes.createStructField("page_url", DataTypes.StringType, true),
            DataTypes.createStructField("referrer_url", DataTypes.StringType, true),
            DataTypes.createStructField("utm_source", DataTypes.StringType, true),
            DataTypes.createStructField("utm_medium", DataTypes.StringType, true),
            DataTypes.createStructField("utm_campaign", DataTypes.StringType, true),
            DataTypes.createStructField("utm_term", DataTypes.StringType, true),
            DataTypes.createStructField("utm_content", DataTypes.StringType, true),
            DataTypes.createStructField("revenue", DataTypes.DoubleType, true),
            DataTypes.createStructField("user_agent", DataTypes.StringType, true)});

        static final Instant T0 = Instant.parse("2026-09-10T10:00:00Z");
        static final String SITE = "https://shop.example.com";
        static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
        static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

        static final long EVENTS = 37;
        static final long SESSIONS = 24;
        static final long CONVERSIONS = 9;
        static final long[] FUNNEL = {4, 3, 3, 2};
        static final Map<String, Map<String, Double>> CREDITS;

        static {
            Instant c = T0.plus(Duration.ofDays(30));
            Instant d = T0.plus(Duration.ofDays(5));
            Instant f = T0.plus(Duration.ofDays(40));
            Map<String, Map<String, Double>> credits = new TreeMap<>();
            // journeys by hand: (channel, session start) in journey order, the converting session last
            // p1: two devices; the other device's Organic Search session started after the converting one
            credit(credits, List.of("Organic Social", "Paid Social", "Paid Search", "Organic Search", "Direct"),
                    List.of(c.minus(Duration.ofDays(30)), c.minus(Duration.ofDays(20)), c.minus(Duration.ofDays(1)),
                            c.minus(Duration.ofMinutes(30)), c.minus(Duration.ofMinutes(50))));
            credit(credits, List.of("Direct", "Direct"), List.of(d, d.plus(Duration.ofMinutes(30)))); // p2
            credit(credits, List.of("Email", "Direct"), List.of(d, d.plus(Duration.ofHours(2)))); // p3
            credit(credits, List.of("Direct", "Direct"), List.of(f, f.plus(Duration.ofDays(1)))); // f1
            credit(credits, List.of("Direct"), List.of(f)); // f2
            credit(credits, List.of("Direct", "Direct", "Direct", "Direct", "Direct", "Direct"), List.of(f,
                    f.plus(Duration.ofHours(8)), f.plus(Duration.ofHours(9)), f.plus(Duration.ofHours(10)),
                    f.plus(Duration.ofHours(20)), f.plus(Duration.ofHours(30)))); // f3
            credit(credits, List.of("Affiliates"), List.of(d)); // s1: mtm_* parameters
            credit(credits, List.of("Unassigned"), List.of(d)); // s2: pk_campaign only: (not set) / (not set)
            credit(credits, List.of("Paid Search"), List.of(d)); // s3: msclkid
            CREDITS = credits;
        }

        /** Adds one journey's shares under the six models (written out independently of the SQL). */
        private static void credit(Map<String, Map<String, Double>> out, List<String> channels, List<Instant> starts) {
            int n = channels.size();
            long latest = starts.stream().mapToLong(EdgeCases::micros).max().orElseThrow();
            double[] w = starts.stream().mapToDouble(t -> Math.pow(0.5, (latest - micros(t)) / (7 * 86_400e6))).toArray();
            double wSum = Arrays.stream(w).sum();
            int lastNonDirect = n - 1;
            while (lastNonDirect >= 0 && channels.get(lastNonDirect).equals("Direct")) {
                lastNonDirect--;
            }
            int lnd = lastNonDirect < 0 ? n - 1 : lastNonDirect;
            for (int i = 0; i < n; i++) {
                double pb = n == 1 ? 1 : n == 2 ? 0.5 : (i == 0 || i == n - 1) ? 0.4 : 0.2 / (n - 2);
                double[] shares = {i == 0 ? 1 : 0, i == n - 1 ? 1 : 0, i == lnd ? 1 : 0, 1.0 / n, pb, w[i] / wSum};
                for (int m = 0; m < shares.length; m++) {
                    out.computeIfAbsent(BaselineResult.MODELS.get(m), k -> new TreeMap<>())
                            .merge(channels.get(i), shares[m], Double::sum);
                }
            }
        }

        private static long micros(Instant t) {
            return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
        }

        static List<Row> rows() {
            List<Row> r = new ArrayList<>();
            // --- funnel: f1 reaches 3 (purchase 1 us after the 1-day window), f2 4 (all at one time, any
            // order), f3 4 (only the later product_view gives the full chain), f4 0 (no step 1)
            Instant f = T0.plus(Duration.ofDays(40));
            r.add(ev("f1-1", f, "f1", null, "product_view", "/p/1", null));
            r.add(ev("f1-2", f.plusSeconds(5), "f1", null, "add_to_cart", "/cart", null));
            r.add(ev("f1-3", f.plus(Duration.ofDays(1)), "f1", null, "begin_checkout", "/checkout", null));
            r.add(ev("f1-4", f.plus(Duration.ofDays(1)).plusNanos(1000), "f1", null, "purchase", "/thanks", null));
            r.add(ev("f2-1", f, "f2", null, "purchase", "/thanks", null));
            r.add(ev("f2-2", f, "f2", null, "begin_checkout", "/checkout", null));
            r.add(ev("f2-3", f, "f2", null, "add_to_cart", "/cart", null));
            r.add(ev("f2-4", f, "f2", null, "product_view", "/p/1", null));
            r.add(ev("f3-1", f, "f3", null, "product_view", "/p/1", null));
            r.add(ev("f3-2", f.plus(Duration.ofHours(8)), "f3", null, "add_to_cart", "/cart", null));
            r.add(ev("f3-3", f.plus(Duration.ofHours(9)), "f3", null, "product_view", "/p/1", null));
            r.add(ev("f3-4", f.plus(Duration.ofHours(10)), "f3", null, "add_to_cart", "/cart", null));
            r.add(ev("f3-5", f.plus(Duration.ofHours(20)), "f3", null, "begin_checkout", "/checkout", null));
            r.add(ev("f3-6", f.plus(Duration.ofHours(30)), "f3", null, "purchase", "/thanks", null));
            r.add(ev("f4-1", f, "f4", null, "add_to_cart", "/cart", null));
            r.add(ev("f4-2", f.plusSeconds(1), "f4", null, "begin_checkout", "/checkout", null));
            // (the purchases of f1, f2 and f3 are conversions too, with all-Direct journeys)

            // --- attribution, person p1 on two devices (visitor a, visitor b; b's latest user_id is p1)
            Instant c = T0.plus(Duration.ofDays(30)); // conversion time
            r.add(ev("a-0", c.minus(Duration.ofDays(40)), "a", null, "page_view", "/", "https://news.ycombinator.com/"));
            r.add(ev("a-1", c.minus(Duration.ofDays(30)), "a", null, "page_view", "/", "https://news.ycombinator.com/"));
            r.add(ev("a-2", c.minus(Duration.ofDays(20)), "a", null, "page_view",
                    "/p/2?utm_source=Facebook&utm_medium=cpc&utm_campaign=autumn", "https://m.facebook.com/"));
            r.add(ev("a-3", c.minus(Duration.ofDays(1)), "a", null, "page_view", "/p/3?gclid=abc", "https://www.google.com/"));
            r.add(ev("a-4", c.minus(Duration.ofMinutes(50)), "a", null, "page_view", "/", null)); // converting session, direct
            r.add(ev("a-5", c.minus(Duration.ofMinutes(25)), "a", null, "product_view", "/p/3", SITE + "/"));
            r.add(ev("a-5", c.minus(Duration.ofMinutes(1)), "a", null, "product_view", "/p/3", SITE + "/")); // retried copy
            r.add(evr("a-6", c, "a", null, "purchase", "/thanks", SITE + "/checkout", 90.0));
            r.add(ev("b-1", c.minus(Duration.ofMinutes(30)), "b", "someone-else", "page_view", "/",
                    "https://www.bing.com/search?q=shoes"));
            r.add(ev("b-2", c.minus(Duration.ofMinutes(29)), "b", "p1", "page_view", "/", "https://www.shop.example.com/"));
            r.add(ev("a-7", c.plus(Duration.ofDays(2)), "a", "p1", "page_view", "/", null));

            // --- p2: all Direct (last_non_direct = last); the second session starts exactly 30 min after the first's event
            Instant d = T0.plus(Duration.ofDays(5));
            r.add(ev("p2-1", d, "p2", null, "page_view", "/", "https://www.shop.example.com/x")); // internal
            r.add(ev("p2-2", d.plus(Duration.ofMinutes(30)), "p2", null, "page_view", "/", null));
            r.add(evr("p2-3", d.plus(Duration.ofMinutes(31)), "p2", null, "purchase", "/thanks", null, null));

            // --- p3: Email from the utm columns (they win over the URL), then a Direct converting session
            Row email = RowFactory.create("p3-1", ts(d), "p3", null, "page_view", SITE + "/?utm_source=google&utm_medium=cpc",
                    null, "Newsletter", "email", "spring", null, null, null, UA);
            r.add(email);
            r.add(evr("p3-2", d.plus(Duration.ofHours(2)), "p3", null, "purchase", "/thanks", null, 20.0));

            // --- sources, each visitor buys in its landing session: Matomo parameters, pk_campaign only, msclkid
            r.add(ev("s-1", d, "s1", null, "page_view", "/?mtm_source=partner&mtm_medium=affiliate&mtm_campaign=q3", null));
            r.add(ev("s-2", d, "s2", null, "page_view", "/?pk_campaign=spring+sale", null));
            r.add(ev("s-3", d, "s3", null, "page_view", "/?msclkid=ff00", "https://www.bing.com/"));
            for (String v : List.of("s1", "s2", "s3")) {
                r.add(evr(v + "-buy", d.plusSeconds(60), v, null, "purchase", "/thanks", SITE + "/checkout", 5.0));
            }

            // --- rejected rows: a bot (even with a purchase), no time, no visitor, no event name
            r.add(evAgent("bot-1", d, "bot", "purchase", BOT));
            r.add(RowFactory.create("x-1", null, "x", null, "page_view", SITE + "/", null, null, null, null, null, null,
                    null, UA));
            r.add(RowFactory.create("x-2", ts(d), " ", null, "page_view", SITE + "/", null, null, null, null, null, null,
                    null, UA));
            r.add(RowFactory.create("x-3", ts(d), "x", null, "", SITE + "/", null, null, null, null, null, null, null, UA));
            return r;
        }

        private static Row ev(String id, Instant t, String visitor, String user, String name, String path, String referrer) {
            return evr(id, t, visitor, user, name, path, referrer, null);
        }

        private static Row evr(String id, Instant t, String visitor, String user, String name, String path,
                               String referrer, Double revenue) {
            return RowFactory.create(id, ts(t), visitor, user, name, SITE + path, referrer, null, null, null, null, null,
                    revenue, UA);
        }

        private static Row evAgent(String id, Instant t, String visitor, String name, String agent) {
            return RowFactory.create(id, ts(t), visitor, null, name, SITE + "/thanks", null, null, null, null, null, null,
                    10.0, agent);
        }

        private static Instant ts(Instant t) {
            return t; // spark.sql.datetime.java8API.enabled (Sparks.local): timestamps are Instants
        }

        private EdgeCases() {
        }
    }

}
