package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.report.ReportRenderer;
import io.touchpoint.spark.output.AggregatesPublisher;
import io.touchpoint.spark.report.ReportData;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code touchpoint report}: the self-contained HTML model-comparison report of an output folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes report.html (self-contained: opens offline) next to the tables, from the tables and the"
                + " latest run manifest; with touchpoint.output.aggregates-path, publishes it and the aggregate tables there.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws IOException {
        TouchpointConfig config = options.load();
        SparkSession spark = SparkRuntime.start(options);
        AggregatesPublisher.checkPaths(spark.sparkContext().hadoopConfiguration(), config); // exit 2 before any work
        System.out.println("Report: " + write(spark, config));
        // The report (and the tables as committed) to the aggregates folder: also how to publish again.
        AggregatesPublisher.publish(spark, config, null, System.out::println);
        return 0;
    }

    /** Renders the report of {@code config}'s output folder; returns where it was written. */
    static String write(SparkSession spark, TouchpointConfig config) throws IOException {
        SqlCommand.finishInterruptedCommit(spark, new Path(config.outputPath()));
        String json = ReportData.build(spark, config.outputPath(), config.report().title(), config.report().currency(),
                config.report().minPeople());
        Path target = new Path(config.outputPath(), "report.html");
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        // Written aside and renamed into place: a reader never opens half a report.
        Path tmp = new Path(config.outputPath(), ".report.html." + ProcessHandle.current().pid());
        try (var out = new java.io.OutputStreamWriter(fs.create(tmp, true), java.nio.charset.StandardCharsets.UTF_8)) {
            ReportRenderer.render(json, out);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("Cannot move " + tmp + " to " + target);
        }
        String p = target.toString();
        return p.startsWith("file:") ? p.substring(5) : p.contains(":") ? p : new File(p).getAbsolutePath();
    }
}
