package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What follows a command that rewrote committed tables: an existing report is written again (even
 * with {@code report.enabled = false}: it must no longer show what went), and the aggregates folder
 * is published again.
 */
final class MaintenanceOutputs {
    private MaintenanceOutputs() {
    }

    /** @param runId the command's run id, recorded by the aggregates folder's {@code _published.json} */
    static void refresh(SparkSession spark, TouchpointConfig config, String runId, PrintStream out) throws IOException {
        Path report = new Path(config.outputPath(), "report.html");
        boolean hadReport = report.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(report);
        if (hadReport) {
            out.println("Report: " + ReportCommand.write(spark, config));
        }
        // The aggregates folder (output.aggregates-path) must not keep counting what went either.
        io.touchpoint.spark.output.AggregatesPublisher.publish(spark, config, runId, out::println);
    }
}
