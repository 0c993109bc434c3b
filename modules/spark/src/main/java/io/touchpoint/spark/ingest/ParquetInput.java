package io.touchpoint.spark.ingest;

import io.touchpoint.core.error.TouchpointException;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.ingest.CanonicalColumn;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.HeaderMapping;
import io.touchpoint.spark.rows.SparkRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet inputs natively and hands each row to the same validation as text inputs: typed
 * columns become text first, so every format obeys one set of rules. The one exception is a
 * {@code TIMESTAMP} event time, handed over as epoch microseconds: printing and parsing it again
 * cost more than the rest of validation together, and a typed timestamp needs no parsing rules.
 * The values come straight from the Parquet reader's column batches ({@link ParquetBatches}) when
 * its columns are text, doubles and the typed time, else from the rows of a select that casts every
 * column to text ({@link ParquetRows}); both validate alike ({@link ParquetValidation}).
 * The quarantine table's "line" is the 1-based row number within the file.
 */
final class ParquetInput {
    private ParquetInput() {
    }

    /**
     * The input's rows, after every file's footer was read on the driver: a file whose footer
     * cannot be read (truncated, not Parquet at all) is left out of the scan and becomes a
     * quarantine row ({@code unreadable_file}, {@code input_line} 0), or stops the run when
     * {@code input.on-unreadable-file = fail}, instead of failing the job with Spark's error.
     * Footers are small and read in parallel; a file whose pages are corrupt behind a good footer
     * still fails the job.
     *
     * @param files the input's data files, by path
     */
    static Dataset<Row> readCheckingFooters(SparkSession spark, InputConfig input, EventNormalizer normalizer,
                                            CarriedColumns carried, FileStatus[] files) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        java.util.Map<FileStatus, String> broken = new java.util.concurrent.ConcurrentHashMap<>();
        Arrays.stream(files).parallel().forEach(f -> {
            try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, hadoop))) {
                r.getFooter();
            } catch (IOException | RuntimeException e) {
                broken.put(f, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            }
        });
        if (broken.isEmpty()) {
            return read(spark, input, normalizer, carried, files[0], null);
        }
        List<FileStatus> bad = Arrays.stream(files).filter(broken::containsKey).toList();
        if (input.onUnreadableFile() == InputConfig.OnUnreadableFile.FAIL) {
            FileStatus f = bad.get(0);
            throw TouchpointException.input(f.getPath().toString(), "The Parquet file cannot be read (" + broken.get(f) + ")",
                    "Replace it with a complete copy, or set touchpoint.input.on-unreadable-file = quarantine to read the"
                            + " other files and record this one in the quarantine table.", null);
        }
        List<Row> quarantined = new ArrayList<>();
        for (FileStatus f : bad) {
            quarantined.add(ParsedSchema.toRow(io.touchpoint.core.ingest.RawRecord.quarantined(f.getPath().toString(), 0, null,
                    io.touchpoint.core.ingest.Reasons.UNREADABLE_FILE, "the Parquet footer cannot be read (" + broken.get(f)
                            + "); the file was left out"), normalizer, Integer.MAX_VALUE, carried));
        }
        Dataset<Row> unreadable = spark.createDataFrame(quarantined, ParsedSchema.SCHEMA);
        List<FileStatus> good = Arrays.stream(files).filter(f -> !broken.containsKey(f)).toList();
        if (good.isEmpty()) {
            return unreadable;
        }
        return read(spark, input, normalizer, carried, good.get(0), good).union(unreadable);
    }

    /**
     * @param first the input's first data file by path: its footer gives the schema
     * @param only the files to read, or null for everything under the input path
     */
    static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer, CarriedColumns carried,
                             FileStatus first, List<FileStatus> only) {
        io.touchpoint.spark.api.SparkApi api = io.touchpoint.spark.api.SparkApis.of(spark);
        StructType schema = api.parquetFooterSchema(spark, first);
        org.apache.spark.sql.DataFrameReader reader = schema == null ? spark.read() : spark.read().schema(schema);
        Dataset<Row> df = only == null ? reader.parquet(input.path())
                // Partition folders under the input path still give their columns.
                : reader.option("basePath", basePath(spark, input.path())).parquet(only.stream().map(f -> f.getPath().toString())
                        .toArray(String[]::new));
        List<String> names = Arrays.asList(df.columns());
        HeaderMapping.indexes(input, input.path(), names); // fails on a missing required column
        List<Column> select = new ArrayList<>();
        String timeName = input.sourceName(CanonicalColumn.EVENT_TIME);
        boolean typedTime = names.contains(timeName) && df.schema().apply(timeName).dataType().equals(DataTypes.TimestampType);
        for (CanonicalColumn c : CanonicalColumn.ALL) {
            String n = input.sourceName(c);
            boolean present = names.contains(n) && !(typedTime && c == CanonicalColumn.EVENT_TIME);
            select.add(present ? asText(col("`" + n + "`"), df.schema().apply(n)).as(c.columnName())
                    : lit(null).cast(DataTypes.StringType).as(c.columnName()));
        }
        select.add(col("_metadata.file_path").as("_file"));
        select.add(col("_metadata.row_index").plus(1).as("_line"));
        select.add(typedTime ? unix_micros(col("`" + timeName + "`")).as("_time") : lit(null).cast(DataTypes.LongType).as("_time"));
        FileRanks ranks = new FileRanks(df.inputFiles());
        // Spark's own values in, Spark's rows out: no encoder turns every field into a Java object
        // and back. The reader's column batches when its scan yields them, else the select's rows.
        ParquetBatches.Scan batches = ParquetBatches.scan(api, df, input, typedTime);
        if (batches != null) {
            ParquetBatches.Layout layout = batches.layout();
            return api.fromRdd(spark, batches.rdd().toJavaRDD()
                    .mapPartitions(b -> new ParquetBatches(b, layout, normalizer, ranks, carried)).rdd(), ParsedSchema.SCHEMA);
        }
        return SparkRows.mapPartitions(df.select(select.toArray(Column[]::new)), ParsedSchema.SCHEMA,
                rows -> new ParquetRows(rows, normalizer, ranks, carried));
    }

    /** The input path when it is a folder, else its parent (a file's or a glob's folder). */
    private static String basePath(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try {
            org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p) && fs.getFileStatus(p).isDirectory() ? path : p.getParent().toString();
        } catch (IOException e) {
            return p.getParent().toString();
        }
    }

    private static Column asText(Column c, StructField f) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
        }
        return c.cast(DataTypes.StringType);
    }
}
