package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.EntryDayFunnels;
import io.touchpoint.core.funnel.FunnelResult;
import io.touchpoint.core.funnel.StepMatch;
import io.touchpoint.core.ingest.BotDetector;
import io.touchpoint.core.session.People;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.spark.funnel.FunnelSteps;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Funnels on the sample: Spark equals the core matcher, golden step counts, one shuffle for all. */
class FunnelSparkTest extends SparkTestBase {
    /** Funnels the core reference can evaluate without Spark SQL (no expression steps). */
    static final String FUNNELS = """
            touchpoint.funnels = [
              { name = checkout, window = 1d, unit = person, breakdown = channel,
                steps = [ { name = product, event-name = product_view }, add_to_cart,
                          { name = checkout, page-url { contains = "/checkout" } }, purchase ] }
              { name = session_checkout, window = 2h, unit = session, mode = [strict_increase], breakdown = device,
                steps = [add_to_cart, begin_checkout, purchase] }
              { name = landing_to_cart, window = 1h, unit = session, mode = [strict_order, strict_deduplication],
                steps = [page_view, product_view, add_to_cart],
                exclusions = [ { page-url { regex = "/blog/" }, from-step = 1, to-step = 3 } ] }
            ]
            """;

    @TempDir
    static Path out;

    static TouchpointConfig config;
    static io.touchpoint.spark.pipeline.Pipeline.Result result;

    @BeforeAll
    static void runSample() throws Exception {
        Path conf = out.resolve("funnels.conf");
        Files.writeString(conf, FUNNELS);
        config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", out.resolve("out").toString()));
        result = run(config);
    }

    @Test
    void sparkProgressEqualsTheCoreMatcher() throws Exception {
        Set<String> expected = coreProgress();
        Set<String> actual = new HashSet<>();
        for (Row r : spark.read().parquet(out.resolve("out/funnel_progress").toString()).collectAsList()) {
            List<Instant> times = r.getList(r.fieldIndex("step_times"));
            actual.add(key(r.getAs("funnel"), r.getAs("unit_id"), r.getAs("level"), r.getAs("breakdown"),
                    times.stream().map(i -> String.valueOf(io.touchpoint.spark.ingest.ParsedSchema.micros(i))).toList()));
        }
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    }

    @Test
    void aPersonsDevicesInterleavedInTimeAreMatchedInTimeOrder() throws Exception {
        // One person, two devices whose sessions overlap: the checkout steps alternate between them,
        // and two events share a time (the event id orders them). The person pass gets each session's
        // events packed in its row and must merge them back into the person's time order.
        String header = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,utm_source,"
                + "utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent\n";
        String rows = """
                e1,2026-09-01T10:00:00Z,phone,u1,product_view,https://shop.example.com/p/1,,,,,,,,
                e2,2026-09-01T10:01:00Z,laptop,u1,add_to_cart,https://shop.example.com/cart,https://www.google.com/,,,,,,,
                e3,2026-09-01T10:02:00Z,phone,,begin_checkout,https://shop.example.com/checkout,,,,,,,,
                e4,2026-09-01T10:03:00Z,laptop,,purchase,https://shop.example.com/thanks,,,,,,,20.0,
                e6,2026-09-01T10:05:00Z,phone,,product_view,https://shop.example.com/p/2,,,,,,,,
                e5,2026-09-01T10:05:00Z,laptop,,add_to_cart,https://shop.example.com/cart,,,,,,,,
                e7,2026-09-01T10:06:00Z,phone,,page_view,https://shop.example.com/,,,,,,,,
                """;
        Path input = out.resolve("devices.csv");
        Files.writeString(input, header + rows);
        Path conf = out.resolve("devices.conf");
        Files.writeString(conf, FUNNELS);
        TouchpointConfig devices = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()),
                Map.of("touchpoint.input.path", input.toString(), "touchpoint.output.path", out.resolve("devices").toString()));
        run(devices);
        List<Row> progress = table(out.resolve("devices"), "funnel_progress").collectAsList();
        Set<String> actual = new HashSet<>();
        for (Row r : progress) {
            List<Instant> times = r.getList(r.fieldIndex("step_times"));
            actual.add(key(r.getAs("funnel"), r.getAs("unit_id"), r.getAs("level"), r.getAs("breakdown"),
                    times.stream().map(i -> String.valueOf(io.touchpoint.spark.ingest.ParsedSchema.micros(i))).toList()));
        }
        assertThat(actual).isEqualTo(coreProgress(devices, input.toFile()));
        assertThat(progress).anyMatch(r -> r.getAs("funnel").equals("checkout") && r.getAs("unit_id").equals("u1")
                && (int) r.getAs("level") == 4);
    }

    @Test
    void withoutStrictOrderOnlyEventsMatchingAStepOrAnExclusionTravelAndNothingChanges() throws Exception {
        // No strict_order funnel: the person pass only shuffles events that match a step or an
        // exclusion. Adding a strict_order funnel brings every event in; the others must not move.
        String two = """
                  { name = checkout, window = 1d, unit = person, breakdown = channel,
                    steps = [product_view, add_to_cart, { name = checkout, page-url { contains = "/checkout" } }, purchase] }
                  { name = product_to_checkout, window = 1h, unit = session, mode = [strict_deduplication],
                    steps = [product_view, add_to_cart, begin_checkout],
                    exclusions = [ { page-url { contains = "/c/" }, from-step = 1, to-step = 2 } ] }
                """;
        TouchpointConfig filtered = funnels("filtered", two);
        TouchpointConfig everyEvent = funnels("every-event", two
                + "{ name = any_order, window = 1h, unit = session, mode = [strict_order], steps = [page_view, add_to_cart] }");
        run(filtered);
        run(everyEvent);
        Dataset<Row> a = table(out.resolve("filtered"), "funnel_progress");
        Dataset<Row> b = table(out.resolve("every-event"), "funnel_progress").where("funnel <> 'any_order'");
        // Category pages match no step, only the exclusion: they must travel too.
        assertThat(a.where("funnel = 'product_to_checkout'").count()).isPositive();
        assertThat(a.count()).isEqualTo(b.count());
        assertThat(a.exceptAll(b).count()).isZero();
        assertThat(b.exceptAll(a).count()).isZero();
    }

    private static TouchpointConfig funnels(String name, String funnels) throws Exception {
        Path conf = out.resolve(name + ".conf");
        Files.writeString(conf, "touchpoint.funnels = [\n" + funnels + "\n]\n");
        return io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", out.resolve(name).toString()));
    }

    @Test
    void stepsAreCumulativeWithRates() {
        Map<String, FunnelSteps.Row> all = result.steps().stream().filter(s -> s.breakdown().equals("all"))
                .collect(Collectors.toMap(s -> s.funnel() + "#" + s.stepIndex(), Function.identity()));
        FunnelSteps.Row first = all.get("checkout#1");
        assertThat(first.fromPrevious()).isEqualTo(1.0);
        for (int k = 2; k <= 4; k++) {
            FunnelSteps.Row prev = all.get("checkout#" + (k - 1));
            FunnelSteps.Row s = all.get("checkout#" + k);
            assertThat(s.units()).isLessThanOrEqualTo(prev.units());
            assertThat(s.dropped()).isEqualTo(prev.units() - s.units());
            assertThat(s.fromStart()).isEqualTo((double) s.units() / first.units());
            assertThat(s.medianSeconds()).isNotNull().isPositive();
        }
        // Breakdown rows add up to the total at every step.
        for (int k = 1; k <= 4; k++) {
            int step = k;
            long sum = result.steps().stream().filter(s -> s.funnel().equals("checkout") && !s.breakdown().equals("all")
                    && s.stepIndex() == step).mapToLong(FunnelSteps.Row::units).sum();
            assertThat(sum).isEqualTo(all.get("checkout#" + k).units());
        }
        // Trends count entries per day: a person entering on three days counts on each of them.
        Dataset<Row> trends = spark.read().parquet(out.resolve("out/funnel_trends").toString());
        Dataset<Row> progress = spark.read().parquet(out.resolve("out/funnel_progress").toString()).where("funnel = 'checkout'");
        assertThat(trends.where("funnel = 'checkout' AND step_index = 1").agg(org.apache.spark.sql.functions.sum("units"))
                .first().getLong(0)).isEqualTo(progress.count()).isGreaterThan(first.units());
        assertThat(progress.select("unit_id").distinct().count()).isEqualTo(first.units());
    }

    @Test
    void goldenStepCounts() {
        Map<String, Long> units = new LinkedHashMap<>();
        result.steps().stream().filter(s -> s.breakdown().equals("all"))
                .forEach(s -> units.put(s.funnel() + "#" + s.stepIndex(), s.units()));
        assertThat(units).isEqualTo(GOLDEN);
    }

    @Test
    void addingFunnelsAddsNoSparkJob() throws Exception {
        int one = jobsDuring(() -> run(funnels("jobs-one", "{ name = a, steps = [product_view, add_to_cart] }")));
        int three = jobsDuring(() -> run(funnels("jobs-three", "{ name = a, steps = [product_view, add_to_cart] }\n"
                + "{ name = b, unit = session, steps = [page_view, add_to_cart] }\n"
                + "{ name = c, mode = [strict_order], steps = [page_view, purchase], breakdown = channel }")));
        assertThat(three).isEqualTo(one);
    }

    @Test
    void invalidExpressionFailsBeforeAnyJob() throws Exception {
        Path conf = out.resolve("bad.conf");
        Files.writeString(conf, "touchpoint.funnels = [ { name = f, steps = [ { name = s, expression = \"revnue > 0\" } ] } ]");
        TouchpointConfig bad = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of());
        assertThatThrownBy(() -> io.touchpoint.spark.funnel.FunnelColumns.validate(spark, bad.funnels()))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.where()).isEqualTo("touchpoint.funnels[0].steps[0].expression");
                    assertThat(e.getMessage()).contains("revnue > 0", "not valid Spark SQL");
                });
    }

    /**
     * Units per step ("all"); pinned, and checked against the core matcher by the equivalence test above.
     * landing_to_cart#3 was 475 while strict_deduplication let an attempt skip an event: 49 sessions
     * reached add_to_cart only through a second product_view, after the first one (page_view,
     * product_view, product_view, add_to_cart). An attempt now takes the first product_view, and the
     * second repeats step 2 and ends it at level 2, where ClickHouse's windowFunnel stops too (three
     * of them checked by hand; a brute-force reading of the rule gives the matcher's result for all
     * 4,411 sessions of the sample). Steps 1 and 2 keep their counts.
     */
    static final Map<String, Long> GOLDEN = Map.of(
            "checkout#1", 1984L, "checkout#2", 425L, "checkout#3", 202L, "checkout#4", 112L,
            "session_checkout#1", 531L, "session_checkout#2", 238L, "session_checkout#3", 120L,
            "landing_to_cart#1", 3405L, "landing_to_cart#2", 1560L, "landing_to_cart#3", 426L);

    private static String key(String funnel, String unit, int level, String breakdown, List<String> times) {
        return funnel + "|" + unit + "|" + level + "|" + breakdown + "|" + times;
    }

    /** The core matcher over the core's sessionised events, with step matches evaluated in Java. */
    private static Set<String> coreProgress() throws Exception {
        return coreProgress(config, new File(SAMPLE.getPath()));
    }

    private static Set<String> coreProgress(TouchpointConfig config, File input) throws Exception {
        List<SessionizedEvent> events = new ArrayList<>(CoreReference.sessions(config, input).events());
        events.sort(Comparator.comparing(SessionizedEvent::personId).thenComparing(SessionizedEvent::event, People.EVENT_ORDER));
        Set<String> out = new HashSet<>();
        for (FunnelDefinition f : config.funnels().all()) {
            Function<SessionizedEvent, String> unit = f.unit() == FunnelDefinition.Unit.PERSON
                    ? SessionizedEvent::personId : SessionizedEvent::sessionId;
            Map<String, List<SessionizedEvent>> byUnit = events.stream()
                    .collect(Collectors.groupingBy(unit, LinkedHashMap::new, Collectors.toList()));
            EntryDayFunnels m = new EntryDayFunnels(f.spec(), config.input().timeZone());
            byUnit.forEach((id, list) -> {
                m.reset();
                for (SessionizedEvent e : list) {
                    long mask = 0;
                    for (int k = 0; k < f.steps().size(); k++) {
                        mask |= matches(f.steps().get(k).match(), e) ? 1L << k : 0;
                    }
                    long excl = 0;
                    for (int x = 0; x < f.exclusions().size(); x++) {
                        excl |= matches(f.exclusions().get(x).match(), e) ? 1L << x : 0;
                    }
                    String bd = f.breakdown() == null ? null : f.breakdown().equals("device")
                            ? BotDetector.deviceClass(e.event().userAgent()) : e.channel();
                    m.accept(e.event().eventTimeMicros(), mask, excl, bd);
                }
                for (FunnelResult r : m.results()) {
                    List<String> times = java.util.Arrays.stream(r.stepTimesMicros()).mapToObj(String::valueOf).toList();
                    out.add(key(f.name(), id, r.level(), r.breakdown(), times));
                }
            });
        }
        return out;
    }

    private static boolean matches(StepMatch m, SessionizedEvent e) {
        String page = e.event().pageUrl();
        return (m.eventName() == null || m.eventName().equals(e.event().eventName()))
                && (m.pageUrlEquals() == null || m.pageUrlEquals().equals(page))
                && (m.pageUrlContains() == null || (page != null && page.contains(m.pageUrlContains())))
                && (m.pageUrlRegex() == null || (page != null && Pattern.compile(m.pageUrlRegex()).matcher(page).find()));
    }
}
