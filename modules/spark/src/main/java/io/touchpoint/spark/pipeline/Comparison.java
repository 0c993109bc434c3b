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
 * Matomo's "compare models" view over every date in the output: per goal and channel, each
 * model's conversions and revenue and its difference against last touch, from attribution_summary
 * over every date the output holds after the run (a documented rule: day-by-day runs add up to
 * one long run): this run's staged summary and the committed dates it keeps.
 */
public final class Comparison {
    /** One row: goal, channel and each model's (conversions, revenue) by its column key. */
    public record Line(String goal, String channel, Map<String, double[]> byKey) {
        public double conversions(String key) {
            return byKey.getOrDefault(key, new double[2])[0];
        }

        public double revenue(String key) {
            return byKey.getOrDefault(key, new double[2])[1];
        }
    }

    /** Wide enough for any credit or revenue sum, exact to 18 decimals: sums that do not depend on their order. */
    static final org.apache.spark.sql.types.DecimalType EXACT = org.apache.spark.sql.types.DataTypes.createDecimalType(38, 18);

    private final TableSpec table;
    private final List<Line> lines;
    private final Map<String, String> keys;
    private final List<AttributionModel> models;

    private Comparison(TableSpec table, List<Line> lines, Map<String, String> keys, List<AttributionModel> models) {
        this.table = table;
        this.lines = lines;
        this.keys = keys;
        this.models = models;
    }

    /**
     * @param summary attribution_summary over every date the output will hold after the commit
     *     (this run's staged rows and the committed dates it keeps), or null when empty. Summed
     *     exactly (as decimals), so day-by-day runs give the very same doubles as one long run.
     */
    static Comparison of(TouchpointConfig config, Dataset<Row> summary) {
        List<AttributionModel> models = config.attribution().models();
        Map<String, String> keys = ModelColumns.keys(models);
        Map<List<String>, Map<String, double[]>> groups = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        if (summary != null) {
            for (Row r : summary.groupBy(col("goal"), col("channel"), col("model"))
                    .agg(sum(col("conversions").cast(EXACT)).cast("double").as("conversions"),
                            sum(col("revenue").cast(EXACT)).cast("double").as("revenue"))
                    .collectAsList()) {
                add(groups, r.getAs("goal"), r.getAs("channel"), r.getAs("model"), r.<Double>getAs("conversions"),
                        r.<Double>getAs("revenue"), keys);
            }
        }
        String last = keys.get("last");
        List<Line> lines = new ArrayList<>();
        groups.forEach((k, v) -> lines.add(new Line(k.get(0), k.get(1), v)));
        lines.sort(Comparator.comparing(Line::goal).thenComparing(Comparator.comparingDouble((Line l) -> l.conversions(last)).reversed())
                .thenComparing(Line::channel));
        return new Comparison(Tables.modelComparison(models, keys), lines, keys, models);
    }

    private static void add(Map<List<String>, Map<String, double[]>> groups, String goal, String channel, String model,
                            double conversions, double revenue, Map<String, String> keys) {
        String key = keys.get(model);
        if (key == null) {
            return; // a model of an earlier run that this config no longer asks for
        }
        double[] v = groups.computeIfAbsent(List.of(goal, channel == null ? "null" : channel), g -> new LinkedHashMap<>())
                .computeIfAbsent(key, x -> new double[2]);
        v[0] += conversions;
        v[1] += revenue;
    }

    /** The table's spec (its columns depend on the models). */
    public TableSpec table() {
        return table;
    }

    public List<Line> lines() {
        return lines;
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
            for (AttributionModel m : models) {
                String k = keys.get(m.name());
                v.add(l.conversions(k));
                v.add(l.revenue(k));
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
