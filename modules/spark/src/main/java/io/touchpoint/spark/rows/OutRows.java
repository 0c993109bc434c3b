package io.touchpoint.spark.rows;

import io.touchpoint.core.time.Micros;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Builds a pass's output rows as Spark's own rows from the values the core hands out, for one task
 * (it remembers values, so it is neither shared nor thread-safe). Values may come in Spark's form
 * already (a {@link UTF8String}, a timestamp as epoch microseconds, a date as epoch days) or as
 * Java values ({@link String}, {@link Instant}, {@link LocalDate}, an array of {@link Instant} or
 * of epoch microseconds), which are converted by the column's type.
 *
 * <p>Strings are where the cost is, so each string column remembers its last value: a pass emits
 * runs of rows that share a person, session, visitor or channel (the very same Java string), and
 * those cost one comparison instead of an encoding.
 */
public final class OutRows {
    private static final int STRING = 1;
    private static final int TIMESTAMP = 2;
    private static final int DATE = 3;
    private static final int TIMESTAMPS = 4;
    private static final int STRINGS = 5;

    /**
     * Columns of a handful of distinct values (kinds, channels, sources, event names, models): the
     * encoder remembers theirs. Ids and URLs are encoded afresh unless they repeat the last row's.
     */
    public static final java.util.Set<String> FEW = java.util.Set.of("kind", "status", "reason", "event_name",
            "source", "medium", "campaign", "term", "content", "channel", "goal", "model", "funnel", "unit",
            "breakdown", "device_category", "browser_family");

    private final int[] kinds;
    private final boolean[] fewValues;
    private final int[] unread;
    private final String[] last;
    private final UTF8String[] lastUtf8;
    private final Utf8Encoder few = new Utf8Encoder();

    /** @param unread the columns left null whatever the values say (see {@code ReadColumns}) */
    public OutRows(StructType schema, int[] unread) {
        this.kinds = new int[schema.size()];
        this.fewValues = new boolean[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kind(schema.fields()[i].dataType());
            fewValues[i] = FEW.contains(schema.fields()[i].name());
        }
        this.unread = unread.clone();
        this.last = new String[kinds.length];
        this.lastUtf8 = new UTF8String[kinds.length];
    }

    private static int kind(DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return STRING;
        }
        if (t.equals(DataTypes.TimestampType)) {
            return TIMESTAMP;
        }
        if (t.equals(DataTypes.DateType)) {
            return DATE;
        }
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.TimestampType)) {
            return TIMESTAMPS;
        }
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            return STRINGS;
        }
        return 0;
    }

    /** The row of these values (the array becomes the row's: it is changed in place and kept). */
    public InternalRow row(Object[] values) {
        for (int i : unread) {
            values[i] = null;
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v != null && kinds[i] != 0) {
                values[i] = convert(i, v);
            }
        }
        return new GenericInternalRow(values);
    }

    /**
     * The row of these values with every column converted, the unread ones too: for a pass that
     * writes the row to a table before it hands it on ({@link #prune} then leaves out what nobody reads).
     */
    public InternalRow full(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v != null && kinds[i] != 0) {
                values[i] = convert(i, v);
            }
        }
        return new GenericInternalRow(values);
    }

    /** A row of {@link #full} with the unread columns set to null, in place. */
    public InternalRow prune(InternalRow row) {
        for (int i : unread) {
            row.setNullAt(i);
        }
        return row;
    }

    private Object convert(int column, Object v) {
        return switch (kinds[column]) {
            case STRING -> v instanceof String s ? utf8(column, s) : v;
            case TIMESTAMP -> v instanceof Instant t ? (Object) Micros.of(t) : v;
            case DATE -> v instanceof LocalDate d ? (Object) (int) d.toEpochDay() : v;
            case TIMESTAMPS -> UnsafeArrayData.fromPrimitiveArray(micros(v));
            case STRINGS -> strings(v);
            default -> v;
        };
    }

    /** A list of strings (channel names: few distinct values, encoded once) as Spark's array. */
    private Object strings(Object v) {
        if (!(v instanceof java.util.List<?> list)) {
            return v;
        }
        UTF8String[] out = new UTF8String[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object s = list.get(i);
            out[i] = s == null ? null : few.encode((String) s);
        }
        return new org.apache.spark.sql.catalyst.util.GenericArrayData(out);
    }

    private UTF8String utf8(int column, String s) {
        if (s == last[column]) {
            return lastUtf8[column];
        }
        UTF8String u = fewValues[column] ? few.encode(s) : UTF8String.fromString(s);
        last[column] = s;
        lastUtf8[column] = u;
        return u;
    }

    private static long[] micros(Object v) {
        if (v instanceof long[] l) {
            return l;
        }
        Instant[] times = (Instant[]) v;
        long[] l = new long[times.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = Micros.of(times[i]);
        }
        return l;
    }
}
