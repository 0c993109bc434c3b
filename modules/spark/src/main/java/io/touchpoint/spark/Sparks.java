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

    /**
     * Shuffle partitions for a local session reading {@code inputBytes}: about one per 8 MB of input,
     * so that each partition's sort fits its share of a 4 GB heap (at 10M events, 4 partitions
     * spilled 1.4 GB and took 80 s, 32 spilled nothing and took 63 s), but never fewer than two per
     * core, nor so many that small inputs pay for hundreds of tiny tasks in every job (the sample
     * runs 60 jobs: 32 partitions made it 8 s slower than 4). A multiple of the cores: the two
     * passes' shuffles are not coalesced (see {@code SparkRows#of}), so every partition is a task,
     * and a last wave of one task leaves the other cores idle.
     */
    public static int localShufflePartitions(long inputBytes) {
        return localShufflePartitions(inputBytes, Runtime.getRuntime().availableProcessors());
    }

    static int localShufflePartitions(long inputBytes, int cores) {
        long bySize = inputBytes / (8L << 20);
        int n = (int) Math.max(Math.max(4, 2 * cores), Math.min(200, bySize));
        return (n + cores - 1) / cores * cores;
    }

    /** A local embedded session, as the launcher and tests use. */
    public static SparkSession local(String master, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("touchpoint")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                // Input splits of at least 4 per core: with Spark's default (one 128 MB split per task) a
                // few hundred MB of Parquet make 3 tasks on 2 cores, and one core idles for a third of the scan.
                .config("spark.sql.files.minPartitionNum", String.valueOf(4 * Runtime.getRuntime().availableProcessors()))
                // Shuffle checksums locate corrupt blocks between machines; in one JVM they only cost CPU.
                .config("spark.shuffle.checksum.enabled", "false")
                // Nor does the order-independent checksum (a hash of every shuffled row, so that a retried
                // map task's output can be compared with the first attempt's): local mode never retries a
                // task, and it cost 1 % of a 10M run's CPU. Spark computes it when either setting is on.
                .config("spark.sql.shuffle.orderIndependentChecksum.enabled", "false")
                .config("spark.sql.shuffle.orderIndependentChecksum.enableFullRetryOnMismatch", "false")
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
