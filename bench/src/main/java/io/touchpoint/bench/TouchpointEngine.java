package io.touchpoint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.jobs.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Touchpoint as users run it: {@code touchpoint run} (the command line's own entry point, the same
 * code {@code bin/touchpoint run} and {@code spark-submit} call), every table written and
 * committed, Spark's start included. What the engines must agree on is read from the written
 * tables and manifest afterwards, outside the measured time.
 */
final class TouchpointEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TouchpointEngine() {
    }

    /**
     * @param jvmStartNanos when the JVM started (the total includes Spark's start)
     * @param conf the benchmark's config file
     */
    static EngineResult run(String input, long events, Path out, Path conf, long jvmStartNanos) throws Exception {
        int code = Main.execute("run", "--config", conf.toString(), "--input", input, "--output", out.toString(),
                "--set", "touchpoint.report.enabled=false");
        long totalMs = (System.nanoTime() - jvmStartNanos) / 1_000_000;
        if (code != 0) {
            throw new IllegalStateException("touchpoint run exited with " + code);
        }
        JsonNode m = JSON.readTree(Files.readString(out.resolve("_manifests/latest.json")));
        Map<String, Long> stages = new LinkedHashMap<>();
        long passes = 0;
        for (var it = m.path("stages").fields(); it.hasNext(); ) {
            var e = it.next();
            long ms = e.getValue().path("elapsed_ms").asLong();
            stages.put(e.getKey(), ms);
            passes += ms;
        }
        // Start-up (JVM, Spark, the analyser) and whatever the stages do not cover: part of the run users wait for.
        stages.put("startup_and_driver", Math.max(0, totalMs - passes));
        SparkSession spark = SparkSession.builder().getOrCreate(); // the run's session, still up
        Map<String, Map<String, Double>> credits = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("attribution_summary").toString())
                .groupBy("model", "channel").sum("conversions").collectAsList()) {
            credits.computeIfAbsent(r.getString(0), x -> new HashMap<>()).put(r.getString(1), r.getDouble(2));
        }
        long[] funnel = new long[4];
        List<Row> steps = spark.read().parquet(out.resolve("funnel_steps").toString())
                .where("funnel = 'checkout' AND breakdown = 'all'").orderBy("step_index").collectAsList();
        for (int i = 0; i < steps.size() && i < funnel.length; i++) {
            funnel[i] = steps.get(i).<Long>getAs("units");
        }
        long sessions = m.path("tables").path("sessions").path("rows").asLong();
        long conversions = m.path("tables").path("conversions").path("rows").asLong();
        EngineResult r = new EngineResult("touchpoint", events, 0, stages, sessions, conversions, credits, funnel, 0,
                m.path("spark").path("shuffle_bytes").asLong(), m.path("spark").path("spill_bytes").asLong());
        spark.stop();
        return r;
    }
}
