package io.touchpoint.spark;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local[2] Spark session per test class: UI off, 2 shuffle partitions, UTC. */
public abstract class SparkTestBase {
    /** The bundled sample, from this module's folder (Surefire runs in it). */
    protected static final File SAMPLE = new File("../../sample-data/events.csv");

    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Sparks.local("local[2]", 2);
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        spark = null;
    }

    /** A validated config: the given key/value pairs over reference.conf. */
    protected static TouchpointConfig config(Path output, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.output.path", output.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(Optional.empty(), m);
    }

    /**
     * touchpoint-b2b.conf with the bundled B2B sample's files (its paths are relative to the
     * repository root) and no report, writing to {@code output}, with {@code keyValues} over it.
     */
    protected static TouchpointConfig b2b(Path output, Object... keyValues) {
        Map<String, Object> m = new HashMap<>(Map.of(
                "touchpoint.input.path", "../../sample-data/b2b/events.csv",
                "touchpoint.spend.path", "../../sample-data/b2b/spend.csv",
                "touchpoint.crm.path", "../../sample-data/b2b/crm.csv",
                "touchpoint.accounts.path", "../../sample-data/b2b/accounts.csv",
                "touchpoint.output.path", output.toString(),
                "touchpoint.report.enabled", false));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(Optional.of(new java.io.File("../../touchpoint-b2b.conf")), m);
    }

    /**
     * The rows of {@code d} as sorted text, doubles to 9 places: sums of doubles add up in the
     * tasks' order, which runs may differ in, in the last bits.
     */
    protected static java.util.List<String> rowsAsText(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> d) {
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (org.apache.spark.sql.Row r : d.collectAsList()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                sb.append(v instanceof Double x ? String.format(java.util.Locale.ROOT, "%.9f", x) : String.valueOf(v)).append('|');
            }
            rows.add(sb.toString());
        }
        rows.sort(null);
        return rows;
    }

    /** Runs the whole pipeline ({@code touchpoint run}) for {@code config}, as the command line does. */
    protected static io.touchpoint.spark.pipeline.Pipeline.Result run(TouchpointConfig config) {
        return io.touchpoint.spark.pipeline.Pipeline.run(spark, config, "run", true, "test", line -> { });
    }

    /** Runs {@code touchpoint sessionise}: quarantine, events and sessions only. */
    protected static io.touchpoint.spark.pipeline.Pipeline.Result sessionise(TouchpointConfig config) {
        return io.touchpoint.spark.pipeline.Pipeline.run(spark, config, "sessionise", false, "test", line -> { });
    }

    /**
     * Where {@code values} are found in {@code output}: "table.column holds value" for every string
     * value of every row of {@code tables} that contains one (empty: none).
     */
    protected static java.util.List<String> holding(Path output, java.util.List<String> tables, java.util.List<String> values) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String t : tables) {
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> d = table(output, t);
            for (org.apache.spark.sql.types.StructField f : d.schema().fields()) {
                if (!f.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                    continue;
                }
                for (org.apache.spark.sql.Row r : d.select(f.name()).where(f.name() + " IS NOT NULL").collectAsList()) {
                    for (String v : values) {
                        if (r.getString(0).contains(v)) {
                            found.add(t + "." + f.name() + " holds " + v);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A committed table of {@code output}. */
    protected static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(Path output, String name) {
        return spark.read().parquet(output.resolve(name).toString());
    }

    /**
     * The shuffles that computing {@code df}'s rows runs (planned as the passes plan their inputs,
     * without running anything), down to its inputs or to cached data.
     */
    protected static long shuffles(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df) {
        return lineage(df).stream()
                .flatMap(r -> scala.jdk.javaapi.CollectionConverters.asJava(r.dependencies()).stream())
                .filter(d -> d instanceof org.apache.spark.ShuffleDependency<?, ?, ?>).count();
    }

    /** Every RDD {@code df}'s rows are computed from, down to its inputs or to cached data. */
    protected static java.util.List<org.apache.spark.rdd.RDD<?>> lineage(
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df) {
        java.util.List<org.apache.spark.rdd.RDD<?>> all = new java.util.ArrayList<>();
        java.util.ArrayDeque<org.apache.spark.rdd.RDD<?>> todo = new java.util.ArrayDeque<>(
                java.util.List.of(((org.apache.spark.sql.classic.Dataset<org.apache.spark.sql.Row>) df).queryExecution().toRdd()));
        while (!todo.isEmpty()) {
            org.apache.spark.rdd.RDD<?> r = todo.pop();
            all.add(r);
            if (r.getStorageLevel().useMemory() || r.getStorageLevel().useDisk()) {
                continue; // cached: what it was computed from does not run again
            }
            scala.jdk.javaapi.CollectionConverters.asJava(r.dependencies()).forEach(d -> todo.add(d.rdd()));
        }
        return all;
    }

    /** Something a test runs on the driver. */
    protected interface DriverWork {
        void run() throws Exception;
    }

    /** Runs {@code work} and returns how many Spark jobs started meanwhile. */
    protected static int jobsDuring(DriverWork work) throws Exception {
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener count = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(count);
        try {
            work.run();
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(count);
        }
        return jobs.get();
    }
}
