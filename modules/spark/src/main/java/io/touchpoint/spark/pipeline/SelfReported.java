package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.selfreported.SelfReportedRules;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.rows.OutRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code self_reported}: what people said ("How did you hear about us?") next to what each model
 * credits, per goal and channel, over every date the output holds (docs/tables.md). A channel no
 * tracker sees (a podcast, a colleague: {@code dark}) has a share of the answers and none of the
 * touch-based models' credit: the dark-social share.
 *
 * <p>Counted from {@code conversions} (each conversion carries its self-reported channel) and the
 * model comparison's lines, both as the output holds them after the commit.
 */
public final class SelfReported {
    /** One row: a channel's answers among a goal's conversions, and each model's share of the goal's credit. */
    public record Line(String goal, String channel, boolean dark, long answers, long conversions, double revenue, Double share,
                       Map<String, Double> modelShares) {
    }

    private final TableSpec table;
    private final List<Line> lines;
    private final List<AttributionModel> models;
    private final Map<String, String> keys;

    private SelfReported(TableSpec table, List<Line> lines, List<AttributionModel> models, Map<String, String> keys) {
        this.table = table;
        this.lines = lines;
        this.models = models;
        this.keys = keys;
    }

    /** The table's columns: goal, channel, dark, answers, conversions, revenue, share, then each model's share. */
    public static TableSpec spec(List<AttributionModel> models, Map<String, String> keys) {
        StructType s = new StructType().add("goal", DataTypes.StringType).add("channel", DataTypes.StringType)
                .add("dark", DataTypes.BooleanType).add("answers", DataTypes.LongType).add("conversions", DataTypes.LongType)
                .add("revenue", DataTypes.DoubleType).add("share", DataTypes.DoubleType);
        for (AttributionModel m : models) {
            s = s.add(keys.get(m.name()) + "_share", DataTypes.DoubleType);
        }
        return new TableSpec("self_reported", s, null);
    }

    /**
     * @param conversions the conversions table as the output holds it after the commit, or null when empty
     * @param comparison the model comparison over the same dates (its lines before min-people)
     */
    public static SelfReported of(TouchpointConfig config, Dataset<Row> conversions, Comparison comparison) {
        List<AttributionModel> models = config.attribution().models();
        Map<String, String> keys = comparison.keys();
        // goal -> channel (null: no answer) -> {people, conversions, revenue}
        Map<String, Map<String, double[]>> said = new TreeMap<>();
        if (conversions != null) {
            for (Row r : conversions.groupBy(col("goal"), col("self_reported_channel"))
                    .agg(countDistinct(col("person_id")).as("people"), count(lit(1)).as("n"),
                            sum(col("revenue").cast(Comparison.EXACT)).cast("double").as("revenue"))
                    .collectAsList()) {
                said.computeIfAbsent(r.getString(0), g -> new HashMap<>()).put(r.getString(1),
                        new double[] {r.getLong(2), r.getLong(3), r.isNullAt(4) ? 0 : r.getDouble(4)});
            }
        }
        // goal -> model key -> the goal's credited conversions, and goal -> channel -> model key -> conversions
        Map<String, Map<String, Double>> totals = new HashMap<>();
        Map<String, Map<String, Comparison.Line>> credited = new HashMap<>();
        for (Comparison.Line l : comparison.allLines()) {
            credited.computeIfAbsent(l.goal(), g -> new HashMap<>()).put(l.channel(), l);
            for (String key : keys.values()) {
                totals.computeIfAbsent(l.goal(), g -> new HashMap<>()).merge(key, l.conversions(key), Double::sum);
            }
        }
        int minPeople = config.report().minPeople();
        List<Line> lines = new ArrayList<>();
        TreeSet<String> goals = new TreeSet<>(said.keySet());
        goals.addAll(credited.keySet());
        for (String goal : goals) {
            Map<String, double[]> answers = said.getOrDefault(goal, Map.of());
            double answered = answers.entrySet().stream().filter(e -> e.getKey() != null).mapToDouble(e -> e.getValue()[1]).sum();
            TreeSet<String> channels = new TreeSet<>(Comparator.nullsLast(Comparator.naturalOrder()));
            channels.addAll(answers.keySet());
            credited.getOrDefault(goal, Map.of()).keySet().stream().filter(c -> !c.equals("null")).forEach(channels::add);
            List<Line> goalLines = new ArrayList<>();
            for (String channel : channels) {
                double[] a = answers.getOrDefault(channel, new double[3]);
                if (a[0] > 0 && a[0] < minPeople) {
                    continue; // fewer people than report.min-people said it: left out, as model_comparison's rows are
                }
                Map<String, Double> shares = new LinkedHashMap<>();
                Comparison.Line l = channel == null ? null : credited.getOrDefault(goal, Map.of()).get(channel);
                for (AttributionModel m : models) {
                    String key = keys.get(m.name());
                    double total = totals.getOrDefault(goal, Map.of()).getOrDefault(key, 0.0);
                    shares.put(key, channel == null || total == 0 ? null : (l == null ? 0 : l.conversions(key)) / total);
                }
                goalLines.add(new Line(goal, channel, channel != null && SelfReportedRules.isDark(channel), channel == null ? 0 : (long) a[0],
                        (long) a[1],
                        a[2], channel == null || answered == 0 ? null : a[1] / answered, shares));
            }
            goalLines.sort(Comparator.comparing((Line x) -> x.channel() == null).thenComparing(Comparator.comparingLong(Line::conversions)
                    .reversed()).thenComparing(Line::channel, Comparator.nullsLast(Comparator.naturalOrder())));
            lines.addAll(goalLines);
        }
        return new SelfReported(spec(models, keys), lines, models, keys);
    }

    public TableSpec table() {
        return table;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The table's rows. */
    List<InternalRow> rows() {
        OutRows out = new OutRows(table.schema(), new int[0]);
        List<InternalRow> rows = new ArrayList<>();
        for (Line l : lines) {
            List<Object> v = new ArrayList<>(List.of(l.goal()));
            v.add(l.channel());
            v.add(l.dark());
            v.add(l.answers());
            v.add(l.conversions());
            v.add(l.revenue());
            v.add(l.share());
            for (AttributionModel m : models) {
                v.add(l.modelShares().get(keys.get(m.name())));
            }
            rows.add(out.row(v.toArray()));
        }
        return rows;
    }
}
