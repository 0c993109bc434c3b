package io.touchpoint.spark.funnel;

import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Step metrics from per-step aggregates of funnel_progress. Units are cumulative (level &gt;= step),
 * so every rate is a share of units that reached an earlier step; steps nobody reached are listed
 * with 0 units rather than left out.
 */
public final class FunnelSteps {
    public static final String ALL = "all";
    static final String NONE = "(none)";

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
            return new Object[] {funnel, breakdown, stepIndex, stepName, units, fromPrevious, fromStart, dropped,
                medianSeconds, meanSeconds};
        }
    }

    /** @param aggregates rows of (funnel, breakdown, pos, units, mean seconds, median seconds) */
    public static List<Row> steps(Funnels funnels, List<org.apache.spark.sql.Row> aggregates) {
        Map<String, Map<String, Map<Integer, org.apache.spark.sql.Row>>> byFunnel = new HashMap<>();
        for (org.apache.spark.sql.Row r : aggregates) {
            String breakdown = r.isNullAt(1) ? NONE : r.getString(1);
            byFunnel.computeIfAbsent(r.getString(0), f -> new TreeMap<>())
                    .computeIfAbsent(breakdown, b -> new HashMap<>()).put(r.getInt(2), r);
        }
        List<Row> out = new ArrayList<>();
        for (FunnelDefinition f : funnels.all()) {
            Map<String, Map<Integer, org.apache.spark.sql.Row>> groups = byFunnel.getOrDefault(f.name(), new TreeMap<>());
            groups.putIfAbsent(ALL, Map.of()); // a funnel nobody entered still lists its steps
            for (var g : groups.entrySet()) {
                long first = units(g.getValue().get(0));
                long previous = first;
                for (int k = 0; k < f.steps().size(); k++) {
                    org.apache.spark.sql.Row r = g.getValue().get(k);
                    long units = units(r);
                    out.add(new Row(f.name(), g.getKey(), k + 1, f.steps().get(k).name(), units,
                            k == 0 ? (first > 0 ? 1.0 : null) : share(units, previous), share(units, first),
                            k == 0 ? 0 : previous - units,
                            k == 0 || r == null || r.isNullAt(5) ? null : r.getDouble(5),
                            k == 0 || r == null || r.isNullAt(4) ? null : r.getDouble(4)));
                    previous = units;
                }
            }
        }
        return out;
    }

    /** @param aggregates rows of (funnel, entered_date, pos, units) */
    public static List<org.apache.spark.sql.Row> trends(Funnels funnels, List<org.apache.spark.sql.Row> aggregates) {
        Map<String, Map<LocalDate, long[]>> byFunnel = new HashMap<>();
        Map<String, Integer> stepCount = new HashMap<>();
        funnels.all().forEach(f -> stepCount.put(f.name(), f.steps().size()));
        for (org.apache.spark.sql.Row r : aggregates) {
            long[] units = byFunnel.computeIfAbsent(r.getString(0), f -> new TreeMap<>())
                    .computeIfAbsent(r.<LocalDate>getAs(1), d -> new long[stepCount.get(r.getString(0))]);
            units[r.getInt(2)] = r.getLong(3);
        }
        List<org.apache.spark.sql.Row> out = new ArrayList<>();
        for (FunnelDefinition f : funnels.all()) {
            byFunnel.getOrDefault(f.name(), Map.of()).forEach((date, units) -> {
                for (int k = 0; k < units.length; k++) {
                    out.add(RowFactory.create(f.name(), k + 1, units[k], share(units[k], units[0]), date));
                }
            });
        }
        return out;
    }

    private static long units(org.apache.spark.sql.Row r) {
        return r == null ? 0 : r.getLong(3);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
