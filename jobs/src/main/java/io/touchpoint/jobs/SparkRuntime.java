package io.touchpoint.jobs;

import io.touchpoint.spark.Sparks;
import org.apache.spark.sql.SparkSession;

/** Starts Spark: the cluster's session under spark-submit, an embedded one otherwise. */
final class SparkRuntime {
    private SparkRuntime() {
    }

    static SparkSession start(ConfigOptions options) {
        return start(options, 0);
    }

    /** @param inputBytes the size of the input the session will read, to size its shuffles (0: unknown) */
    static SparkSession start(ConfigOptions options, long inputBytes) {
        SparkSession spark;
        if (System.getProperty("spark.master") != null) {
            // spark-submit passes master, deploy mode and resources as system properties.
            spark = SparkSession.builder().appName("touchpoint").getOrCreate();
            Sparks.configure(spark);
        } else {
            spark = Sparks.local(options.master, Sparks.localShufflePartitions(inputBytes));
        }
        spark.sparkContext().setLogLevel(options.verbose ? "INFO" : "WARN");
        if (options.verbose) { // the task failure loggers log4j2.properties silences for the terminal
            for (String logger : new String[] {"org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager"}) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.INFO);
            }
        }
        return spark;
    }
}
