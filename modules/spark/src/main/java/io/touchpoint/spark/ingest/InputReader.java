package io.touchpoint.spark.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.config.InputFormat;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.ingest.EventNormalizer;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the raw visit log into rows of {@link ParsedSchema}: every input record exactly once,
 * accepted, quarantined or skipped, so counts reconcile.
 */
public final class InputReader {
    private InputReader() {
    }

    /** Every column of every record: what a run that writes the events and sessions tables reads. */
    public static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer) {
        return read(spark, input, normalizer, CarriedColumns.ALL);
    }

    /** @param carried which long text columns accepted rows keep past validation */
    public static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer,
                                    CarriedColumns carried) {
        return read(spark, input, normalizer, carried, null);
    }

    /**
     * @param carried which long text columns accepted rows keep past validation
     * @param ips masks client addresses (access logs' hosts, and any address in a quarantined
     *     record) and makes access logs' visitor ids under the run's key; null (tests): quarantined
     *     records as read, access-log ids under a fixed, public key
     */
    public static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer,
                                    CarriedColumns carried, io.touchpoint.core.privacy.ClientIps ips) {
        if (ips != null) {
            normalizer = normalizer.withClientIps(ips, input.format() == InputFormat.ACCESS_LOG);
        }
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FileStatus[] files = listFiles(hadoop, input.path());
        if (input.format() == InputFormat.PARQUET) {
            return ParquetInput.readCheckingFooters(spark, input, normalizer, carried, files);
        }
        if (input.format() == InputFormat.CSV) {
            TextInput.checkCsvHeader(hadoop, input, files[0].getPath());
        }
        return TextInput.read(spark, input, normalizer,
                new FileRanks(Arrays.stream(files).map(f -> f.getPath().toString()).toArray(String[]::new)), carried, ips);
    }

    /** The size of the input's data files in bytes, read before Spark starts (0 when it cannot be listed). */
    public static long totalBytes(String path) {
        try {
            return Arrays.stream(listFiles(new Configuration(), path)).mapToLong(FileStatus::getLen).sum();
        } catch (RuntimeException e) {
            return 0; // only sizes the shuffles: the run reports a bad path itself, with the right exit code
        }
    }

    /** The data files under {@code path} (file, folder or glob), hidden files left out. */
    static FileStatus[] listFiles(Configuration hadoop, String path) {
        return listFiles(hadoop, path, "touchpoint.input.path (or --input)");
    }

    /**
     * The data files under {@code path} (file, folder or glob) of the input set by {@code key},
     * hidden files left out, sorted by path.
     */
    public static FileStatus[] listFiles(Configuration hadoop, String path, String key) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw TouchpointException.input(path, "Input path does not exist",
                        "Check " + key + "; relative paths are resolved against the current folder.", null);
            }
            java.util.List<FileStatus> out = new java.util.ArrayList<>();
            for (FileStatus m : matches) {
                collect(fs, m, out);
            }
            if (out.isEmpty()) {
                throw TouchpointException.input(path, "Input path holds no data files",
                        "Point " + key + " at a file, a folder with files or a glob such as logs/*.csv.", null);
            }
            return out.stream().sorted(java.util.Comparator.comparing(f -> f.getPath().toString())).toArray(FileStatus[]::new);
        } catch (IOException e) {
            throw TouchpointException.input(path, "Input path cannot be read (" + e.getMessage() + ")",
                    "Check that the path exists and is readable.", e);
        }
    }

    private static void collect(FileSystem fs, FileStatus s, java.util.List<FileStatus> out) throws IOException {
        String name = s.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
            return;
        }
        if (s.isDirectory()) {
            for (FileStatus c : fs.listStatus(s.getPath())) {
                collect(fs, c, out);
            }
        } else if (s.getLen() > 0 || !Arrays.asList(".crc").contains(name)) {
            out.add(s);
        }
    }
}
