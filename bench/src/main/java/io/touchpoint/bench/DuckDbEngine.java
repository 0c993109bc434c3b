package io.touchpoint.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DuckDB baseline as a measured engine: start-up = loading the driver and opening a database. */
final class DuckDbEngine {
    private DuckDbEngine() {
    }

    static EngineResult run(String input, long events, long jvmStartNanos, java.nio.file.Path scratch) throws Exception {
        try (Connection c = open(scratch)) {
            long startup = (System.nanoTime() - jvmStartNanos) / 1_000_000;
            return from(DuckDbBaseline.run(c, input), events, startup);
        }
    }

    /** An in-memory database as the measured DuckDB engines run it (also {@link DuckDbTablesEngine}). */
    static Connection open(java.nio.file.Path scratch) throws java.sql.SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        // DuckDB's default limit (80 % of RAM) plus what it allocates outside it got the process
        // killed by the kernel at 50M events on a 24 GiB machine; with half the RAM it spills to
        // disk instead, as an analyst would set it after the first crash. Smaller inputs never reach it.
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET memory_limit = '" + (ram / 2 >> 20) + "MB'");
            s.execute("SET temp_directory = '" + scratch.resolve("duckdb-tmp") + "'");
        } catch (java.sql.SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Both baselines report load and sessions apart; Touchpoint's "sessions" stage includes its ingest. */
    static EngineResult from(BaselineResult b, long events, long startupMs) {
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("sessions", b.loadMs() + b.sessionsMs());
        stages.put("attribution", b.attributionMs());
        stages.put("funnels", b.funnelMs());
        return new EngineResult(b.engine().replace("-", ""), events, startupMs, stages, b.sessions(), b.conversions(),
                b.conversionCredit(), b.funnelUnits(), 0, 0, 0);
    }
}
