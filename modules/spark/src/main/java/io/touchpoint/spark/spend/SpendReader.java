package io.touchpoint.spark.spend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.spend.Spend;
import io.touchpoint.core.spend.SpendColumn;
import io.touchpoint.core.spend.SpendConfig;
import io.touchpoint.core.spend.SpendParser;
import io.touchpoint.core.spend.SpendRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads {@code touchpoint.spend} with Spark's reader (any file system Spark reads: local, HDFS,
 * S3...) and collects it to the driver, where the core's {@link SpendParser} checks every row and
 * sums the costs per (date, channel, campaign).
 *
 * <p>Spend is small (days × campaigns: a year of 200 campaigns is 73,000 rows), so it is read
 * whole, once, before the output is locked and before any pass runs: a bad spend file stops the
 * run with nothing written. It is not meant for event-sized data.
 */
public final class SpendReader {
    /** The metadata column Spark's file sources give each row: the file it was read from. */
    private static final String FILE = "_metadata.file_path";

    private SpendReader() {
    }

    /**
     * The checked costs of {@code config.spend()} (which must be enabled), all dates of the file;
     * {@link Spend#within} narrows them to a run's range.
     *
     * @param runStart when the run started: dates after {@code input.valid-times} (by default one day
     *     after it) are implausible, as event times are
     * @throws TouchpointException a missing path or column (input, exit 3), a bad row or a currency
     *     other than {@code touchpoint.report.currency} (config, exit 2)
     */
    public static Spend read(SparkSession spark, TouchpointConfig config, Instant runStart) {
        SpendConfig spend = config.spend();
        // One file: rows name it as the user wrote it; else by the path Spark read it from.
        String shown = singleFile(spark.sparkContext().hadoopConfiguration(), spend.path()) ? spend.path() : null;
        org.apache.spark.sql.DataFrameReader reader = spark.read().option("recursiveFileLookup", true);
        Dataset<Row> df;
        try {
            df = switch (spend.format()) {
                case CSV -> reader.option("header", true).option("encoding", "UTF-8").option("mode", "PERMISSIVE").csv(spend.path());
                // Every value as text: the parser sees 12.10 as written, never a double's rounding of it.
                case JSONL -> reader.option("primitivesAsString", true).json(spend.path());
                case PARQUET -> reader.parquet(spend.path());
                case ACCESS_LOG -> throw new IllegalStateException("rejected by the config loader");
            };
        } catch (RuntimeException e) {
            throw unreadable(spend, e);
        }
        SpendParser.requireColumns(spend, spend.path(), Arrays.asList(df.columns()));
        List<Column> select = new ArrayList<>(List.of(col(FILE)));
        for (SpendColumn c : SpendColumn.ALL) {
            String name = spend.sourceName(c);
            select.add(Arrays.asList(df.columns()).contains(name) ? df.col("`" + name.replace("`", "``") + "`") : lit(null));
        }
        List<Row> rows;
        try {
            rows = df.select(select.toArray(Column[]::new)).collectAsList();
        } catch (RuntimeException e) {
            throw unreadable(spend, e);
        }
        InputConfig.ValidTimes valid = config.input().validTimes();
        ZoneId zone = config.input().timeZone();
        SpendParser parser = new SpendParser(spend, config.report().currency(), valid.from(),
                LocalDate.ofInstant(valid.end(zone, runStart).minusNanos(1), zone));
        // Rows come in file order within each file (a spend file is far below one split), so they are numbered per file.
        Map<String, Long> numbers = new HashMap<>();
        for (Row r : rows) {
            String file = shown != null ? shown : display(r.getString(0));
            long n = numbers.merge(file, 1L, Long::sum);
            parser.add(new SpendRow(file, n, text(r.get(1)), text(r.get(2)), text(r.get(3)), text(r.get(4)), text(r.get(5))));
        }
        return parser.result();
    }

    /**
     * A value as the parser reads it. Typed columns (Parquet; JSON and CSV come as text) are written
     * without loss: dates as YYYY-MM-DD, numbers as plain decimals (a double by its shortest exact
     * spelling, never 1.0E7).
     */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : d.toString();
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? new BigDecimal(Float.toString(f)).toPlainString() : f.toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString(); // strings, whole numbers, LocalDate; a timestamp shows as such and is refused as a date
    }

    /** A local file as its path, any other as its URI. */
    private static String display(String uri) {
        Path p = new Path(uri);
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : uri;
    }

    /**
     * Whether {@code path} (a file, folder or glob) names one regular file; a path that matches
     * nothing stops the run (exit 3), as a missing input does. Spark lists folders and globs itself.
     */
    static boolean singleFile(Configuration hadoop, String path) {
        try {
            Path p = new Path(path);
            FileStatus[] matches = p.getFileSystem(hadoop).globStatus(p);
            if (matches == null || matches.length == 0) {
                throw TouchpointException.input("touchpoint.spend.path", path, "The spend file does not exist",
                        "Check touchpoint.spend.path (relative paths are resolved against the current folder), or leave it"
                                + " empty for a run without spend.", null);
            }
            return matches.length == 1 && matches[0].isFile();
        } catch (IOException e) {
            throw TouchpointException.input("touchpoint.spend.path", path, "The spend path cannot be read (" + e.getMessage() + ")",
                    "Check that the path exists and is readable.", e);
        }
    }

    private static TouchpointException unreadable(SpendConfig spend, RuntimeException e) {
        if (e instanceof TouchpointException t) {
            return t;
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return TouchpointException.input("touchpoint.spend.path", spend.path(), "The spend file cannot be read as "
                + spend.format().configName() + " (" + message + ")", "Check touchpoint.spend.format and the file.", e);
    }
}
