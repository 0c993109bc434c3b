package io.touchpoint.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.SessionsPipeline;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.attribution.AttributionStage;
import io.touchpoint.spark.funnel.FunnelStage;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.session.SparkSessionizer;
import io.touchpoint.spark.attribution.SparkJourneys;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Touchpoint itself, two ways: (a) {@code compute}: ingest → sessions → journeys with the six models
 * → three funnels, up to the summary results in memory; (b) {@code write}: the real pipeline with
 * every table written.
 */
final class TouchpointEngine {
    private TouchpointEngine() {
    }

    static EngineResult compute(SparkSession spark, TouchpointConfig config, long events, long startupMs) {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions());
        SessionRules rules = new SessionRules(config.sessions(), config.input().timeZone(), config.channelRules(),
                config.goals());
        // Cached as in the pipeline: people and sessions both read the accepted rows.
        Dataset<Row> accepted = InputReader.read(spark, config.input(), normalizer)
                .where(col("status").equalTo(ParsedSchema.ACCEPTED)).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> sessionized = SparkSessionizer.sessionise(accepted, rules).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> kinds = new HashMap<>();
        sessionized.groupBy("kind").count().collectAsList().forEach(r -> kinds.put(r.getString(0), r.getLong(1)));
        accepted.unpersist();
        stages.put("sessions", ms(t));

        t = System.nanoTime();
        Map<String, Map<String, Double>> credits = new HashMap<>();
        SparkJourneys.attribute(sessionized, config.attribution()).where(col("kind").equalTo(AttributionSchema.CREDIT))
                .groupBy("model", "channel").agg(sum("credit")).collectAsList()
                .forEach(r -> credits.computeIfAbsent(r.getString(0), m -> new HashMap<>()).put(r.getString(1), r.getDouble(2)));
        stages.put("attribution", ms(t));

        t = System.nanoTime();
        // Each unit once, by its best entry day, as funnel_steps counts them.
        java.util.List<Row> levels = FunnelStage.bestPerUnit(FunnelStage.progress(config, sessionized))
                .groupBy("funnel", "level").count().collectAsList();
        long[] funnel = funnelUnits(levels.stream().filter(r -> r.getString(0).equals("checkout")).toList());
        stages.put("funnels", ms(t));
        sessionized.unpersist();
        return new EngineResult("touchpoint", events, startupMs, stages, kinds.getOrDefault(SessionizedSchema.SESSION, 0L),
                kinds.getOrDefault(SessionizedSchema.CONVERSION, 0L), credits, funnel, 0, 0, 0);
    }

    static EngineResult write(SparkSession spark, TouchpointConfig config, long events, long startupMs) {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        SessionsPipeline.Result s = SessionsPipeline.run(spark, config, "bench", l -> { });
        stages.put("sessions", ms(t));
        t = System.nanoTime();
        AttributionStage.Result a = AttributionStage.run(config, s.cached(), 0, l -> { });
        stages.put("attribution", ms(t));
        t = System.nanoTime();
        FunnelStage.Result f = FunnelStage.run(spark, config, s.cached(), 0, l -> { });
        stages.put("funnels", ms(t));
        s.release();
        long[] funnel = f.steps().stream().filter(r -> r.funnel().equals("checkout") && r.breakdown().equals("all"))
                .mapToLong(io.touchpoint.spark.funnel.FunnelSteps.Row::units).toArray();
        return new EngineResult("touchpoint_write", events, startupMs, stages, s.sessionCount(), a.conversions(), Map.of(),
                funnel, 0, 0, 0);
    }

    /** Units per step from (funnel, level, units with exactly that level) rows: cumulative, level >= step. */
    static long[] funnelUnits(java.util.List<Row> byLevel) {
        long[] units = new long[4];
        for (Row r : byLevel) {
            int level = r.getInt(1);
            for (int k = 0; k < level && k < units.length; k++) {
                units[k] += r.getLong(2);
            }
        }
        return units;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
