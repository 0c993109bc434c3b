package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.ModelColumns;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.rows.OutRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Matomo's "compare models" view over every date in the output: per goal and channel, the channel's
 * cost, each model's conversions, revenue, CPA and ROAS and its difference against last touch, from
 * attribution_summary over every date the output holds after the run (a documented rule: day-by-day
 * runs add up to one long run): this run's staged summary and the committed dates it keeps.
 */
public final class Comparison {
    /**
     * One row: goal, channel, the channel's cost and each model's (conversions, revenue) by its column key.
     *
     * @param cost the spend on the channel over every date, or null when the spend file has none for it
     *     (or no spend is configured); the same for every model
     */
    public record Line(String goal, String channel, Double cost, Map<String, double[]> byKey) {
        public double conversions(String key) {
            return byKey.getOrDefault(key, new double[2])[0];
        }

        public double revenue(String key) {
            return byKey.getOrDefault(key, new double[2])[1];
        }

        /** Cost per conversion under the model ({@link Comparison#cpa}). */
        public Double cpa(String key) {
            return Comparison.cpa(cost, conversions(key));
        }

        /** Return on ad spend under the model ({@link Comparison#roas}). */
        public Double roas(String key) {
            return Comparison.roas(cost, revenue(key));
        }
    }

    /** Cost per (credited) conversion: null without cost or without a conversion, never a division by zero. */
    public static Double cpa(Double cost, double conversions) {
        return cost == null || !(conversions > 0) ? null : cost / conversions;
    }

    /** Return on ad spend, revenue / cost: null without cost or when it is 0. */
    public static Double roas(Double cost, double revenue) {
        return cost == null || !(cost > 0) ? null : revenue / cost;
    }

    /** Wide enough for any credit or revenue sum, exact to 18 decimals: sums that do not depend on their order. */
    static final org.apache.spark.sql.types.DecimalType EXACT = org.apache.spark.sql.types.DataTypes.createDecimalType(38, 18);

    private final TableSpec table;
    private final List<Line> lines;
    private final List<Line> all;
    private final Map<String, String> keys;
    private final List<AttributionModel> models;

    private Comparison(TableSpec table, List<Line> lines, List<Line> all, Map<String, String> keys, List<AttributionModel> models) {
        this.table = table;
        this.lines = lines;
        this.all = all;
        this.keys = keys;
        this.models = models;
    }

    /** As {@link #of(TouchpointConfig, Dataset, Dataset)} keeping every row. */
    static Comparison of(TouchpointConfig config, Dataset<Row> summary) {
        return of(config, summary, null);
    }

    /**
     * @param summary attribution_summary over every date the output will hold after the commit
     *     (this run's staged rows and the committed dates it keeps), or null when empty. Summed
     *     exactly (as decimals), so day-by-day runs give the very same doubles as one long run.
     * @param credit attribution_credit over the same dates, read only when {@code report.min-people}
     *     is above 0 (null: none): a row (goal, channel) that fewer than that many people make up is
     *     left out, a person counting when one of their conversions of the goal has a touchpoint in
     *     the channel (a credit row under any model, credited or not)
     */
    static Comparison of(TouchpointConfig config, Dataset<Row> summary, Dataset<Row> credit) {
        List<AttributionModel> models = config.attribution().models();
        Map<String, String> keys = ModelColumns.keys(models);
        Map<List<String>, Map<String, double[]>> groups = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<List<String>, Double> costs = new java.util.HashMap<>();
        if (summary != null) {
            for (Row r : summary.groupBy(col("goal"), col("channel"), col("model"))
                    .agg(sum(col("conversions").cast(EXACT)).cast("double").as("conversions"),
                            sum(col("revenue").cast(EXACT)).cast("double").as("revenue"),
                            sum(col("cost").cast(EXACT)).cast("double").as("cost"))
                    .collectAsList()) {
                add(groups, r.getAs("goal"), r.getAs("channel"), r.getAs("model"), r.<Double>getAs("conversions"),
                        r.<Double>getAs("revenue"), keys);
                if ("last".equals(r.getAs("model")) && r.getAs("cost") != null) {
                    // Every model's rows carry the same cost: one model's (the baseline's, in every run) is the channel's.
                    costs.put(List.of(r.<String>getAs("goal"), channelName(r.getAs("channel"))), r.<Double>getAs("cost"));
                }
            }
        }
        String last = keys.get("last");
        List<Line> all = new ArrayList<>();
        groups.forEach((k, v) -> all.add(new Line(k.get(0), k.get(1), costs.get(k), v)));
        all.sort(Comparator.comparing(Line::goal).thenComparing(Comparator.comparingDouble((Line l) -> l.conversions(last)).reversed())
                .thenComparing(Line::channel));
        int k = config.report().minPeople();
        List<Line> lines = all;
        if (k > 0) {
            Map<List<String>, Long> people = people(credit);
            lines = all.stream().filter(l -> people.getOrDefault(List.of(l.goal(), l.channel()), 0L) >= k).toList();
        }
        return new Comparison(Tables.modelComparison(models, keys), lines, all, keys, models);
    }

    /** Distinct people per (goal, channel) of attribution_credit (null channel as "null", as the lines name it). */
    static Map<List<String>, Long> people(Dataset<Row> credit) {
        Map<List<String>, Long> out = new java.util.HashMap<>();
        if (credit == null) {
            return out;
        }
        for (Row r : credit.groupBy(col("goal"), col("channel"))
                .agg(org.apache.spark.sql.functions.countDistinct(col("person_id")).as("people")).collectAsList()) {
            String channel = r.getAs("channel");
            out.put(List.of(r.<String>getAs("goal"), channel == null ? "null" : channel), r.<Long>getAs("people"));
        }
        return out;
    }

    private static void add(Map<List<String>, Map<String, double[]>> groups, String goal, String channel, String model,
                            double conversions, double revenue, Map<String, String> keys) {
        String key = keys.get(model);
        if (key == null) {
            return; // a model of an earlier run that this config no longer asks for
        }
        double[] v = groups.computeIfAbsent(List.of(goal, channelName(channel)), g -> new LinkedHashMap<>())
                .computeIfAbsent(key, x -> new double[2]);
        v[0] += conversions;
        v[1] += revenue;
    }

    /** A channel as the lines name it: a null channel as "null". */
    private static String channelName(String channel) {
        return channel == null ? "null" : channel;
    }

    /** The table's spec (its columns depend on the models). */
    public TableSpec table() {
        return table;
    }

    /** The table's rows: without those that fewer than {@code report.min-people} people make up. */
    public List<Line> lines() {
        return lines;
    }

    /** Every row, also those left out for {@code report.min-people} (for totals). */
    public List<Line> allLines() {
        return all;
    }

    /** Rows left out because fewer than {@code report.min-people} people make them up. */
    public int hidden() {
        return all.size() - lines.size();
    }

    /** Model name to column key, in the table's order. */
    public Map<String, String> keys() {
        return keys;
    }

    /** The rows of the table. */
    List<InternalRow> rows() {
        OutRows out = new OutRows(table.schema(), new int[0]);
        String last = keys.get("last");
        List<InternalRow> rows = new ArrayList<>();
        for (Line l : lines) {
            List<Object> v = new ArrayList<>(List.of(l.goal(), l.channel()));
            v.add(l.cost());
            for (AttributionModel m : models) {
                String k = keys.get(m.name());
                v.add(l.conversions(k));
                v.add(l.revenue(k));
                v.add(l.cpa(k));
                v.add(l.roas(k));
            }
            for (AttributionModel m : models) {
                String k = keys.get(m.name());
                if (!k.equals(last)) {
                    v.add(l.conversions(k) - l.conversions(last));
                    v.add(l.revenue(k) - l.revenue(last));
                }
            }
            rows.add(out.row(v.toArray()));
        }
        return rows;
    }
}
