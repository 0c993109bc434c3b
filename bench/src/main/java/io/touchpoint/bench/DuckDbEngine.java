package io.touchpoint.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DuckDB baseline as a measured engine: start-up = loading the driver and opening a database. */
final class DuckDbEngine {
    private DuckDbEngine() {
    }

    static EngineResult run(String input, long events, long jvmStartNanos) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            long startup = (System.nanoTime() - jvmStartNanos) / 1_000_000;
            return from(DuckDbBaseline.run(c, input), events, startup);
        }
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
