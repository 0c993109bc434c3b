package io.touchpoint.spark.rows;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's own rows in and out of a Java pass, without the encoders that turn every field of every
 * row into a Java object and back: a pass that reads a few fields, or passes values through, pays
 * only for what it touches. The rows stay in one Spark job: the input is the plan's RDD, and the
 * output becomes a DataFrame again, whose next operator copies each row before asking for the next
 * (so an output row may point into the input row it came from).
 */
public final class SparkRows {
    private SparkRows() {
    }

    /** The rows of {@code df} as Spark produces them (each may be reused for the next one). */
    public static RDD<InternalRow> of(Dataset<Row> df) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) df).queryExecution().toRdd();
    }

    /** {@code rows} of {@code schema} as a DataFrame. */
    public static Dataset<Row> dataFrame(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
    }
}
