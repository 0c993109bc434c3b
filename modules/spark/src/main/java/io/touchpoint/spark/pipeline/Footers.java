package io.touchpoint.spark.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Row counts of Parquet folders from their footers: no Spark job for a table a Spark writer made. */
final class Footers {
    private Footers() {
    }

    /** Rows in every Parquet file under {@code dir} (0 when it does not exist). */
    static long rows(FileSystem fs, Path dir) {
        try {
            if (!fs.exists(dir)) {
                return 0;
            }
            long n = 0;
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            while (files.hasNext()) {
                Path p = files.next().getPath();
                if (p.getName().endsWith(".parquet") && !p.getName().startsWith("_") && !p.getName().startsWith(".")) {
                    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, fs.getConf()))) {
                        n += r.getRecordCount();
                    }
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footers under " + dir, e);
        }
    }
}
