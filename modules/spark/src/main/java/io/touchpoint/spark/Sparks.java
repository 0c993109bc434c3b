package io.touchpoint.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Creates and configures the SparkSession Touchpoint runs in.
 *
 * <p>The settings here are part of the output contract: Parquet timestamps are written as
 * TIMESTAMP_MICROS, date partitions are overwritten dynamically (a rerun replaces only the dates it
 * wrote), and Java 8 time types are used so rows carry {@link java.time.Instant} and
 * {@link java.time.LocalDate}.
 */
public final class Sparks {
    private Sparks() {
    }

    /** A local embedded session, as the launcher and tests use. */
    public static SparkSession local(String master, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("touchpoint")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/touchpoint-warehouse");
        SparkSession spark = b.getOrCreate();
        configure(spark);
        return spark;
    }

    /** Applies Touchpoint's required settings to any session (also one made by spark-submit). */
    public static void configure(SparkSession spark) {
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }
}
