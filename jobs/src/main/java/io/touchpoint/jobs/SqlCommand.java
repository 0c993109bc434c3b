package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code touchpoint sql}: a read-only Spark SQL query over the output tables, each a view under its
 * name. {@link ReadOnlyQuery} refuses anything else before it runs.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs a read-only Spark SQL query over the output tables (each registered as a view under its"
                + " table name) and prints the result.",
            "Allowed: SELECT (with WITH, joins, subqueries, VALUES), SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, DESCRIBE and"
                + " EXPLAIN, with Spark's built-in functions except those that read files, run code or read the"
                + " environment. Writes, DDL, SET, ADD JAR, reads of other files or tables (parquet.`path`...) stop"
                + " with exit 2 before anything runs."})
final class SqlCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT channel, count(*) FROM sessions GROUP BY 1\"")
    String query;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or csv. In csv, text cells starting with =, +, -, @, tab or carriage return"
                    + " get a leading ' so that a spreadsheet shows them instead of running them as formulas"
                    + " (values of numeric columns, such as -1.5, are written as they are).")
    String format;

    @Option(names = "--raw", description = "With --format csv: write text cells exactly as they are, without the"
            + " leading ' that keeps spreadsheets from running them as formulas.")
    boolean raw;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Rows to print at most in table format (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("csv")) {
            throw TouchpointException.config("--format", format, "Unknown output format", "Use table or csv.");
        }
        if (raw && !format.equals("csv")) {
            throw TouchpointException.config("--raw", "true", "--raw only changes --format csv output",
                    "Add --format csv, or drop --raw.");
        }
        TouchpointConfig config = options.load();
        SparkSession spark = SparkRuntime.start(options);
        List<String> tables = registerTables(spark, config.outputPath());
        Dataset<Row> result;
        try {
            ReadOnlyQuery.check(spark, query, tables);
            result = spark.sql(query);
        } catch (AnalysisException e) { // ParseException too
            // A parse error's message starts with a blank line.
            String first = e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
            throw TouchpointException.config("QUERY", query, "The query is not valid Spark SQL (" + first + ")",
                    "Fix the query. Tables under " + config.outputPath() + ": " + String.join(", ", tables) + ".");
        }
        if (format.equals("csv")) {
            printCsv(result, System.out, raw);
        } else {
            result.show(limit, false);
        }
        return 0;
    }

    /** Registers every table folder under the output path (names starting with _ or . are not tables). */
    static List<String> registerTables(SparkSession spark, String outputPath) throws IOException {
        Path out = new Path(outputPath);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(out)) {
            throw TouchpointException.input(outputPath, "Output folder does not exist",
                    "Run bin/touchpoint run first, or pass --output with the folder holding the tables.", null);
        }
        finishInterruptedCommit(spark, out);
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(out)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
                spark.read().parquet(s.getPath().toString()).createOrReplaceTempView(name);
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * A run killed while committing has decided its tables: when no live run holds the folder, its
     * commit is finished first, so a query never reads half of one run and half of another.
     */
    static void finishInterruptedCommit(SparkSession spark, Path out) {
        io.touchpoint.spark.output.OutputFolder folder = new io.touchpoint.spark.output.OutputFolder(out,
                spark.sparkContext().hadoopConfiguration());
        if (io.touchpoint.spark.output.OutputLock.liveHolder(folder.fs(), folder.path()).isEmpty()) {
            folder.recover("sql", line -> System.err.println("touchpoint: " + line));
        }
    }

    /**
     * Prints the result as CSV. Unless {@code raw}, header cells and the values of string columns that
     * a spreadsheet would run as formulas are neutralised ({@link CsvCells}); other columns' values
     * (numbers, dates, booleans) are never changed, as their type says they are not text.
     */
    static void printCsv(Dataset<Row> result, PrintStream out, boolean raw) {
        StructField[] fields = result.schema().fields();
        boolean[] text = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            text[i] = !raw && fields[i].dataType() instanceof StringType;
        }
        out.println(String.join(",", Arrays.stream(result.columns()).map(c -> CsvCells.cell(c, !raw)).toList()));
        Iterator<Row> it = result.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(r.isNullAt(i) ? "" : CsvCells.cell(String.valueOf(r.get(i)), text[i]));
            }
            out.println(sb);
        }
    }
}
