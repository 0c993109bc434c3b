package io.touchpoint.spark.crm;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import io.touchpoint.core.crm.CrmColumn;
import io.touchpoint.core.crm.CrmConfig;
import io.touchpoint.core.crm.CrmRecord;
import io.touchpoint.core.crm.CrmRecords;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.ingest.InputReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
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
 * Reads the CRM export ({@code touchpoint.crm}) into {@link CrmRecord}s on the driver.
 *
 * <p>A CRM export holds outcomes (leads, opportunities, deals), a few per buying person: far fewer
 * rows than the events, so it is read by one small Spark job and held on the driver (about 300
 * bytes a row: a million rows take some 300 MB), where each row is checked and keyed by core code.
 * The events are never collected.
 */
public final class CrmInput {
    private static final String FILE = "__touchpoint_file";

    private CrmInput() {
    }

    /**
     * Every row of the export, in file order (files sorted by path), each numbered within its file.
     *
     * @throws TouchpointException (INPUT) when the path holds no file, or the files lack the time,
     *     the stage or every key column
     */
    public static List<CrmRecord> read(SparkSession spark, CrmConfig config, CrmRecords reader) {
        String key = "touchpoint.crm.path";
        FileStatus[] files = InputReader.listFiles(spark.sparkContext().hadoopConfiguration(), config.path(), key);
        String[] paths = Arrays.stream(files).map(f -> f.getPath().toString()).toArray(String[]::new);
        Dataset<Row> df = reader(spark, config.format()).load(paths);
        Map<String, String> byLower = new HashMap<>();
        for (String c : df.columns()) {
            byLower.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
        }
        Map<CrmColumn, String> present = new EnumMap<>(CrmColumn.class);
        for (CrmColumn c : CrmColumn.values()) {
            String name = byLower.get(config.columnOf(c).toLowerCase(Locale.ROOT));
            if (name != null) {
                present.put(c, name);
            }
        }
        for (CrmColumn required : List.of(CrmColumn.EVENT_TIME, CrmColumn.STAGE)) {
            if (!present.containsKey(required)) {
                throw missing(config, required.columnName() + " column (named " + config.columnOf(required) + ")", df.columns());
            }
        }
        if (List.of(CrmColumn.USER_ID, CrmColumn.EMAIL, CrmColumn.ACCOUNT_ID, CrmColumn.VISITOR_ID, CrmColumn.CLICK_ID)
                .stream().noneMatch(present::containsKey)) {
            throw missing(config, "key column (one of user_id, email, account_id, visitor_id, click_id)", df.columns());
        }
        List<Column> select = new ArrayList<>(List.of(input_file_name().as(FILE)));
        for (CrmColumn c : CrmColumn.values()) {
            select.add(present.containsKey(c) ? col("`" + present.get(c) + "`").cast("string").as(c.columnName())
                    : lit(null).cast("string").as(c.columnName()));
        }
        List<Row> rows = df.select(select.toArray(Column[]::new)).collectAsList();
        List<CrmRecord> out = new ArrayList<>(rows.size());
        Map<String, Long> rowInFile = new HashMap<>();
        for (Row r : rows) {
            String file = r.getString(0);
            long n = rowInFile.merge(file, 1L, Long::sum);
            out.add(reader.read(file, n, c -> r.getString(1 + c.ordinal())));
        }
        return out;
    }

    private static DataFrameReader reader(SparkSession spark, String format) {
        DataFrameReader r = spark.read().option("recursiveFileLookup", "true");
        return switch (format) {
            // Quoted fields may span lines (a CRM's notes); every value is read as text and checked by core.
            case "csv" -> r.format("csv").option("header", "true").option("multiLine", "true").option("inferSchema", "false")
                    .option("mode", "PERMISSIVE").option("encoding", "UTF-8");
            case "jsonl" -> r.format("json").option("primitivesAsString", "true").option("mode", "PERMISSIVE");
            default -> r.format("parquet");
        };
    }

    private static TouchpointException missing(CrmConfig config, String what, String[] found) {
        return TouchpointException.input(config.path(), "The CRM export has no " + what,
                "Its columns are: " + String.join(", ", found) + ". Rename with touchpoint.crm.columns, e.g."
                        + " columns { event_time = \"CreatedDate\", stage = \"StageName\" } (docs/crm.md).", null);
    }
}
