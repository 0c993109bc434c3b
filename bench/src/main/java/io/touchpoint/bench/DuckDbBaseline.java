package io.touchpoint.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's work as an analyst with one machine writes it: hand-written SQL in an in-memory
 * DuckDB over the Parquet events, one temp table per stage (sql/duckdb-*.sql).
 */
public final class DuckDbBaseline {
    private DuckDbBaseline() {
    }

    /** Runs the four stages in a fresh in-memory DuckDB (all cores, DuckDB's default memory limit). */
    public static BaselineResult run(String parquetPath) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return run(c, parquetPath);
        }
    }

    /**
     * Runs the four stages on {@code connection} (its temp tables events, people, sessionized, sessions,
     * conversions, touchpoints, credits, funnel_days are replaced).
     *
     * @param parquetPath a Parquet file, a folder of Parquet files (read recursively) or a glob
     */
    public static BaselineResult run(Connection connection, String parquetPath) throws SQLException {
        return run(connection, parquetPath, false);
    }

    /**
     * As {@link #run(Connection, String)}; with {@code forTables} the events also keep the columns that
     * only {@link #writeTables} needs (the {@code ${tables_only}} lines of stage 1), so the compute-only
     * engine does not pay for carrying them.
     */
    static BaselineResult run(Connection connection, String parquetPath, boolean forTables) throws SQLException {
        Map<String, String> vars = Map.of("input", sqlString(readPath(parquetPath)), "tables_only", forTables ? "" : "--");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");

            long t0 = System.nanoTime();
            execute(s, BaselineResult.statements("duckdb-1-load", vars));
            long events = count(s, "SELECT count(*) FROM events");
            long loadMs = BaselineResult.millisSince(t0);

            long t1 = System.nanoTime();
            execute(s, BaselineResult.statements("duckdb-2-sessions", vars));
            long sessions = count(s, "SELECT count(*) FROM sessions");
            long sessionsMs = BaselineResult.millisSince(t1);

            long t2 = System.nanoTime();
            List<String> attribution = BaselineResult.statements("duckdb-3-attribution", vars);
            execute(s, attribution.subList(0, attribution.size() - 1));
            BaselineResult.CreditBuilder credit = new BaselineResult.CreditBuilder();
            try (ResultSet r = s.executeQuery(attribution.get(attribution.size() - 1))) {
                int m = BaselineResult.MODELS.size();
                while (r.next()) {
                    double[] conv = new double[m];
                    double[] rev = new double[m];
                    for (int i = 0; i < m; i++) {
                        conv[i] = r.getDouble(2 + i);
                        rev[i] = r.getDouble(2 + m + i);
                    }
                    credit.add(r.getString(1), conv, rev);
                }
            }
            long conversions = count(s, "SELECT count(*) FROM conversions");
            long attributionMs = BaselineResult.millisSince(t2);

            long t3 = System.nanoTime();
            long[] funnel = new long[BaselineResult.FUNNEL_STEPS.size()];
            List<String> funnelSql = BaselineResult.statements("duckdb-4-funnel", vars);
            execute(s, funnelSql.subList(0, funnelSql.size() - 1));
            try (ResultSet r = s.executeQuery(funnelSql.get(funnelSql.size() - 1))) {
                r.next();
                for (int i = 0; i < funnel.length; i++) {
                    funnel[i] = r.getLong(1 + i); // NULL (no step-1 event at all) reads as 0
                }
            }
            long funnelMs = BaselineResult.millisSince(t3);

            return new BaselineResult("duckdb", events, sessions, conversions, credit.conversions, credit.revenue,
                    funnel, loadMs, sessionsMs, attributionMs, funnelMs);
        }
    }

    /**
     * Stage 5: writes Touchpoint's tables (docs/tables.md) as Parquet folders under {@code output}, from
     * the temp tables of a {@link #run(Connection, String, boolean) run} with {@code forTables} on the same
     * connection (sql/duckdb-5-tables.sql says what differs from Touchpoint's).
     */
    static void writeTables(Connection connection, Path output) throws IOException, SQLException {
        Files.createDirectories(output); // DuckDB's COPY makes the table folders, not their parents
        String folder = output.toAbsolutePath().toString().replace("'", "''");
        try (Statement s = connection.createStatement()) {
            execute(s, BaselineResult.statements("duckdb-5-tables", Map.of("output", folder)));
        }
    }

    /** A folder is read as all Parquet files below it; a file or glob as given. */
    static String readPath(String path) {
        File f = new File(path);
        return f.isDirectory() ? new File(f, "**/*.parquet").getPath() : path;
    }

    private static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void execute(Statement s, List<String> statements) throws SQLException {
        for (String sql : statements) {
            s.execute(sql);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** {@code DuckDbBaseline <parquet path>}: runs once and prints the result. */
    public static void main(String[] args) throws SQLException {
        System.out.print(run(args[0]));
    }
}
