package io.touchpoint.spark.funnel;

import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.rows.Values;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Step metrics from per-step aggregates of funnel_progress. Units are cumulative (level &gt;= step),
 * so every rate is a share of units that reached an earlier step; steps nobody reached are listed
 * with 0 units rather than left out.
 */
public final class FunnelSteps {
    public static final String ALL = "all";
    public static final String NONE = "(none)";

    public static final StructType STEPS_SCHEMA = new StructType()
            .add("funnel", DataTypes.StringType, false)
            .add("breakdown", DataTypes.StringType, false)
            .add("step_index", DataTypes.IntegerType, false)
            .add("step_name", DataTypes.StringType, false)
            .add("units", DataTypes.LongType, false)
            .add("conversion_from_previous", DataTypes.DoubleType)
            .add("conversion_from_start", DataTypes.DoubleType)
            .add("dropped", DataTypes.LongType, false)
            .add("median_seconds_from_previous", DataTypes.DoubleType)
            .add("mean_seconds_from_previous", DataTypes.DoubleType);

    public static final StructType TRENDS_SCHEMA = new StructType()
            .add("funnel", DataTypes.StringType, false)
            .add("step_index", DataTypes.IntegerType, false)
            .add("units", DataTypes.LongType, false)
            .add("conversion_from_start", DataTypes.DoubleType)
            .add("date", DataTypes.DateType, false);

    private FunnelSteps() {
    }

    /** One row of funnel_steps. */
    public record Row(String funnel, String breakdown, int stepIndex, String stepName, long units, Double fromPrevious,
               Double fromStart, long dropped, Double medianSeconds, Double meanSeconds) {
        /** The values in {@link #STEPS_SCHEMA} order. */
        public Object[] values() {
            return Values.of(STEPS_SCHEMA, "funnel", funnel, "breakdown", breakdown, "step_index", stepIndex,
                    "step_name", stepName, "units", units, "conversion_from_previous", fromPrevious,
                    "conversion_from_start", fromStart, "dropped", dropped, "median_seconds_from_previous", medianSeconds,
                    "mean_seconds_from_previous", meanSeconds);
        }
    }

    /**
     * The units of a funnel that reached step {@code pos + 1} (0-based), per breakdown value ({@link #ALL}
     * for every unit), and their mean and median seconds from the previous step.
     */
    public record StepAggregate(String funnel, String breakdown, int pos, long units, Double meanSeconds,
                                Double medianSeconds) {
    }

    /** The entries of a funnel on a day that reached step {@code pos + 1}. */
    public record DayAggregate(String funnel, LocalDate date, int pos, long units) {
    }

    /** One row of funnel_trends. */
    public record Trend(String funnel, int stepIndex, long units, Double fromStart, LocalDate date) {
        /** The values in {@link #TRENDS_SCHEMA} order. */
        public Object[] values() {
            return Values.of(TRENDS_SCHEMA, "funnel", funnel, "step_index", stepIndex, "units", units,
                    "conversion_from_start", fromStart, "date", date);
        }
    }

    public static List<Row> steps(Funnels funnels, List<StepAggregate> aggregates) {
        Map<String, Map<String, Map<Integer, StepAggregate>>> byFunnel = new HashMap<>();
        for (StepAggregate r : aggregates) {
            String breakdown = r.breakdown() == null ? NONE : r.breakdown();
            byFunnel.computeIfAbsent(r.funnel(), f -> new TreeMap<>())
                    .computeIfAbsent(breakdown, b -> new HashMap<>()).put(r.pos(), r);
        }
        List<Row> out = new ArrayList<>();
        for (FunnelDefinition f : funnels.all()) {
            Map<String, Map<Integer, StepAggregate>> groups = byFunnel.getOrDefault(f.name(), new TreeMap<>());
            groups.putIfAbsent(ALL, Map.of()); // a funnel nobody entered still lists its steps
            for (var g : groups.entrySet()) {
                long first = units(g.getValue().get(0));
                long previous = first;
                for (int k = 0; k < f.steps().size(); k++) {
                    StepAggregate r = g.getValue().get(k);
                    long units = units(r);
                    out.add(new Row(f.name(), g.getKey(), k + 1, f.steps().get(k).name(), units,
                            k == 0 ? (first > 0 ? 1.0 : null) : share(units, previous), share(units, first),
                            k == 0 ? 0 : previous - units,
                            k == 0 || r == null ? null : r.medianSeconds(),
                            k == 0 || r == null ? null : r.meanSeconds()));
                    previous = units;
                }
            }
        }
        return out;
    }

    public static List<Trend> trends(Funnels funnels, List<DayAggregate> aggregates) {
        Map<String, Map<LocalDate, long[]>> byFunnel = new HashMap<>();
        Map<String, Integer> stepCount = new HashMap<>();
        funnels.all().forEach(f -> stepCount.put(f.name(), f.steps().size()));
        for (DayAggregate r : aggregates) {
            long[] units = byFunnel.computeIfAbsent(r.funnel(), f -> new TreeMap<>())
                    .computeIfAbsent(r.date(), d -> new long[stepCount.get(r.funnel())]);
            units[r.pos()] = r.units();
        }
        List<Trend> out = new ArrayList<>();
        for (FunnelDefinition f : funnels.all()) {
            byFunnel.getOrDefault(f.name(), Map.of()).forEach((date, units) -> {
                for (int k = 0; k < units.length; k++) {
                    out.add(new Trend(f.name(), k + 1, units[k], share(units[k], units[0]), date));
                }
            });
        }
        return out;
    }

    private static long units(StepAggregate r) {
        return r == null ? 0 : r.units();
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
