package io.touchpoint.spark.output;

import io.touchpoint.core.config.DateRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
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
        return write(table, outputPath, name, partitionColumn, DateRange.ALL);
    }

    /**
     * Writes a date-partitioned table for a range: first removes the range's partitions, so a date
     * of the range that now has no rows does not keep stale ones (dynamic overwrite only replaces
     * the partitions it writes), then writes. Other dates are untouched.
     */
    public static String write(Dataset<Row> table, String outputPath, String name, String partitionColumn, DateRange range) {
        String path = new Path(outputPath, name).toString();
        if (partitionColumn != null && !range.isAll()) {
            try {
                Path dir = new Path(path);
                FileSystem fs = dir.getFileSystem(table.sparkSession().sparkContext().hadoopConfiguration());
                for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                    fs.delete(new Path(dir, partitionColumn + "=" + d), true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clear the range's partitions of " + path, e);
            }
        }
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
