package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.funnel.FunnelColumns;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.output.AggregatesPublisher;
import io.touchpoint.spark.pipeline.Pipeline;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** Runs the pipeline for a command ({@link Pipeline} holds the stage order) and prints the summary. */
final class PipelineRunner {
    private PipelineRunner() {
    }

    /** @param attribute the whole run (journeys, models, funnels); false: quarantine, events and sessions only */
    static int run(ConfigOptions options, InputOptions input, String command, boolean attribute, PrintStream out)
            throws IOException {
        TouchpointConfig config = options.load(input); // every config error surfaces here, before Spark starts
        if (config.sessions().excludeBots()) {
            io.touchpoint.core.ingest.BotDetector.warmUp(); // overlaps Spark's start
        }
        SparkSession spark = SparkRuntime.start(options, InputReader.totalBytes(config.input().path()));
        if (attribute) {
            FunnelColumns.validate(spark, config.funnels()); // step expressions need Spark's parser, not a job
        }
        out.printf("Touchpoint %s: %s (%s) -> %s%s%s%n", command, config.input().path(), config.input().format().configName(),
                config.outputPath(), options.configFile() == null ? "" : ", config " + options.configFile(),
                config.range().isAll() ? "" : ", dates " + config.range());
        Pipeline.Result result = Pipeline.run(spark, config, command, attribute, Versions.touchpoint(), out::println);
        RunSummary.print(out, result);
        if (result.comparison() != null) {
            ComparisonPrinter.print(out, config, result.comparison());
        }
        if (!result.steps().isEmpty()) {
            FunnelPrinter.print(out, result.steps());
        }
        if (attribute && config.report().enabled()) {
            out.println();
            out.println("Report: " + ReportCommand.write(spark, config) + "  (open it in a browser; it works offline)");
        }
        // After the commit and the report: the aggregate tables and report.html to their own folder.
        // A failure here exits 1, but the run stays succeeded: its tables are committed (docs/privacy.md).
        if (attribute && !config.aggregatesPath().isEmpty()) {
            AggregatesPublisher.publish(spark, config, result.manifest().runId(), out::println);
        }
        return 0;
    }
}
