package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real runs ({@code kill -9} of a separate JVM) while they write, at several points: in the
 * person pass (tables half-staged), after the commit journal, half-way through the commit. Each
 * time the output must describe one complete run (the previous one, or after recovery the killed
 * one), {@code latest.json} and {@code _SUCCESS} must name a complete run, and the next command
 * must leave nothing of the killed run behind.
 */
class RunKillIT {
    @TempDir
    Path dir;

    /** The arguments of {@code run} over {@code input} into {@code out}, without the report. */
    private static List<String> run(Path input, Path out) {
        return List.of("run", "--config", "../touchpoint.conf", "--input", input.toString(), "--output", out.toString(),
                "--master", "local[2]", "--set", "touchpoint.report.enabled=false");
    }

    /** The arguments of {@code erase --user-id id} over {@code out}. */
    private static List<String> erase(Path out, String userId) {
        return List.of("erase", "--config", "../touchpoint.conf", "--output", out.toString(), "--master", "local[2]",
                "--user-id", userId);
    }

    /** Starts {@code Main} with {@code args} in a JVM of its own, pausing at {@code pauseAt} (null: none). */
    private Process start(List<String> args, String pauseAt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect"))
                .forEach(cmd::add);
        if (pauseAt != null) {
            cmd.add("-Dtouchpoint.test.pause-at=" + pauseAt);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs to the end; returns its output. */
    private String complete(Path input, Path out) throws Exception {
        return complete(run(input, out));
    }

    /** Runs {@code args} to the end; returns its output. */
    private String complete(List<String> args) throws Exception {
        Process p = start(args, null);
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return log;
    }

    /** Runs until it pauses at {@code point}, then kills it with SIGKILL. */
    private void killAt(Path input, Path out, String point) throws Exception {
        killAt(run(input, out), point);
    }

    /** Runs {@code args} until it pauses at {@code point}, then kills it with SIGKILL. */
    private void killAt(List<String> args, String point) throws Exception {
        Process p = start(args, point);
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.equals("PAUSED " + point)) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    break;
                }
            }
        }
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(log.toString()).as(log.toString()).contains("PAUSED " + point);
    }

    /** Runs {@code touchpoint sql --format csv query} in this JVM (which recovers the folder first); returns its lines. */
    private static List<String> sql(Path out, String query) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.execute("sql", "--output", out.toString(), "--master", "local[1]", "--format", "csv", query);
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed.lines().toList();
    }

    private static String latest(Path out) throws Exception {
        String json = Files.readString(out.resolve("_manifests/latest.json"));
        return json.replaceAll("(?s).*\"run_id\" : \"([^\"]+)\".*", "$1");
    }

    private static long sessions(Path out) throws Exception {
        String json = Files.readString(out.resolve("_manifests/latest.json"));
        String tables = json.substring(json.indexOf("\"sessions\" : {\n      \"path\""));
        return Long.parseLong(tables.replaceAll("(?s)^.*?\"rows\" : (\\d+).*", "$1"));
    }

    private static long rowsOf(Path table) throws Exception {
        long n = 0;
        try (var files = Files.walk(table)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                try (var r = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
                        .fromPath(new org.apache.hadoop.fs.Path(f.toString()), new org.apache.hadoop.conf.Configuration()))) {
                    n += r.getRecordCount();
                }
            }
        }
        return n;
    }

    @Test
    void aKilledRunNeverLeavesTornTables() throws Exception {
        Path sample = Path.of("../sample-data/events.csv").toAbsolutePath();
        Path half = dir.resolve("half.csv");
        List<String> lines = Files.readAllLines(sample);
        Files.write(half, lines.subList(0, lines.size() / 2));

        Path out = dir.resolve("out");
        complete(sample, out);
        String first = latest(out);
        long full = rowsOf(out.resolve("sessions"));
        assertThat(sessions(out)).isEqualTo(full);

        // Killed in the middle of the passes: nothing of it is visible.
        killAt(half, out, "person-pass");
        assertThat(latest(out)).isEqualTo(first);
        assertThat(Files.readString(out.resolve("_SUCCESS")).strip()).isEqualTo(first);
        assertThat(rowsOf(out.resolve("sessions"))).isEqualTo(full);
        assertThat(out.resolve("_staging")).isDirectory();

        // Killed after deciding to commit, and half-way through the commit: the next command finishes it.
        for (String point : List.of("commit", "commit-half")) {
            killAt(half, out, point);
            assertThat(Main.execute("sql", "--output", out.toString(), "--master", "local[1]",
                    "SELECT count(*) FROM sessions")).isZero();
            assertThat(out.resolve("_staging")).doesNotExist();
            String killed = latest(out);
            assertThat(killed).isNotEqualTo(first);
            assertThat(Files.readString(out.resolve("_SUCCESS")).strip()).isEqualTo(killed);
            assertThat(rowsOf(out.resolve("sessions"))).isEqualTo(sessions(out)).isLessThan(full);
        }

        // The run killed in its passes is on record as failed; the next run leaves no staging behind.
        complete(sample, out);
        assertThat(out.resolve("_staging")).doesNotExist();
        assertThat(rowsOf(out.resolve("sessions"))).isEqualTo(full);
        try (var manifests = Files.list(out.resolve("_manifests"))) {
            assertThat(manifests.filter(m -> {
                try {
                    return Files.readString(m).contains("\"status\" : \"failed\"");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count()).isEqualTo(1);
        }
    }
    /** Rows of person u00680 in each person-level table: events, sessions, conversions, attribution_credit, funnel_progress. */
    private static final String PERSON_ROWS = "SELECT (SELECT count(*) FROM events WHERE person_id = 'u00680' OR user_id = 'u00680'),"
            + " (SELECT count(*) FROM sessions WHERE person_id = 'u00680'),"
            + " (SELECT count(*) FROM conversions WHERE person_id = 'u00680'),"
            + " (SELECT count(*) FROM attribution_credit WHERE person_id = 'u00680'),"
            + " (SELECT count(*) FROM funnel_progress WHERE unit_id = 'u00680')";

    /** Per model, whether attribution_summary sums to what attribution_credit holds (the recount is committed with the rows). */
    private static final String SUMMARY_MATCHES_CREDIT = "SELECT count(*) FROM (SELECT model, round(sum(conversions), 6) AS n"
            + " FROM attribution_summary GROUP BY model) s FULL OUTER JOIN (SELECT model, round(sum(credit), 6) AS n"
            + " FROM attribution_credit GROUP BY model) c ON s.model = c.model WHERE s.n IS NULL OR c.n IS NULL OR s.n <> c.n";

    /** The files in {@code dir} but Hadoop's hidden checksums ({@code .NAME.crc}); none when it does not exist. */
    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void anEraseKilledBeforeItsJournalChangesNothing() throws Exception {
        Path out = dir.resolve("erase-staged");
        complete(Path.of("../sample-data/events.csv").toAbsolutePath(), out);
        String run = latest(out);
        String person = sql(out, PERSON_ROWS).get(1);
        assertThat(person).as("u00680 in events, sessions, conversions, credit, funnels").matches("[1-9]\\d*,[1-9]\\d*,\\d+,\\d+,\\d+");

        // Killed with every table staged, before the journal: the erasure never happened.
        killAt(erase(out, "u00680"), "rewrite-staged");
        assertThat(files(out.resolve("_staging"))).hasSize(1);
        assertThat(files(out.resolve("_staging")).get(0).resolve("_COMMIT")).doesNotExist();
        assertThat(sql(out, PERSON_ROWS).get(1)).isEqualTo(person);
        assertThat(out.resolve("_staging")).doesNotExist();
        assertThat(files(out.resolve("_audit/erasures"))).isEmpty();
        assertThat(files(out.resolve("_audit/erasure-list"))).isEmpty();
        assertThat(latest(out)).isEqualTo(run);
        assertThat(files(out.resolve("_manifests")).stream().filter(m -> {
            try {
                String json = Files.readString(m);
                return json.contains("\"status\" : \"failed\"") && json.contains("\"command\" : \"erase\"");
            } catch (java.io.IOException e) {
                return false;
            }
        }).count()).as("the killed erase is on record as failed").isEqualTo(1);

        // A complete erase afterwards works.
        String log = complete(erase(out, "u00680"));
        assertThat(log).contains("Erased 1 person");
        assertThat(sql(out, PERSON_ROWS).get(1)).isEqualTo("0,0,0,0,0");
        assertThat(sql(out, SUMMARY_MATCHES_CREDIT).get(1)).isEqualTo("0");
        assertThat(files(out.resolve("_audit/erasures"))).hasSize(1);
        assertThat(out.resolve("_staging")).doesNotExist();
    }

    @Test
    void anEraseKilledAfterItsJournalIsFinishedByTheNextCommand() throws Exception {
        Path out = dir.resolve("erase-commit");
        complete(Path.of("../sample-data/events.csv").toAbsolutePath(), out);
        String person = sql(out, PERSON_ROWS).get(1);
        assertThat(person).matches("[1-9]\\d*,[1-9]\\d*,\\d+,\\d+,\\d+");

        // Killed with the journal written, before any rename: the erasure is decided.
        killAt(erase(out, "u00680"), "commit");
        assertThat(files(out.resolve("_staging"))).hasSize(1);
        assertThat(files(out.resolve("_staging")).get(0).resolve("_COMMIT")).exists();
        assertThat(files(out.resolve("_audit/erasures"))).isEmpty();

        // The next command replays the journal before it reads anything.
        assertThat(sql(out, PERSON_ROWS).get(1)).isEqualTo("0,0,0,0,0");
        assertThat(out.resolve("_staging")).doesNotExist();
        List<Path> audit = files(out.resolve("_audit/erasures"));
        assertThat(audit).hasSize(1);
        assertThat(Files.readString(audit.get(0))).contains("\"status\" : \"succeeded\"").doesNotContain("u00680");
        assertThat(files(out.resolve("_audit/erasure-list"))).hasSize(1);
        assertThat(sql(out, SUMMARY_MATCHES_CREDIT).get(1)).isEqualTo("0");
        assertThat(sql(out, "SELECT count(*) FROM events").get(1)).isEqualTo(String.valueOf(rowsOf(out.resolve("events"))));
    }
}
