package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.SessionsPipeline;
import io.touchpoint.spark.attribution.AttributionStage;
import io.touchpoint.spark.funnel.FunnelStage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.touchpoint.spark.person.PersonPass;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the pipeline stages a command asks for, writes the manifest and prints the summary. */
final class PipelineRunner {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PipelineRunner() {
    }

    /** @param attribute also run the attribution stage (journeys, models, credit tables) */
    static int run(ConfigOptions options, InputOptions input, String command, boolean attribute, PrintStream out)
            throws IOException {
        TouchpointConfig config = options.load(input); // every config error surfaces here, before Spark starts
        Instant started = Instant.now();
        String runId = RUN_ID.format(started) + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        if (config.sessions().excludeBots()) {
            io.touchpoint.core.ingest.BotDetector.warmUp(); // overlaps Spark's start
        }
        SparkSession spark = SparkRuntime.start(options,
                io.touchpoint.spark.ingest.InputReader.totalBytes(config.input().path()));
        if (attribute) {
            FunnelStage.validate(spark, config.funnels()); // step expressions need Spark's parser, not a job
        }
        out.printf("Touchpoint %s: %s (%s) -> %s%s%s%n", command, config.input().path(), config.input().format().configName(),
                config.outputPath(), options.configFile() == null ? "" : ", config " + options.configFile(),
                config.range().isAll() ? "" : ", dates " + config.range());
        SessionsPipeline.Result sessions = SessionsPipeline.run(spark, config, runId, out::println);
        Map<String, RunManifest.TableInfo> tables = new HashMap<>(sessions.tables());
        Map<String, RunManifest.StageInfo> stages = new LinkedHashMap<>(sessions.stages());
        AttributionStage.Result attribution = null;
        // One shuffle by person and one pass build journeys, credits and funnel progress together.
        Dataset<Row> person = attribute ? PersonPass.cached(config, sessions.cached()) : null;
        if (attribute) {
            long in = sessions.sessionCount() + sessions.conversions();
            attribution = AttributionStage.run(config, person, in, out::println);
            tables.putAll(attribution.tables());
            stages.put("attribution", attribution.stage());
        }
        FunnelStage.Result funnels = null;
        if (attribute && !config.funnels().all().isEmpty()) {
            funnels = FunnelStage.run(spark, config, person, sessions.counts().accepted(), out::println);
            tables.putAll(funnels.tables());
            stages.put("funnels", funnels.stage());
        }
        if (person != null) {
            person.unpersist();
        }
        sessions.release();
        RunManifest manifest = new RunManifest(runId, command, started, Instant.now(), Versions.touchpoint(),
                spark.version(), config.effective(), sessions.counts(), tables, stages);
        String manifestPath = writeManifest(spark, config.outputPath(), manifest);
        RunSummary.print(out, manifest, sessions, manifestPath);
        if (attribution != null) {
            ComparisonPrinter.print(out, config, attribution);
        }
        if (funnels != null) {
            FunnelPrinter.print(out, funnels);
        }
        if (attribute) {
            out.println();
            out.println("Report: " + ReportCommand.write(spark, config) + "  (open it in a browser; it works offline)");
        }
        writeMarkers(spark, config, runId); // last: a marker means everything above is written
        return 0;
    }

    /**
     * Completion markers a scheduler waits on, written last: {@code _SUCCESS} for the run and, with
     * a range, {@code _markers/date=D/_SUCCESS} for every date D of it. Each holds the run id.
     */
    private static void writeMarkers(SparkSession spark, TouchpointConfig config, String runId) throws IOException {
        Path out = new Path(config.outputPath());
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        List<Path> markers = new ArrayList<>();
        if (!config.range().isAll()) {
            for (LocalDate d = config.range().from(); !d.isAfter(config.range().to()); d = d.plusDays(1)) {
                markers.add(new Path(new Path(new Path(out, "_markers"), "date=" + d), "_SUCCESS"));
            }
        }
        markers.add(new Path(out, "_SUCCESS"));
        for (Path p : markers) {
            try (OutputStream os = fs.create(p, true)) {
                os.write((runId + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
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
