package io.touchpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The columns a reader reads, asked of Spark's analyser, and the rows that leave the rest null. */
class ReadColumnsTest extends SparkTestBase {
    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("a", DataTypes.StringType)
            .add("b", DataTypes.LongType)
            .add("c", DataTypes.StringType)
            .add("d", DataTypes.DoubleType)
            .add("e", DataTypes.StringType);

    @Test
    void findsEveryColumnAFilterASelectOrAnAggregateReads() {
        ReadColumns read = ReadColumns.readBy(spark, SCHEMA, rows -> rows
                .where(col("b").gt(1))
                .select(col("kind"), when(col("kind").equalTo("x"), col("c")).as("renamed"), col("d"))
                .groupBy("kind", "renamed").agg(sum("d")));
        // a and e are read by nobody; kind cannot be null, so it is never left out.
        assertThat(read.unread()).containsExactly("a", "e");
    }

    @Test
    void aReaderThatJoinsTheRowsWithThemselvesKeepsWhatEitherSideReads() {
        // Spark gives the second side new column ids; its columns must still count as read.
        ReadColumns read = ReadColumns.readBy(spark, SCHEMA, rows -> rows.select("kind", "a").as("l")
                .join(rows.select("kind", "e").as("r"), "kind"));
        assertThat(read.unread()).containsExactly("b", "c", "d");
    }

    @Test
    void aReaderThatKeepsEveryColumnLeavesNoneOut() {
        assertThat(ReadColumns.readBy(spark, SCHEMA, rows -> rows).unread()).isEmpty();
        assertThat(ReadColumns.all(SCHEMA).unread()).isEmpty();
    }

    @Test
    void rowsLeaveTheUnreadColumnsNullAndTheReaderSeesTheSameResult() {
        java.util.function.UnaryOperator<Dataset<Row>> reader = rows -> rows.where(col("b").gt(1)).select("kind", "c");
        ReadColumns read = ReadColumns.readBy(spark, SCHEMA, reader);
        List<Object[]> values = List.of(new Object[] {"x", "long text", 2L, "kept", 1.5, "more text"},
                new Object[] {"y", "other", 0L, "dropped by b", 2.5, null});
        io.touchpoint.spark.rows.OutRows out = read.out();
        org.apache.spark.sql.catalyst.InternalRow first = out.row(values.get(0).clone());
        assertThat(first.toString()).isEqualTo("[x,null,2,kept,null,null]");

        Dataset<Row> full = spark.createDataFrame(values.stream().map(RowFactory::create).toList(), SCHEMA);
        List<org.apache.spark.sql.catalyst.InternalRow> rows = values.stream().map(v -> out.row(v.clone())).toList();
        Dataset<Row> pruned = io.touchpoint.spark.api.SparkApis.of(spark).fromRdd(spark, new org.apache.spark.api.java
                .JavaSparkContext(spark.sparkContext()).parallelize(rows).rdd(), SCHEMA);
        assertThat(reader.apply(pruned).collectAsList()).isEqualTo(reader.apply(full).collectAsList()).hasSize(1);
    }
}
