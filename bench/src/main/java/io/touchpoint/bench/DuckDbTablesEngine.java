package io.touchpoint.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DuckDB baseline doing what {@code touchpoint run} does: the same four stages, then Touchpoint's
 * tables written as Parquet with {@code COPY ... TO} (sql/duckdb-5-tables.sql), timed as the stage
 * {@code tables}. The compute-only {@code duckdb} engine keeps its results in temp tables, which is
 * cheaper than any engine that writes; this one is the fair opponent for a written run.
 */
final class DuckDbTablesEngine {
    private DuckDbTablesEngine() {
    }

    /** Runs on {@code input}; the tables go to {@code scratch/out-duckdb} (the bench deletes the scratch). */
    static EngineResult run(String input, long events, long jvmStartNanos, Path scratch) throws Exception {
        try (Connection c = DuckDbEngine.open(scratch)) {
            long startup = (System.nanoTime() - jvmStartNanos) / 1_000_000;
            BaselineResult b = DuckDbBaseline.run(c, input, true);
            long t = System.nanoTime();
            DuckDbBaseline.writeTables(c, output(scratch));
            long tablesMs = BaselineResult.millisSince(t);

            EngineResult r = DuckDbEngine.from(b, events, startup);
            Map<String, Long> stages = new LinkedHashMap<>(r.stages());
            stages.put("tables", tablesMs);
            return new EngineResult("duckdb_tables", r.events(), r.startupMs(), stages, r.sessions(), r.conversions(),
                    r.credits(), r.funnel(), 0, 0, 0);
        }
    }

    /** Where {@link #run} writes the tables. */
    static Path output(Path scratch) {
        return scratch.resolve("out-duckdb");
    }
}
