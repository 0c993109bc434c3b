package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Retention;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention (docs/privacy.md#retention) on a multi-month output: the sample, and copies of it two
 * and four months earlier (other visitors), so three months of dates. Every date before the cutoff
 * goes from every table, every later date stays as it was, the summaries over all dates are
 * recounted, old manifests go, and the run says what it dropped.
 */
class RetentionTest extends SparkTestBase {
    @TempDir
    static Path dir;
    static Path input;
    /** The first date kept in these tests: the earliest copy (May) goes, July and September stay. */
    static final LocalDate CUTOFF = LocalDate.of(2026, 6, 15);

    @BeforeAll
    static void threeMonths() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLE.toPath(), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            sb.append(line).append('\n');
            String[] f = line.split(",", 5);
            if (f.length < 5) {
                continue;
            }
            Instant t;
            try {
                t = Instant.parse(f[1]);
            } catch (DateTimeParseException e) {
                continue; // a malformed row of the sample: once is enough
            }
            for (int months = 2; months <= 4; months += 2) {
                String p = "m" + months + "-";
                sb.append(p).append(f[0]).append(',').append(t.minus(61L * months / 2, ChronoUnit.DAYS)).append(',')
                        .append(p).append(f[2]).append(',').append(f[3].isEmpty() ? "" : p + f[3]).append(',').append(f[4]).append('\n');
            }
        }
        input = Files.writeString(dir.resolve("three-months.csv"), sb.toString());
    }

    private static TouchpointConfig months(Path out, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("touchpoint.input.path", input.toString()));
        kv.addAll(List.of(more));
        return ErasureTest.quickStart(out, kv.toArray());
    }

    /** Rows per partition folder of a table, e.g. {@code event_date=2026-09-01 -> 420}. */
    private static Map<String, Long> byDate(Path out, String table, String column) {
        Map<String, Long> m = new TreeMap<>();
        for (Row r : table(out, table).groupBy(column).count().collectAsList()) {
            m.put(column + "=" + r.get(0), r.getLong(1));
        }
        return m;
    }

    private static final Map<String, String> DATED = Map.of("events", "event_date", "sessions", "session_date",
            "conversions", "conversion_date", "attribution_credit", "conversion_date", "attribution_summary", "conversion_date",
            "funnel_progress", "entered_date", "funnel_trends", "date");

    private static Duration keepUntil(LocalDate cutoff) {
        return Duration.ofDays(ChronoUnit.DAYS.between(cutoff, LocalDate.now(ZoneOffset.UTC)));
    }

    @Test
    void retentionDropsEveryOlderDateFromEveryTableAndKeepsTheRest() throws Exception {
        Path out = dir.resolve("out");
        TouchpointConfig c = months(out);
        run(c);
        Map<String, Map<String, Long>> before = new TreeMap<>();
        DATED.forEach((t, col) -> before.put(t, byDate(out, t, col)));
        assertThat(before.get("events").keySet()).anyMatch(p -> p.compareTo("event_date=" + CUTOFF) < 0)
                .anyMatch(p -> p.compareTo("event_date=2026-08-01") < 0 && p.compareTo("event_date=" + CUTOFF) > 0)
                .anyMatch(p -> p.startsWith("event_date=2026-09"));
        Path old = Files.writeString(out.resolve("_manifests/20250101T000000Z-0000.json"), "{\"run_id\":\"20250101T000000Z-0000\"}");

        Retention.Result r = Retention.run(spark, c, keepUntil(CUTOFF), "test", line -> { });

        assertThat(r.cutoff()).isEqualTo(CUTOFF);
        for (Map.Entry<String, String> t : DATED.entrySet()) {
            Map<String, Long> after = byDate(out, t.getKey(), t.getValue());
            Map<String, Long> expected = new TreeMap<>(before.get(t.getKey()));
            long dropped = 0;
            for (String p : new ArrayList<>(expected.keySet())) {
                if (p.compareTo(t.getValue() + "=" + CUTOFF) < 0) {
                    dropped += expected.remove(p);
                }
            }
            assertThat(after).as(t.getKey()).isEqualTo(expected);
            assertThat(r.dropped().getOrDefault(t.getKey(), 0L)).as(t.getKey()).isEqualTo(dropped);
            try (Stream<Path> dirs = Files.list(out.resolve(t.getKey()))) {
                assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(t.getValue() + "=")))
                        .allMatch(n -> n.compareTo(t.getValue() + "=" + CUTOFF) >= 0);
            }
        }
        assertThat(r.dropped().get("events")).isPositive();
        // The summaries over every date count what stays.
        double last = table(out, "model_comparison").agg(org.apache.spark.sql.functions.sum("last_conversions")).first().getDouble(0);
        assertThat(last).isCloseTo(table(out, "conversions").count(), within(1e-9));
        long stepOne = table(out, "funnel_steps").where("step_index = 1 AND breakdown = 'all' AND funnel = 'checkout'")
                .first().<Long>getAs("units");
        assertThat(stepOne).isEqualTo(table(out, "funnel_progress").where("funnel = 'checkout'").select("unit_id").distinct().count());
        // Old manifests go, the latest stays; the quarantine of today's run stays; the audit says what went.
        assertThat(old).doesNotExist();
        assertThat(out.resolve("_manifests/latest.json")).exists();
        assertThat(table(out, "quarantine").count()).isPositive();
        String audit = Files.readString(out.resolve("_audit/retention/" + r.runId() + ".json"));
        assertThat(audit).contains("\"first_date_kept\" : \"" + CUTOFF + "\"", "\"rows_dropped\"", "event_date=");

        Retention.Result again = Retention.run(spark, c, keepUntil(CUTOFF), "test", line -> { });
        assertThat(again.droppedAnything()).isFalse();
        assertThat(out.resolve("_audit/retention/" + again.runId() + ".json")).doesNotExist();
    }

    @Test
    void aRunWithRetentionSetDropsOlderDatesAfterItsCommit() {
        Path out = dir.resolve("configured");
        var result = run(months(out, "touchpoint.privacy.retention", keepUntil(CUTOFF).toDays() + "d"));
        assertThat(result.manifest().status()).isEqualTo("succeeded");
        for (Map.Entry<String, String> t : DATED.entrySet()) {
            assertThat(byDate(out, t.getKey(), t.getValue()).keySet()).as(t.getKey())
                    .allMatch(p -> p.compareTo(t.getValue() + "=" + CUTOFF) >= 0).isNotEmpty();
        }
        assertThat(table(out, "events").count()).isLessThan(result.counts().accepted());
    }
}
