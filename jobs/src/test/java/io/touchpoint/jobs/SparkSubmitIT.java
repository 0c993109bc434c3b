package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar through Spark's own {@code SparkSubmit}, as a cluster would run it: a class
 * path of Spark and third-party jars only (none of Touchpoint's), the jar as the application.
 */
class SparkSubmitIT {
    @TempDir
    Path dir;

    private Process submit(String... args) throws Exception {
        String sparkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.contains("touchpoint") && !p.endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", sparkOnly, "org.apache.spark.deploy.SparkSubmit", "--class", "io.touchpoint.jobs.Main",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                Path.of("target", "touchpoint-jobs.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    }

    @Test
    void theJobJarRunsUnderSparkSubmit() throws Exception {
        Path out = dir.resolve("out");
        Process p = submit("run", "--config", "../touchpoint.conf", "--input", "../sample-data/events.csv",
                "--output", out.toString(), "--from", "2026-09-10", "--to", "2026-09-11");
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("Rows read", "Model comparison", "Funnel checkout", "Report: ");
        assertThat(out.resolve("_markers/date=2026-09-10/_SUCCESS")).exists();
        assertThat(out.resolve("_markers/date=2026-09-11/_SUCCESS")).exists();
        assertThat(out.resolve("sessions/session_date=2026-09-11")).isDirectory();
        assertThat(out.resolve("sessions/session_date=2026-09-12")).doesNotExist();
    }

    @Test
    void exitCodesPassThroughSparkSubmit() throws Exception {
        Process p = submit("run", "--input", dir.resolve("missing.csv").toString(), "--output", dir.resolve("o").toString());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isEqualTo(3);
    }
}
