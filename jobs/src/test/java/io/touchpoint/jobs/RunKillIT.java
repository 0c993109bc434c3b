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

    private Process start(Path input, Path out, String pauseAt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect"))
                .forEach(cmd::add);
        if (pauseAt != null) {
            cmd.add("-Dtouchpoint.test.pause-at=" + pauseAt);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config",
                "../touchpoint.conf", "--input", input.toString(), "--output", out.toString(), "--master", "local[2]",
                "--set", "touchpoint.report.enabled=false"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs to the end; returns its output. */
    private String complete(Path input, Path out) throws Exception {
        Process p = start(input, out, null);
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return log;
    }

    /** Runs until it pauses at {@code point}, then kills it with SIGKILL. */
    private void killAt(Path input, Path out, String point) throws Exception {
        Process p = start(input, out, point);
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
}
