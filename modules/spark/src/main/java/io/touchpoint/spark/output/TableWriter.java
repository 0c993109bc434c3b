package io.touchpoint.spark.output;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes the public tables: Parquet, one folder per table under the output path. Partitioned
 * tables are overwritten partition by partition (dynamic overwrite, set in
 * {@link io.touchpoint.spark.Sparks#configure}), so rerunning some dates replaces exactly those.
 */
public final class TableWriter {
    private TableWriter() {
    }

    /** @return the table's folder */
    public static String write(Dataset<Row> table, String outputPath, String name, String partitionColumn) {
        String path = new Path(outputPath, name).toString();
        DataFrameWriter<Row> w = table.write().mode(SaveMode.Overwrite).option("compression", "snappy");
        if (partitionColumn != null) {
            // One task per date partition: few, well-sized files instead of one per shuffle partition and date.
            w = table.repartition(table.col(partitionColumn)).write().mode(SaveMode.Overwrite)
                    .option("compression", "snappy").partitionBy(partitionColumn);
        }
        w.parquet(path);
        return path;
    }
}
