package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.spark.output.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code conversion_paths} table, as GA4's conversion paths report (docs/tables.md): per goal
 * and channel path (repeats kept: {@code Email > Email > Direct} is its own path), the journeys'
 * conversions, value and non-conversions, the average days to convert and the path's early,
 * middle and late touches ({@link io.touchpoint.core.attribution.PathSegments}'s rule, here in
 * SQL). Counted from {@code journeys} over every date the output holds, and again after an erasure.
 */
final class ConversionPaths {
    static final TableSpec SPEC = new TableSpec("conversion_paths", new StructType()
            .add("goal", DataTypes.StringType)
            .add("channel_path", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("touchpoints", DataTypes.IntegerType)
            .add("early", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("middle", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("late", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("conversions", DataTypes.LongType)
            .add("value", DataTypes.DoubleType)
            .add("non_conversions", DataTypes.LongType)
            .add("avg_days_to_convert", DataTypes.DoubleType), null);

    private ConversionPaths() {
    }

    /** The table's rows from the rows of {@code journeys}. */
    static Dataset<Row> of(Dataset<Row> journeys) {
        // PathSegments: late = 25 % rounded up, early = 25 % to the nearest whole (never the only touch).
        String n = "size(channel_path)";
        String late = "CAST(ceil(" + n + " / 4.0) AS INT)";
        String early = "least(" + n + " - " + late + ", CAST(floor((" + n + " + 2) / 4) AS INT))";
        return journeys.groupBy(col("goal"), col("channel_path"))
                .agg(sum(when(col("converted"), 1L).otherwise(0L)).as("conversions"),
                        sum(when(col("converted"), col("value")).otherwise(0.0)).as("value"),
                        sum(when(col("converted"), 0L).otherwise(1L)).as("non_conversions"),
                        avg(col("days_to_convert")).as("avg_days_to_convert"),
                        count(lit(1)).as("journeys"))
                .select(col("goal"), col("channel_path"), expr(n).as("touchpoints"),
                        expr("slice(channel_path, 1, " + early + ")").as("early"),
                        expr("slice(channel_path, " + early + " + 1, " + n + " - " + early + " - " + late + ")").as("middle"),
                        expr("slice(channel_path, " + n + " - " + late + " + 1, " + late + ")").as("late"),
                        col("conversions"), col("value"), col("non_conversions"), col("avg_days_to_convert"));
    }

    /** Writes the table's rows, counted from {@code journeys} (null: no journey), into {@code staged}, in one file. */
    static void write(org.apache.spark.sql.SparkSession spark, Dataset<Row> journeys, Path staged) {
        Dataset<Row> rows = journeys == null ? spark.createDataFrame(java.util.List.of(), SPEC.schema()) : of(journeys);
        rows.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(staged.toString());
    }
}
