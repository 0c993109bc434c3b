package io.touchpoint.spark.rows;

import io.touchpoint.spark.api.SparkApis;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The passes' rows in and out of Spark: Spark's own rows through a Java pass, in the same job as
 * what comes before and after it. How depends on the session's {@link io.touchpoint.spark.api.SparkApi}
 * (Spark's internals, or its public API only).
 */
public final class SparkRows {
    private SparkRows() {
    }

    /** {@code pass} applied to each partition of {@code df}'s rows, as a DataFrame of {@code schema}. */
    public static Dataset<Row> mapPartitions(Dataset<Row> df, StructType schema,
                                             FlatMapFunction<Iterator<InternalRow>, InternalRow> pass) {
        return SparkApis.of(df.sparkSession()).mapPartitions(df, schema, pass);
    }
}
