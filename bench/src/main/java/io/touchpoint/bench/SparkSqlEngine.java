package io.touchpoint.bench;

import org.apache.spark.sql.SparkSession;

/** The plain Spark SQL baseline as a measured engine, on the worker's fresh SparkSession. */
final class SparkSqlEngine {
    private SparkSqlEngine() {
    }

    static EngineResult run(SparkSession spark, String input, long events, long startupMs) {
        return DuckDbEngine.from(SparkSqlBaseline.run(spark, input), events, startupMs);
    }
}
