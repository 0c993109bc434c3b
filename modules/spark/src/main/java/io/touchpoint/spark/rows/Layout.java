package io.touchpoint.spark.rows;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where each named column of a schema is: the one place a pass turns a column name into a row
 * position, so no code counts positions by hand. A layout is small and serialisable; passes build
 * theirs on the driver and look positions up once, not per row.
 */
public final class Layout implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StructType schema;

    private Layout(StructType schema) {
        this.schema = schema;
    }

    public static Layout of(StructType schema) {
        return new Layout(schema);
    }

    public StructType schema() {
        return schema;
    }

    /** The position of column {@code name}; fails naming the column and the schema when it is absent. */
    public int at(String name) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No column " + name + " in " + Arrays.toString(names));
    }

    /** The positions of {@code names}, in that order. */
    public int[] at(String... names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = at(names[i]);
        }
        return out;
    }

    /** The field named {@code name}. */
    public StructField field(String name) {
        return schema.fields()[at(name)];
    }

    public int size() {
        return schema.size();
    }
}
