package io.touchpoint.spark.api;

import java.util.Iterator;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Everything Touchpoint does with Spark beyond its public API, behind one interface: the passes'
 * rows in and out, the Parquet reader's column batches, the footer schema, the columns a query
 * reads, the listener bus. {@link InternalSparkApi} is the fast one (Spark's own rows, the
 * {@code classic} Dataset and session, analysed and executed plans); {@link PublicSparkApi} uses
 * only public API ({@code mapPartitions} with row encoders) and writes the same tables, so the
 * job keeps working under Spark Connect or a Spark whose internals moved. Chosen per session by
 * {@code touchpoint.spark-api} ({@link SparkApis}).
 */
public interface SparkApi extends java.io.Serializable {
    /** {@code pass} over each partition of {@code in}'s rows, as a DataFrame of {@code out}; no job runs. */
    Dataset<Row> mapPartitions(Dataset<Row> in, StructType out, FlatMapFunction<Iterator<InternalRow>, InternalRow> pass);

    /** A scan's column batches and the names and types of its columns, in order. */
    record ColumnarScan(RDD<ColumnarBatch> batches, StructType columns) {
    }

    /**
     * The column batches of the file scan under {@code df} (a select of a Parquet read), or null
     * when there are none to have (the caller then reads rows).
     */
    ColumnarScan columnarScan(Dataset<Row> df);

    /** Rows made from a {@link ColumnarScan}'s batches, as a DataFrame of {@code out} (only after a non-null scan). */
    Dataset<Row> fromRdd(SparkSession spark, RDD<InternalRow> rows, StructType out);

    /** The schema of a Parquet file read from its footer on the driver, or null (Spark then infers it). */
    StructType parquetFooterSchema(SparkSession spark, org.apache.hadoop.fs.FileStatus file);

    /**
     * The columns of {@code schema} that {@code reader} reads (so a Java pass can leave the others
     * null), or every column when that cannot be known.
     */
    Set<String> columnsRead(SparkSession spark, StructType schema, UnaryOperator<Dataset<Row>> reader);

    /** Waits until every listener has seen the events so far (at most {@code millis}). */
    void awaitListeners(SparkSession spark, long millis);

    /** A file for a task's spilled rows: in Spark's local directories where it can tell, else the temp folder. */
    java.nio.file.Path spillFile() throws java.io.IOException;
}
