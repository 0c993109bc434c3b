package io.touchpoint.spark;

import java.io.Serializable;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a Java pass's output rows the next step reads; the pass leaves the others null.
 *
 * <p>Spark's optimiser drops the columns a query never reads, but it cannot see into a
 * Java pass: every field of every row the pass returns is turned into Spark's binary row, strings
 * byte by byte, even when the very next operator throws the column away. That conversion was about
 * a sixth of the compute run's CPU. Asking Spark which columns the reader's plan references, and
 * nulling the rest before they are converted, gives the pass the pruning SQL would get; a null
 * costs one bit.
 */
public final class ReadColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StructType schema;
    /** Positions of the nullable columns nobody reads. */
    private final int[] unread;

    private ReadColumns(StructType schema, int[] unread) {
        this.schema = schema;
        this.unread = unread;
    }

    /** Every column is read: a pass whose rows are cached or written as tables. */
    public static ReadColumns all(StructType schema) {
        return new ReadColumns(schema, new int[0]);
    }

    /**
     * The columns of {@code schema} that {@code reader} reads, found by analysing the reader's plan
     * over an empty input of that schema (no Spark job runs; with the public API, every column).
     *
     * @param reader what the caller does with the pass's rows, e.g. a filter and a select
     */
    public static ReadColumns readBy(SparkSession spark, StructType schema, UnaryOperator<Dataset<Row>> reader) {
        Set<String> read = io.touchpoint.spark.api.SparkApis.of(spark).columnsRead(spark, schema, reader);
        StructField[] fields = schema.fields();
        int[] unread = java.util.stream.IntStream.range(0, fields.length)
                .filter(i -> fields[i].nullable() && !read.contains(fields[i].name())).toArray();
        return new ReadColumns(schema, unread);
    }

    /** A builder of the pass's output rows, with the unread columns left null (one per task). */
    public io.touchpoint.spark.rows.OutRows out() {
        return new io.touchpoint.spark.rows.OutRows(schema, unread);
    }

    /** The columns left null, in schema order (for tests and plans). */
    public Set<String> unread() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (int i : unread) {
            names.add(schema.fields()[i].name());
        }
        return names;
    }
}
