package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental runs: day by day equals one run over the range; a rerun changes nothing. */
class DateRangeRunTest extends SparkTestBase {
    @TempDir
    Path dir;

    private TouchpointConfig config(Path out, String from, String to) throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.input.path", SAMPLE.getPath());
        m.put("touchpoint.output.path", out.toString());
        m.put("touchpoint.range.from", from);
        m.put("touchpoint.range.to", to);
        return ConfigLoader.load(Optional.of(Path.of("../../touchpoint.conf").toFile()), m);
    }

    private void runRange(TouchpointConfig c) {
        run(c);
    }

    /** A table's rows in a stable order; the quarantine's run id differs between runs by design. */
    private List<Row> rows(Path out, String table, String... order) {
        Dataset<Row> t = spark.read().parquet(out.resolve(table).toString());
        if (table.equals("quarantine")) {
            t = t.drop("run_id");
        }
        return t.orderBy(t.columns()[0], java.util.Arrays.copyOfRange(t.columns(), 1, t.columns().length)).collectAsList();
    }

    static final List<String> TABLES = List.of("sessions", "events", "conversions", "attribution_credit",
            "attribution_summary", "model_comparison", "funnel_progress", "funnel_steps", "funnel_trends",
            "quarantine"); // compared without run_id

    @Test
    void dayByDayEqualsOneRunOverTheRange() throws Exception {
        Path whole = dir.resolve("whole");
        Path daily = dir.resolve("daily");
        runRange(config(whole, "2026-09-10", "2026-09-12"));
        for (String d : List.of("2026-09-10", "2026-09-11", "2026-09-12")) {
            runRange(config(daily, d, d));
        }
        for (String t : TABLES) {
            assertThat(rows(daily, t)).as(t).isEqualTo(rows(whole, t));
        }
        assertThat(rows(whole, "sessions")).isNotEmpty();
        assertThat(java.util.Arrays.stream(whole.resolve("sessions").toFile().list()).filter(n -> n.startsWith("session_date=")))
                .containsExactlyInAnyOrder("session_date=2026-09-10", "session_date=2026-09-11", "session_date=2026-09-12");
        assertThat(whole.resolve("_markers/date=2026-09-11/_SUCCESS")).exists();
        assertThat(daily.resolve("_markers/date=2026-09-12/_SUCCESS")).exists();
    }

    @Test
    void rerunChangesNothingAndOtherDatesStay() throws Exception {
        Path out = dir.resolve("out");
        runRange(config(out, "2026-09-10", "2026-09-11"));
        Map<String, List<Row>> before = new HashMap<>();
        for (String t : TABLES) {
            before.put(t, rows(out, t));
        }
        runRange(config(out, "2026-09-11", "2026-09-11"));
        for (String t : TABLES) {
            assertThat(rows(out, t)).as(t).isEqualTo(before.get(t));
        }
    }

    @Test
    void lateDataRerunEqualsAnOnTimeRun() throws Exception {
        // Day 11 without its last 40 events, then with them: the rerun equals a run on complete data.
        Path partial = dir.resolve("partial.csv");
        List<String> lines = Files.readAllLines(SAMPLE.toPath());
        List<String> late = lines.stream().filter(l -> l.contains(",2026-09-11T2")).toList();
        List<String> early = new java.util.ArrayList<>(lines);
        early.removeAll(late);
        Files.write(partial, early);
        Path out = dir.resolve("late");
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.input.path", partial.toString());
        m.put("touchpoint.output.path", out.toString());
        m.put("touchpoint.range.from", "2026-09-11");
        m.put("touchpoint.range.to", "2026-09-11");
        runRange(ConfigLoader.load(Optional.of(Path.of("../../touchpoint.conf").toFile()), m));
        runRange(config(out, "2026-09-11", "2026-09-11")); // the late events have arrived: the full sample
        Path onTime = dir.resolve("ontime");
        runRange(config(onTime, "2026-09-11", "2026-09-11"));
        assertThat(late).isNotEmpty();
        for (String t : TABLES) {
            assertThat(rows(out, t)).as(t).isEqualTo(rows(onTime, t));
        }
    }
}
