package io.touchpoint.spark.ingest;

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

    /** @param first the input's first data file by path: its footer gives the schema */
    static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer, CarriedColumns carried,
                             FileStatus first) {
        io.touchpoint.spark.api.SparkApi api = io.touchpoint.spark.api.SparkApis.of(spark);
        StructType schema = api.parquetFooterSchema(spark, first);
        Dataset<Row> df = (schema == null ? spark.read() : spark.read().schema(schema)).parquet(input.path());
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

    private static Column asText(Column c, StructField f) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
        }
        return c.cast(DataTypes.StringType);
    }
}
