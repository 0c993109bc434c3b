package io.touchpoint.bench;

import io.touchpoint.core.generate.GeneratorSpec;
import io.touchpoint.core.generate.SyntheticLogGenerator;
import io.touchpoint.core.ingest.EventTimeParser;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's input: seeded synthetic logs as typed Parquet, generated in parallel chunks (one
 * generator per chunk, its ids prefixed with the chunk so chunks never share visitors or users).
 */
final class BenchData {
    /** Events per visitor of the generator's default mix, measured: used to size the chunks. */
    static final double EVENTS_PER_VISITOR = 4.79;
    /** Events per generator chunk: bounds the memory of one generating task. */
    static final long EVENTS_PER_CHUNK = 250_000;

    static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType).add("event_time", DataTypes.TimestampType)
            .add("visitor_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
            .add("event_name", DataTypes.StringType).add("page_url", DataTypes.StringType)
            .add("referrer_url", DataTypes.StringType).add("utm_source", DataTypes.StringType)
            .add("utm_medium", DataTypes.StringType).add("utm_campaign", DataTypes.StringType)
            .add("utm_term", DataTypes.StringType).add("utm_content", DataTypes.StringType)
            .add("revenue", DataTypes.DoubleType).add("user_agent", DataTypes.StringType);

    private BenchData() {
    }

    /** The Parquet folder for {@code events} events under {@code root}, generated when missing. */
    static String ensure(SparkSession spark, String root, long events, long seed) throws Exception {
        Path dir = new Path(root, "events-" + label(events));
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(new Path(dir, "_SUCCESS"))) {
            return dir.toString();
        }
        int chunkCount = (int) Math.max(2, Math.ceil((double) events / EVENTS_PER_CHUNK));
        int visitorsPerChunk = (int) Math.ceil(events / EVENTS_PER_VISITOR / chunkCount);
        List<Integer> chunks = new ArrayList<>();
        for (int c = 0; c < chunkCount; c++) {
            chunks.add(c);
        }
        FlatMapFunction<Integer, Row> generate = chunk -> {
            GeneratorSpec sample = GeneratorSpec.sample();
            GeneratorSpec spec = new GeneratorSpec(seed * 1000 + chunk, visitorsPerChunk, sample.startDate(), 90,
                    sample.botShare(), 0);
            EventTimeParser times = new EventTimeParser(ZoneOffset.UTC);
            List<Row> rows = new ArrayList<>();
            String prefix = "c" + chunk + "-";
            new SyntheticLogGenerator(spec).forEachEvent(f -> {
                OptionalLong t = times.parseMicros(f[1]);
                rows.add(RowFactory.create(prefix + f[0], ParsedSchema.instant(t.orElseThrow()), prefix + f[2],
                        empty(f[3]) ? null : prefix + f[3], f[4], empty(f[5]) ? null : f[5], empty(f[6]) ? null : f[6],
                        nullIfEmpty(f[7]), nullIfEmpty(f[8]), nullIfEmpty(f[9]), nullIfEmpty(f[10]), nullIfEmpty(f[11]),
                        empty(f[12]) ? null : Double.parseDouble(f[12]), nullIfEmpty(f[13])));
            });
            return rows.iterator();
        };
        Dataset<Row> data = spark.createDataset(chunks, Encoders.INT()).repartition(chunkCount)
                .flatMap(generate, Encoders.row(SCHEMA));
        data.write().mode(SaveMode.Overwrite).parquet(dir.toString());
        return dir.toString();
    }

    static String label(long events) {
        return events % 1_000_000 == 0 ? events / 1_000_000 + "m" : events % 1000 == 0 ? events / 1000 + "k" : Long.toString(events);
    }

    /** Parses sizes like 1m, 10m, 250k. */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("m")) {
            return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1_000_000);
        }
        if (t.endsWith("k")) {
            return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1_000);
        }
        return Long.parseLong(t);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullIfEmpty(String s) {
        return empty(s) ? null : s;
    }
}
