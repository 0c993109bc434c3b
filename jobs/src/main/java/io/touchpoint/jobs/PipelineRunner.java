package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.SessionsPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Runs the pipeline stages a command asks for, writes the manifest and prints the summary. */
final class PipelineRunner {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PipelineRunner() {
    }

    static int run(ConfigOptions options, InputOptions input, String command, PrintStream out) throws IOException {
        TouchpointConfig config = options.load(input); // every config error surfaces here, before Spark starts
        Instant started = Instant.now();
        String runId = RUN_ID.format(started) + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        SparkSession spark = SparkRuntime.start(options);
        out.printf("Touchpoint %s: %s (%s) -> %s%n", command, config.input().path(), config.input().format().configName(),
                config.outputPath());
        SessionsPipeline.Result sessions = SessionsPipeline.run(spark, config, runId, out::println);
        RunManifest manifest = new RunManifest(runId, command, started, Instant.now(), Versions.touchpoint(),
                spark.version(), config.effective(), sessions.counts(), sessions.tables(), sessions.stages());
        String manifestPath = writeManifest(spark, config.outputPath(), manifest);
        sessions.release();
        RunSummary.print(out, manifest, sessions, manifestPath);
        return 0;
    }

    /** Writes _manifests/RUN_ID.json and _manifests/latest.json under the output path. */
    private static String writeManifest(SparkSession spark, String outputPath, RunManifest m) throws IOException {
        Path dir = new Path(outputPath, "_manifests");
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        byte[] json = m.toJson().getBytes(StandardCharsets.UTF_8);
        Path file = new Path(dir, m.runId() + ".json");
        for (Path p : new Path[] {file, new Path(dir, "latest.json")}) {
            try (OutputStream os = fs.create(p, true)) {
                os.write(json);
            }
        }
        return file.toString();
    }
}
