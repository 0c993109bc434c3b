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

    /** Whether the output folder holds a report (asked before the command: its commit removes a stale one). */
    static boolean hasReport(SparkSession spark, TouchpointConfig config) throws IOException {
        Path report = new Path(config.outputPath(), "report.html");
        return report.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(report);
    }

    /**
     * @param runId the command's run id, recorded by the aggregates folder's {@code _published.json}
     * @param hadReport whether the folder held a report before the command
     */
    static void refresh(SparkSession spark, TouchpointConfig config, String runId, boolean hadReport, PrintStream out)
            throws IOException {
        if (hadReport) {
            out.println("Report: " + ReportCommand.write(spark, config));
        }
        // The aggregates folder (output.aggregates-path) must not keep counting what went either.
        io.touchpoint.spark.output.AggregatesPublisher.publish(spark, config, runId, out::println);
    }
}
