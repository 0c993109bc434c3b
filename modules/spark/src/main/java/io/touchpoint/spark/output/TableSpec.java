package io.touchpoint.spark.output;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One public table: its name (the folder under the output path), its columns in contract order
 * (the partition column, if any, last) and its date partition column. The name and columns are the
 * contract analysts query (docs/tables.md).
 *
 * @param partitionColumn the date column the table is partitioned by (Hive layout), or null
 */
public record TableSpec(String name, StructType schema, String partitionColumn) implements Serializable {
    public TableSpec {
        schema = nullable(schema);
        if (partitionColumn != null && !schema.fieldNames()[schema.size() - 1].equals(partitionColumn)) {
            throw new IllegalArgumentException(name + ": the partition column " + partitionColumn + " must come last");
        }
    }

    /** A table cut from {@code source}'s columns {@code columns}, in that order. */
    public static TableSpec of(String name, StructType source, String[] columns, String partitionColumn) {
        StructType s = new StructType();
        for (String c : columns) {
            s = s.add(source.apply(c));
        }
        return new TableSpec(name, s, partitionColumn);
    }

    public boolean partitioned() {
        return partitionColumn != null;
    }

    /** The columns stored in the files: all but the partition column, which is the folder's name. */
    public StructType dataSchema() {
        return partitioned() ? new StructType(Arrays.copyOf(schema.fields(), schema.size() - 1)) : schema;
    }

    /**
     * Every column nullable, as Spark's own Parquet writer stores them: so a table reads back the
     * same whichever writer made it.
     */
    static StructType nullable(StructType s) {
        StructField[] fields = new StructField[s.size()];
        for (int i = 0; i < fields.length; i++) {
            StructField f = s.fields()[i];
            org.apache.spark.sql.types.DataType t = f.dataType();
            if (t instanceof org.apache.spark.sql.types.ArrayType a) {
                t = org.apache.spark.sql.types.DataTypes.createArrayType(a.elementType(), true);
            }
            fields[i] = new StructField(f.name(), t, true, f.metadata());
        }
        return new StructType(fields);
    }
}
