package io.touchpoint.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A small input beside the events, read whole onto the driver by one small Spark job before the
 * passes (the accounts file; the CRM export is read the same way): every value as text, for core
 * code to check. Column names are matched without regard to case, as spreadsheets and CRMs change
 * it. Never for the events, which are never collected.
 */
public final class SideInput {
    private final Dataset<Row> rows;
    private final Map<String, String> byLowerCase = new HashMap<>();

    private SideInput(Dataset<Row> rows) {
        this.rows = rows;
        for (String c : rows.columns()) {
            byLowerCase.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
        }
    }

    /**
     * The files under {@code path} (file, folder or glob; hidden files left out), read as {@code format}.
     *
     * @param pathKey the config key of the path, for the message when it holds no file (exit 3)
     * @param format {@code csv} (a header row), {@code jsonl} or {@code parquet}
     */
    public static SideInput read(SparkSession spark, String path, String pathKey, String format) {
        FileStatus[] files = InputReader.listFiles(spark.sparkContext().hadoopConfiguration(), path, pathKey);
        return new SideInput(reader(spark, format).load(Arrays.stream(files).map(f -> f.getPath().toString()).toArray(String[]::new)));
    }

    /** The input's column names, as the files write them. */
    public String[] columns() {
        return rows.columns();
    }

    /** The input's column called {@code name} in any case, or null when it has none. */
    public String column(String name) {
        return byLowerCase.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Every row's values of {@code columns} as text (a null name: a column of nulls), after the
     * row's file as column 0; files in path order, each file's rows in their order.
     */
    public List<Row> collect(List<String> columns) {
        List<Column> select = new ArrayList<>(List.of(input_file_name()));
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            select.add((name == null ? lit(null) : col("`" + name.replace("`", "``") + "`")).cast("string").as("c" + i));
        }
        List<Row> out = new ArrayList<>(rows.select(select.toArray(Column[]::new)).collectAsList());
        // A stable sort: a small file is one task, so its rows keep their order; the files come as Spark packs them.
        out.sort(Comparator.comparing(r -> r.getString(0)));
        return out;
    }

    private static DataFrameReader reader(SparkSession spark, String format) {
        DataFrameReader r = spark.read().option("recursiveFileLookup", "true");
        return switch (format) {
            // Quoted fields may span lines; every value is read as text and checked by core code.
            case "csv" -> r.format("csv").option("header", "true").option("multiLine", "true").option("inferSchema", "false")
                    .option("mode", "PERMISSIVE").option("encoding", "UTF-8");
            case "jsonl" -> r.format("json").option("primitivesAsString", "true").option("mode", "PERMISSIVE");
            case "parquet" -> r.format("parquet");
            default -> throw new IllegalArgumentException("No side-input format " + format);
        };
    }
}
