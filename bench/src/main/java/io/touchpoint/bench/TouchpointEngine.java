package io.touchpoint.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.SessionsPipeline;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.attribution.AttributionStage;
import io.touchpoint.spark.funnel.FunnelStage;
import io.touchpoint.spark.person.PersonPass;
import io.touchpoint.spark.person.PersonSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Touchpoint itself, two ways: (a) {@code compute}: ingest → sessions → journeys with the six models
 * → three funnels, up to the summary results in memory, as one Spark job; (b) {@code write}: the real pipeline with
 * every table written.
 */
final class TouchpointEngine {
    private TouchpointEngine() {
    }

    static EngineResult compute(SparkSession spark, TouchpointConfig config, long events, long startupMs) {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        // The pipeline's own passes, nothing cached: parse, one sorted pass by visitor (sessions), one
        // sorted pass by person (journeys, the six models, every funnel), then the summaries, in one job.
        // The passes leave every column the summary does not read null, as Spark would prune them in SQL.
        List<Row> summary = PersonPass.fromInput(spark, config, person -> person
                .where(col("kind").isin(AttributionSchema.CREDIT, PersonSchema.TOTALS)
                        .or(col("kind").equalTo(PersonSchema.PROGRESS).and(col("best"))))
                .groupBy(col("kind"), col("model"), col("channel"), col("funnel"), col("level"))
                .agg(sum("credit"), count(lit(1)), sum("session_count"), sum("conversion_count")))
                .collectAsList();
        stages.put("all", ms(t));

        long sessions = 0;
        long conversions = 0;
        Map<String, Map<String, Double>> credits = new HashMap<>();
        List<Row> checkout = new ArrayList<>();
        for (Row r : summary) {
            switch (r.getString(0)) {
                case AttributionSchema.CREDIT ->
                        credits.computeIfAbsent(r.getString(1), m -> new HashMap<>()).put(r.getString(2), r.getDouble(5));
                case PersonSchema.TOTALS -> {
                    sessions += r.getLong(7);
                    conversions += r.getLong(8);
                }
                default -> {
                    if (r.getString(3).equals("checkout")) {
                        checkout.add(RowFactory.create(r.getString(3), r.getInt(4), r.getLong(6)));
                    }
                }
            }
        }
        return new EngineResult("touchpoint", events, startupMs, stages, sessions, conversions, credits,
                funnelUnits(checkout), 0, 0, 0);
    }

    static EngineResult write(SparkSession spark, TouchpointConfig config, long events, long startupMs) {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        SessionsPipeline.Result s = SessionsPipeline.run(spark, config, "bench", l -> { });
        stages.put("sessions", ms(t));
        t = System.nanoTime();
        Dataset<Row> person = PersonPass.cached(config, s.cached());
        AttributionStage.Result a = AttributionStage.run(config, person, 0, l -> { });
        stages.put("attribution", ms(t));
        t = System.nanoTime();
        FunnelStage.Result f = FunnelStage.run(spark, config, person, 0, l -> { });
        stages.put("funnels", ms(t));
        person.unpersist();
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
