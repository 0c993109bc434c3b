package io.touchpoint.spark.rows;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
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

    /**
     * The rows of {@code df} as Spark produces them (each may be reused for the next one), without
     * running anything. A plan with a shuffle is planned without adaptive execution: adaptive
     * execution would run the shuffle right here, to re-plan what follows it, where the pass wants
     * its shuffle run lazily as part of the job that reads the pass's output.
     */
    public static RDD<InternalRow> of(Dataset<Row> df) {
        org.apache.spark.sql.classic.Dataset<Row> d = (org.apache.spark.sql.classic.Dataset<Row>) df;
        org.apache.spark.sql.classic.SparkSession session = d.sparkSession();
        if (!session.sessionState().conf().adaptiveExecutionEnabled()) {
            return d.queryExecution().toRdd();
        }
        org.apache.spark.sql.classic.SparkSession planned = session.cloneSession();
        planned.conf().set("spark.sql.adaptive.enabled", "false");
        return org.apache.spark.sql.classic.Dataset.ofRows(planned, d.logicalPlan()).queryExecution().toRdd();
    }

    /** {@code pass} applied to each partition of {@code df}'s rows, as a DataFrame of {@code schema}. */
    public static Dataset<Row> mapPartitions(Dataset<Row> df, StructType schema,
                                             FlatMapFunction<Iterator<InternalRow>, InternalRow> pass) {
        RDD<InternalRow> out = of(df).toJavaRDD().mapPartitions(pass).rdd();
        return dataFrame(df.sparkSession(), out, schema);
    }

    /** {@code rows} of {@code schema} as a DataFrame. */
    public static Dataset<Row> dataFrame(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
    }
}
