package io.touchpoint.spark.rows;

import org.apache.spark.sql.types.StructType;

/**
 * A row's values put by column name, for the small rows a driver builds (a handful per run): every
 * column of the schema must be named exactly once, so a column added to a schema cannot be left
 * out or shifted unnoticed. Passes that build millions of rows look positions up once
 * ({@link Layout}) instead.
 */
public final class Values {
    private Values() {
    }

    /** @param namesAndValues name, value, name, value, ... covering every column of {@code schema} */
    public static Object[] of(StructType schema, Object... namesAndValues) {
        if (namesAndValues.length != 2 * schema.size()) {
            throw new IllegalArgumentException("Expected a value for each of " + java.util.Arrays.toString(schema.fieldNames())
                    + ", got " + namesAndValues.length / 2);
        }
        Layout layout = Layout.of(schema);
        Object[] v = new Object[schema.size()];
        boolean[] set = new boolean[schema.size()];
        for (int i = 0; i < namesAndValues.length; i += 2) {
            int at = layout.at((String) namesAndValues[i]);
            if (set[at]) {
                throw new IllegalArgumentException("Column " + namesAndValues[i] + " given twice");
            }
            set[at] = true;
            v[at] = namesAndValues[i + 1];
        }
        return v;
    }
}
