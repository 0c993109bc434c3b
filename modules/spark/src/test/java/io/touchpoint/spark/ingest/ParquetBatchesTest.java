package io.touchpoint.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.spark.SparkTestBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet read from the reader's column batches validates every row as reading Spark's rows does. */
class ParquetBatchesTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static final StructType SCHEMA = new StructType().add("event_id", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType).add("visitor_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType).add("event_name", DataTypes.StringType)
            .add("page_url", DataTypes.StringType).add("referrer_url", DataTypes.StringType)
            .add("revenue", DataTypes.DoubleType).add("user_agent", DataTypes.StringType);

    static final double[] REVENUES = {12.5, 1.0E10, 0.1, 100.0, 1.0E-5, -3.0, Double.NaN, 123456.789};

    @Test
    void batchesAndRowsGiveTheSameRowsFileLinesAndQuarantine() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(RowFactory.create(i % 97 == 5 ? "" : "e" + i,
                    i % 89 == 3 ? null : Instant.parse("2026-09-01T10:00:00Z").plusSeconds(37L * i),
                    i % 71 == 1 ? null : i % 5 == 0 ? " v" + i % 300 + " " : "v" + i % 300,
                    i % 4 == 0 ? "u" + i % 50 : null, i % 7 == 0 ? "purchase" : "page_view",
                    i % 3 == 0 ? "https://shop.example/p?utm_source=news&utm_medium=email" : "https://shop.example/p" + i,
                    i % 6 == 1 ? "https://www.google.com/search?q=shoes" : null,
                    i % 7 == 0 ? REVENUES[i % REVENUES.length] : null,
                    i % 10 == 0 ? "Googlebot/2.1 (+http://www.google.com/bot.html)" : "Mozilla/5.0 (X11; Linux x86_64)"));
        }
        Path in = dir.resolve("typed.parquet");
        spark.createDataFrame(rows, SCHEMA).repartition(3).write().parquet(in.toString());
        TouchpointConfig config = config(dir.resolve("out"), "touchpoint.input.path", in.toString(),
                "touchpoint.input.format", "parquet");

        Dataset<Row> fromBatches = read(config);
        List<Row> batches = fromBatches.collectAsList();
        spark.conf().set("spark.sql.parquet.enableVectorizedReader", "false");
        List<Row> fromRows;
        try {
            assertThat(ParquetBatches.scan(io.touchpoint.spark.api.SparkApis.of(spark), raw(in), config.input(), true)).as("no batches: rows").isNull();
            fromRows = read(config).collectAsList();
        } finally {
            spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
        }
        assertThat(ParquetBatches.scan(io.touchpoint.spark.api.SparkApis.of(spark), raw(in), config.input(), true)).isNotNull();

        assertThat(batches).hasSize(2_000).containsExactlyInAnyOrderElementsOf(fromRows);
        // Every status is there, and a quarantined row names its file and line.
        assertThat(batches.stream().map(r -> r.getString(0)).distinct())
                .containsExactlyInAnyOrder(ParsedSchema.ACCEPTED, ParsedSchema.QUARANTINED, ParsedSchema.SKIPPED);
        assertThat(batches.stream().filter(r -> r.getString(0).equals(ParsedSchema.QUARANTINED))
                .allMatch(r -> r.getString(4).contains("typed.parquet/part-") && r.getLong(5) >= 1)).isTrue();
        assertThat(fromBatches.where("status = 'accepted' and revenue = 1.0E10").count()).isPositive();
    }

    @Test
    void aColumnOfAnotherTypeIsReadAsRows() {
        Path in = dir.resolve("int-revenue.parquet");
        StructType schema = new StructType().add("event_time", DataTypes.StringType)
                .add("visitor_id", DataTypes.StringType).add("event_name", DataTypes.StringType)
                .add("revenue", DataTypes.IntegerType);
        spark.createDataFrame(List.of(RowFactory.create("2026-09-01T10:00:00Z", "v1", "purchase", 5)), schema)
                .write().parquet(in.toString());
        TouchpointConfig config = config(dir.resolve("int-out"), "touchpoint.input.path", in.toString(),
                "touchpoint.input.format", "parquet");
        assertThat(ParquetBatches.scan(io.touchpoint.spark.api.SparkApis.of(spark), raw(in), config.input(), false)).isNull();
        assertThat(read(config).where("status = 'accepted'").first().<Double>getAs("revenue")).isEqualTo(5.0);
    }

    private static Dataset<Row> raw(Path in) {
        return spark.read().parquet(in.toString());
    }

    private static Dataset<Row> read(TouchpointConfig config) {
        return InputReader.read(spark, config.input(), new EventNormalizer(config.input().timeZone(), config.sessions(),
                EventNormalizer.Limits.of(config.input(), java.time.Instant.now())));
    }
}
