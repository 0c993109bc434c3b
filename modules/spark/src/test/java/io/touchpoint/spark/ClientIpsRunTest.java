package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privacy.ip-mask} and {@code privacy.store-user-agent} over an access log, whole runs: by
 * default no table holds a client address (every string column of every table scanned, quarantine
 * included) or a raw user agent (but in quarantine.raw, the record as read), the events table holds
 * the device category and browser family; ip-mask = 0 keeps whole addresses apart, store-user-agent
 * keeps the agents; visitor ids are keyed by the output folder's secret or the pseudonym key.
 */
class ClientIpsRunTest extends SparkTestBase {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/128.0.0.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private static final String KEY = "a-pseudonym-key-of-enough-length-42";
    /** Every client address of the log, as logged (a host name spells one too). */
    private static final List<String> ADDRESSES = List.of("203.0.113.77", "203.0.55.12", "2001:db8:85a3:1:", "198.51.100.9",
            "192-0-2-44", "192.0.2.45", "192.0.2.46", "192.0.2.47", "198.51.100.10");
    private static final List<String> AGENTS = List.of(CHROME, IPHONE, FIREFOX);

    @TempDir
    static Path dir;
    static Path log;
    static Pipeline.Result masked;

    private static String line(String host, String time, String path, int status, String agent) {
        return host + " - - [" + time + " +0000] \"GET " + path + " HTTP/1.1\" " + status + " 512 \"-\" \"" + agent + "\"";
    }

    @BeforeAll
    static void runWithDefaults() throws Exception {
        log = dir.resolve("access.log");
        Files.writeString(log, String.join("\n",
                line("203.0.113.77", "01/Sep/2026:10:00:00", "/?utm_source=news&utm_medium=email", 200, CHROME),
                line("203.0.113.77", "01/Sep/2026:10:01:00", "/p/1", 200, CHROME),
                // Same /16 and agent: one visitor with ip-mask 2 (the default), another with ip-mask 0.
                line("203.0.55.12", "01/Sep/2026:10:02:00", "/p/2", 200, CHROME),
                line("2001:db8:85a3:1:2:3:4:5", "01/Sep/2026:11:00:00", "/p/3", 200, IPHONE),
                line("::ffff:198.51.100.9", "01/Sep/2026:12:00:00", "/p/4", 200, FIREFOX),
                line("host-192-0-2-44.example.net", "01/Sep/2026:13:00:00", "/p/5", 200, FIREFOX),
                line("192.0.2.45", "99/Sep/2026:13:00:00", "/p/6?via=198.51.100.10", 200, FIREFOX), // unparseable time
                "broken line from 192.0.2.46 with no format",
                line("192.0.2.47", "01/Sep/2026:14:00:00", "/p/7", 404, FIREFOX)) + "\n"); // skipped, written nowhere
        masked = run(config(dir.resolve("masked"), "touchpoint.input.path", log.toString(), "touchpoint.input.format", "access-log"));
    }

    private static Pipeline.Result sessioniseInto(String out, Object... more) {
        Object[] kv = new Object[more.length + 4];
        kv[0] = "touchpoint.input.path";
        kv[1] = log.toString();
        kv[2] = "touchpoint.input.format";
        kv[3] = "access-log";
        System.arraycopy(more, 0, kv, 4, more.length);
        return sessionise(config(dir.resolve(out), kv));
    }

    /** Every string value of every table of {@code out} holding one of {@code values} (but the columns {@code except}). */
    private static List<String> holding(String out, List<String> values, Set<String> except) throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> tables;
        try (Stream<Path> s = Files.list(dir.resolve(out))) {
            tables = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).toList();
        }
        assertThat(tables.stream().map(p -> p.getFileName().toString())).contains("events", "sessions", "quarantine");
        for (Path t : tables) {
            Dataset<Row> d = spark.read().parquet(t.toString());
            for (StructField f : d.schema().fields()) {
                String column = t.getFileName() + "." + f.name();
                if (!f.dataType().equals(DataTypes.StringType) || except.contains(column)) {
                    continue;
                }
                for (Row r : d.select(f.name()).where(f.name() + " IS NOT NULL").collectAsList()) {
                    for (String v : values) {
                        if (r.getString(0).contains(v)) {
                            found.add(column + " holds " + v);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> visitorIds(String out) {
        return new TreeSet<>(table(dir.resolve(out), "events").select("visitor_id").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    @Test
    void byDefaultNoTableHoldsAClientAddressOrARawAgent() throws Exception {
        assertThat(masked.counts().read()).isEqualTo(9);
        assertThat(masked.counts().quarantined()).containsOnlyKeys("unparseable_time", "malformed_line");
        assertThat(masked.counts().skipped()).containsOnlyKeys("http_error");
        assertThat(holding("masked", ADDRESSES, Set.of())).isEmpty();
        // quarantine.raw is the record as read (its addresses masked): it keeps the agent, as documented.
        assertThat(holding("masked", AGENTS, Set.of("quarantine.raw"))).isEmpty();
        assertThat(holding("masked", AGENTS, Set.of())).containsExactly("quarantine.raw holds " + FIREFOX);

        List<String> raws = table(dir.resolve("masked"), "quarantine").select("raw").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertThat(raws).containsExactlyInAnyOrder(
                line("192.0.0.0", "99/Sep/2026:13:00:00", "/p/6?via=198.51.0.0", 200, FIREFOX),
                "broken line from 192.0.0.0 with no format");
        // Not a byte of an address in any other file of the output either (manifest, markers, report).
        try (Stream<Path> files = Files.walk(dir.resolve("masked"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".parquet")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(ADDRESSES).as(f.toString()).noneMatch(text::contains);
            }
        }
    }

    @Test
    void eventsHoldTheDeviceCategoryAndBrowserFamilyNotTheAgent() {
        Dataset<Row> events = table(dir.resolve("masked"), "events");
        assertThat(events.columns()).containsSubsequence("user_agent", "device_category", "browser_family", "event_date");
        assertThat(events.where("user_agent IS NOT NULL").count()).isZero();
        List<String> pairs = events.selectExpr("concat(device_category, '/', browser_family)").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(pairs).containsExactlyInAnyOrder("desktop/Chrome", "mobile/Safari", "desktop/Firefox");
    }

    @Test
    void aMaskedAddressMergesVisitorsOfOneNetworkAndAgent() {
        // 203.0.113.77 and 203.0.55.12 (both 203.0.0.0) with one agent are one visitor; then the
        // IPv6 phone, the IPv4-mapped Firefox and the host name: four.
        assertThat(masked.visitors()).isEqualTo(4);
        assertThat(masked.sessions()).isEqualTo(4);
        assertThat(visitorIds("masked")).hasSize(4).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{22}"));

        Pipeline.Result whole = sessioniseInto("whole", "touchpoint.privacy.ip-mask", 0);
        assertThat(whole.visitors()).isEqualTo(5);
        assertThat(whole.sessions()).isEqualTo(5);
        // With ip-mask = 0 the address is kept as it came, in quarantine.raw too: the scan finds it.
        assertThat(table(dir.resolve("whole"), "quarantine").where("raw LIKE '192.0.2.45 %'").count()).isOne();
    }

    @Test
    void storeUserAgentKeepsTheAgents() {
        sessioniseInto("agents", "touchpoint.privacy.store-user-agent", true);
        Dataset<Row> events = table(dir.resolve("agents"), "events");
        assertThat(events.select("user_agent").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrderElementsOf(AGENTS);
        assertThat(events.where("device_category IS NULL OR browser_family IS NULL").count()).isZero();
        // The same visitors either way.
        assertThat(visitorIds("agents")).hasSize(4);
    }

    @Test
    void visitorIdsAreKeyedByTheFoldersSecretOrThePseudonymKey() throws Exception {
        Set<String> first = visitorIds("masked");
        sessioniseInto("masked");
        assertThat(visitorIds("masked")).as("the same folder, the same secret").isEqualTo(first);
        assertThat(dir.resolve("masked/_secrets/key")).exists();
        sessioniseInto("elsewhere");
        assertThat(visitorIds("elsewhere")).as("another folder, another secret").hasSize(4).doesNotContainAnyElementsOf(first);

        Path keyFile = Files.writeString(dir.resolve("touchpoint.key"), KEY);
        sessioniseInto("hidden-1", "touchpoint.privacy.pseudonymise", true, "touchpoint.privacy.key-file", keyFile.toString());
        sessioniseInto("hidden-2", "touchpoint.privacy.pseudonymise", true, "touchpoint.privacy.key-file", keyFile.toString());
        assertThat(visitorIds("hidden-1")).as("one key, one set of ids in any folder").isEqualTo(visitorIds("hidden-2"))
                .hasSize(4).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{43}"))
                .doesNotContainAnyElementsOf(first);
    }
}
