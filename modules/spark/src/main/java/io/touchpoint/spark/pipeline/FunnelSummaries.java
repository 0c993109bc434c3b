package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.funnel.FunnelSteps;
import io.touchpoint.spark.rows.OutRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * funnel_steps and funnel_trends. Steps count each unit once, by its best entry day over every date
 * in the output (so day-by-day runs add up to one long run): they read funnel_progress, this run's
 * staged files and, for a range, the committed other dates. Trends count entries per day from the
 * person pass's counters.
 */
record FunnelSummaries(List<FunnelSteps.Row> steps, List<InternalRow> stepRows, List<InternalRow> trendRows) {

    /**
     * @param trends the person pass's counters {@code FUNNEL\tEPOCH_DAY\tLEVEL} → units
     * @param best the units' best steps as the person pass recorded them ({@link Tables#FUNNEL_BEST}),
     *     or null to find them in {@code progress}
     * @param progress funnel_progress rows to count steps over (empty: nobody entered)
     */
    static FunnelSummaries of(org.apache.spark.sql.SparkSession spark, TouchpointConfig config, Map<String, Long> trends,
                              Dataset<Row> best, List<Dataset<Row>> progress) {
        Funnels funnels = config.funnels();
        List<FunnelSteps.StepAggregate> aggregates = new ArrayList<>();
        List<String> withBreakdown = funnels.all().stream().filter(f -> f.breakdown() != null).map(FunnelDefinition::name).toList();
        Dataset<Row> reached = null;
        if (best != null) {
            reached = best; // already each unit's best attempt, a row per reached step
        } else if (!progress.isEmpty()) {
            Dataset<Row> all = progress.get(0);
            for (int i = 1; i < progress.size(); i++) {
                all = all.unionByName(progress.get(i));
            }
            reached = reachedSteps(bestPerUnit(all));
        }
        if (reached != null) {
            // Every unit of every funnel, and per breakdown value for the funnels with a breakdown
            // only (exact medians keep a map of each group's distinct values, so no row is counted
            // in a group nobody reads), in one aggregate whatever the funnels and breakdowns.
            Column groupsOfRow = withBreakdown.isEmpty() ? array(lit(true))
                    : when(col("funnel").isin(withBreakdown.toArray()), array(lit(true), lit(false))).otherwise(array(lit(true)));
            Dataset<Row> groups = stepStats(reached.withColumn("overall", explode(groupsOfRow))
                    .withColumn("breakdown", when(col("overall"), lit(null).cast("string")).otherwise(col("breakdown"))));
            for (Row r : groups.collectAsList()) {
                boolean overall = r.<Boolean>getAs("overall");
                aggregates.add(new FunnelSteps.StepAggregate(r.getAs("funnel"), overall ? FunnelSteps.ALL : r.getAs("breakdown"),
                        r.<Integer>getAs("pos"), r.<Long>getAs("units"), r.getAs("mean"), r.getAs("median")));
            }
        }
        List<FunnelSteps.Row> steps = FunnelSteps.steps(funnels, aggregates);
        OutRows stepOut = new OutRows(FunnelSteps.STEPS_SCHEMA, new int[0]);
        List<InternalRow> stepRows = steps.stream().map(r -> stepOut.row(r.values())).toList();

        Map<String, Integer> stepCount = new HashMap<>();
        funnels.all().forEach(f -> stepCount.put(f.name(), f.steps().size()));
        Map<List<Object>, long[]> byDay = new HashMap<>();
        trends.forEach((key, n) -> {
            String[] f = key.split("\t");
            int steps1 = stepCount.getOrDefault(f[0], 0);
            long[] units = byDay.computeIfAbsent(List.of(f[0], Integer.parseInt(f[1])), k -> new long[steps1]);
            int level = Integer.parseInt(f[2]);
            for (int k = 0; k < level && k < units.length; k++) {
                units[k] += n;
            }
        });
        List<FunnelSteps.DayAggregate> daily = new ArrayList<>();
        byDay.forEach((k, units) -> {
            for (int pos = 0; pos < units.length; pos++) {
                daily.add(new FunnelSteps.DayAggregate((String) k.get(0), LocalDate.ofEpochDay((Integer) k.get(1)), pos, units[pos]));
            }
        });
        OutRows trendOut = new OutRows(FunnelSteps.TRENDS_SCHEMA, new int[0]);
        List<InternalRow> trendRows = FunnelSteps.trends(funnels, daily).stream().map(t -> trendOut.row(t.values())).toList();
        return new FunnelSummaries(steps, stepRows, trendRows);
    }

    /**
     * Units, mean and exact median seconds per funnel, breakdown and step. The mean is the exact sum
     * of whole microseconds over the count (seconds are microsecond differences), so it is the same
     * double whatever order the tasks' partial sums arrive in.
     */
    private static Dataset<Row> stepStats(Dataset<Row> reached) {
        return reached.groupBy(col("funnel"), col("overall"), col("breakdown"), col("pos"))
                .agg(count(lit(1)).as("units"),
                        sum(round(col("seconds").multiply(1e6)).cast("long")).divide(count(col("seconds"))).divide(1e6).as("mean"),
                        expr("percentile(seconds, 0.5)").as("median"));
    }

    /** A unit's best row: highest level, then the one that reached it first, then the latest entry. */
    static Dataset<Row> bestPerUnit(Dataset<Row> progress) {
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
}
