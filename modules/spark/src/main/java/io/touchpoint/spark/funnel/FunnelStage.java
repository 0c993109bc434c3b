package io.touchpoint.spark.funnel;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.output.TableWriter;
import io.touchpoint.spark.person.PersonPass;
import io.touchpoint.spark.session.SessionizedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The funnel stage: the person pass's progress rows → funnel_progress, funnel_steps,
 * funnel_trends. All funnels share the person pass's one shuffle and sorted pass (the core matcher
 * per unit, see {@link PersonPass}); the step metrics are small aggregates of the progress.
 */
public final class FunnelStage {
    private FunnelStage() {
    }

    /** What the stage wrote; {@code steps} (small) is kept for the run summary. */
    public record Result(Map<String, RunManifest.TableInfo> tables, RunManifest.StageInfo stage, List<FunnelSteps.Row> steps) {
    }

    /** Fails on an invalid step expression before any Spark job. */
    public static void validate(SparkSession spark, Funnels funnels) {
        Dataset<Row> empty = spark.createDataFrame(List.of(), SessionizedSchema.SCHEMA);
        FunnelColumns.validate(spark, empty, funnels);
    }

    /** @param person the person pass's output ({@link PersonPass}), with funnels matched */
    public static Result run(SparkSession spark, TouchpointConfig config, Dataset<Row> person, long inputRows,
                             Consumer<String> progress) {
        long t0 = System.nanoTime();
        Funnels funnels = config.funnels();
        Map<String, RunManifest.TableInfo> tables = new HashMap<>();
        Dataset<Row> progressRows = PersonPass.progress(person)
                .where(io.touchpoint.spark.SessionsPipeline.inRange(col("entered_date"), config.range()));
        long units = progressRows.count();
        tables.put("funnel_progress", new RunManifest.TableInfo(
                TableWriter.write(progressRows, config.outputPath(), "funnel_progress", "entered_date", config.range()), units));

        // Step metrics count each unit once, by its best entry day, over every date in the output
        // (so day-by-day runs add up); trends count entries per day, for this run's range.
        Dataset<Row> allDates = spark.read().parquet(new org.apache.hadoop.fs.Path(config.outputPath(), "funnel_progress").toString());
        Dataset<Row> reached = reachedSteps(bestPerUnit(allDates));
        List<Row> byBreakdown = reached.groupBy(col("funnel"), col("breakdown"), col("pos"))
                .agg(count(lit(1)), avg("seconds"), expr("percentile(seconds, 0.5)")).collectAsList();
        List<Row> overall = reached.groupBy(col("funnel"), lit(FunnelSteps.ALL), col("pos"))
                .agg(count(lit(1)), avg("seconds"), expr("percentile(seconds, 0.5)")).collectAsList();
        List<Row> daily = reachedSteps(progressRows)
                .groupBy(col("funnel"), col("entered_date"), col("pos")).agg(count(lit(1))).collectAsList();

        List<Row> all = new ArrayList<>(overall);
        all.addAll(byBreakdown.stream().filter(r -> hasBreakdown(funnels, r.getString(0))).toList());
        List<FunnelSteps.Row> steps = FunnelSteps.steps(funnels, all);
        Dataset<Row> stepsTable = spark.createDataFrame(steps.stream().map(FunnelSteps.Row::toSparkRow).toList(),
                FunnelSteps.STEPS_SCHEMA);
        tables.put("funnel_steps", new RunManifest.TableInfo(
                TableWriter.write(stepsTable, config.outputPath(), "funnel_steps", null), steps.size()));
        List<Row> trends = FunnelSteps.trends(funnels, daily);
        Dataset<Row> trendsTable = spark.createDataFrame(trends, FunnelSteps.TRENDS_SCHEMA);
        tables.put("funnel_trends", new RunManifest.TableInfo(
                TableWriter.write(trendsTable, config.outputPath(), "funnel_trends", "date", config.range()), trends.size()));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        progress.accept(String.format(java.util.Locale.ROOT, "[funnels] %,d rows in, %,d units in %d funnels, %.1f s",
                inputRows, units, funnels.all().size(), ms / 1000.0));
        return new Result(tables, new RunManifest.StageInfo(inputRows, units, ms), steps);
    }

    /** The funnel_progress rows of every funnel (the person pass without journeys). */
    public static Dataset<Row> progress(TouchpointConfig config, Dataset<Row> sessionized) {
        return PersonPass.progress(PersonPass.run(config, sessionized, false));
    }

    /** A unit's best row: highest level, then the one that reached it first, then the latest entry. */
    public static Dataset<Row> bestPerUnit(Dataset<Row> progress) {
        org.apache.spark.sql.expressions.WindowSpec byUnit = org.apache.spark.sql.expressions.Window
                .partitionBy("funnel", "unit_id")
                .orderBy(col("level").desc(), element_at(col("step_times"), col("level")).asc(), col("entered_at").desc());
        return progress.withColumn("rank", org.apache.spark.sql.functions.row_number().over(byUnit))
                .where(col("rank").equalTo(1)).drop("rank");
    }

    /** One row per reached step of each progress row, with the seconds since the previous step. */
    private static Dataset<Row> reachedSteps(Dataset<Row> progress) {
        return progress
                .select(col("funnel"), col("breakdown"), col("entered_date"), col("step_times"), posexplode(col("step_times")))
                .withColumn("seconds", when(col("pos").gt(0), unix_micros(col("col"))
                        .minus(unix_micros(element_at(col("step_times"), col("pos").cast("int")))).divide(1e6)));
    }

    private static boolean hasBreakdown(Funnels funnels, String name) {
        return funnels.all().stream().filter(f -> f.name().equals(name)).map(FunnelDefinition::breakdown)
                .anyMatch(b -> b != null);
    }
}
