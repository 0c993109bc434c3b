package io.touchpoint.spark.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The twin of {@link InternalSparkApi} on Spark's public API only: a pass runs in
 * {@code Dataset.mapPartitions} with row encoders ({@link Encoders#row}), its rows converted to
 * and from the passes' value layout here (strings as UTF-8, times as epoch microseconds, dates as
 * epoch days, as Spark itself stores them), the Parquet scan is read as rows, Spark infers the
 * footer schema, and every column counts as read. Slower, and it writes the same tables
 * (SparkApiEquivalenceTest).
 */
final class PublicSparkApi implements SparkApi {
    @Override
    public Dataset<Row> mapPartitions(Dataset<Row> in, StructType out, FlatMapFunction<Iterator<InternalRow>, InternalRow> pass) {
        StructType inSchema = in.schema();
        MapPartitionsFunction<Row, Row> f = rows -> {
            Iterator<InternalRow> internal = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public InternalRow next() {
                    return (InternalRow) toInternal(rows.next(), inSchema);
                }
            };
            Iterator<InternalRow> result = pass.call(internal);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return result.hasNext();
                }

                @Override
                public Row next() {
                    return (Row) toExternal(result.next(), out);
                }
            };
        };
        return in.mapPartitions(f, Encoders.row(out));
    }

    /** A public row as the passes read it. */
    static Object toInternal(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        if (t instanceof StructType s) {
            Row r = (Row) v;
            Object[] values = new Object[s.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.isNullAt(i) ? null : toInternal(r.get(i), s.fields()[i].dataType());
            }
            return new GenericInternalRow(values);
        }
        if (t.equals(DataTypes.StringType)) {
            return UTF8String.fromString((String) v);
        }
        if (t.equals(DataTypes.TimestampType)) {
            Instant i = v instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) v;
            return io.touchpoint.core.time.Micros.of(i);
        }
        if (t.equals(DataTypes.DateType)) {
            LocalDate d = v instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) v;
            return (int) d.toEpochDay();
        }
        if (t instanceof ArrayType a) {
            List<?> list = v instanceof List<?> l ? l : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) v);
            Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = toInternal(list.get(i), a.elementType());
            }
            return new GenericArrayData(items);
        }
        return v; // numbers, booleans and bytes are the same objects on both sides
    }

    /** A pass's row as a public row. */
    static Object toExternal(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        if (t instanceof StructType s) {
            InternalRow r = (InternalRow) v;
            Object[] values = new Object[s.size()];
            for (int i = 0; i < values.length; i++) {
                StructField f = s.fields()[i];
                values[i] = r.isNullAt(i) ? null : toExternal(get(r, i, f.dataType()), f.dataType());
            }
            return RowFactory.create(values);
        }
        if (t.equals(DataTypes.StringType)) {
            return v.toString();
        }
        if (t.equals(DataTypes.TimestampType)) {
            return io.touchpoint.core.time.Micros.toInstant((Long) v);
        }
        if (t.equals(DataTypes.DateType)) {
            return LocalDate.ofEpochDay((Integer) v);
        }
        if (t instanceof ArrayType a) {
            ArrayData d = (ArrayData) v;
            Object[] items = new Object[d.numElements()];
            for (int i = 0; i < items.length; i++) {
                items[i] = d.isNullAt(i) ? null : toExternal(getArray(d, i, a.elementType()), a.elementType());
            }
            return List.of(items);
        }
        return v;
    }

    private static Object get(InternalRow r, int i, DataType t) {
        if (t instanceof StructType s) {
            return r.getStruct(i, s.size());
        }
        if (t.equals(DataTypes.StringType)) {
            return r.getUTF8String(i);
        }
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.TimestampType)) {
            return r.getLong(i);
        }
        if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType)) {
            return r.getInt(i);
        }
        if (t.equals(DataTypes.DoubleType)) {
            return r.getDouble(i);
        }
        if (t.equals(DataTypes.BooleanType)) {
            return r.getBoolean(i);
        }
        if (t.equals(DataTypes.BinaryType)) {
            return r.getBinary(i);
        }
        if (t instanceof ArrayType) {
            return r.getArray(i);
        }
        throw new IllegalArgumentException("No conversion for " + t.simpleString());
    }

    private static Object getArray(ArrayData d, int i, DataType t) {
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.TimestampType)) {
            return d.getLong(i);
        }
        if (t.equals(DataTypes.StringType)) {
            return d.getUTF8String(i);
        }
        throw new IllegalArgumentException("No conversion for arrays of " + t.simpleString());
    }

    @Override
    public ColumnarScan columnarScan(Dataset<Row> df) {
        return null;
    }

    @Override
    public Dataset<Row> fromRdd(SparkSession spark, org.apache.spark.rdd.RDD<InternalRow> rows, StructType out) {
        throw new UnsupportedOperationException("The public API reads no column batches");
    }

    @Override
    public StructType parquetFooterSchema(SparkSession spark, org.apache.hadoop.fs.FileStatus file) {
        return null;
    }

    @Override
    public Set<String> columnsRead(SparkSession spark, StructType schema, UnaryOperator<Dataset<Row>> reader) {
        return Set.of(schema.fieldNames());
    }

    @Override
    public void awaitListeners(SparkSession spark, long millis) {
        // Public API cannot wait for the listener bus: the stage figures may miss the last events.
    }

    @Override
    public java.nio.file.Path spillFile() throws java.io.IOException {
        return java.nio.file.Files.createTempFile("touchpoint-visitor", ".rows");
    }
}
