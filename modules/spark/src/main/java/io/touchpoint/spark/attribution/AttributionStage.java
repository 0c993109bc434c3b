package io.touchpoint.spark.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.ModelColumns;
import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.SessionsPipeline;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.output.TableWriter;
import io.touchpoint.spark.person.PersonPass;
import io.touchpoint.spark.session.SessionizedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The attribution stage: the person pass's journeys → conversions, attribution_credit,
 * attribution_summary and model_comparison. Spark jobs: a count of the (cached) person pass, then
 * one write per table; the number of models changes none of that.
 */
public final class AttributionStage {
    private AttributionStage() {
    }

    /** What the stage produced; {@code comparison} is small (goals × channels) and collected. */
    public record Result(Map<String, RunManifest.TableInfo> tables, RunManifest.StageInfo stage,
                         List<Row> comparison, Map<String, String> modelKeys, long conversions) {
    }

    /** @param person the person pass's output ({@link PersonPass}), with journeys built */
    public static Result run(TouchpointConfig config, Dataset<Row> person, long inputRows, Consumer<String> progress) {
        long t0 = System.nanoTime();
        Map<String, RunManifest.TableInfo> tables = new HashMap<>();
        DateRange range = config.range();
        // Journeys are built for every conversion read (their sessions need the lookback), kept for the range.
        Dataset<Row> attributed = PersonPass.attribution(person)
                .where(SessionsPipeline.inRange(col("conversion_date"), range));
        Map<String, Long> kinds = new HashMap<>();
        attributed.groupBy("kind").count().collectAsList().forEach(r -> kinds.put(r.getString(0), r.getLong(1)));
        long conversions = kinds.getOrDefault(AttributionSchema.CONVERSION, 0L);
        long credits = kinds.getOrDefault(AttributionSchema.CREDIT, 0L);

        Dataset<Row> conversionTable = attributed.where(col("kind").equalTo(AttributionSchema.CONVERSION))
                .select(SessionizedSchema.columns(AttributionSchema.CONVERSIONS_COLUMNS));
        Dataset<Row> credit = attributed.where(col("kind").equalTo(AttributionSchema.CREDIT))
                .select(SessionizedSchema.columns(AttributionSchema.CREDIT_COLUMNS));
        String out = config.outputPath();
        tables.put("conversions", new RunManifest.TableInfo(
                TableWriter.write(conversionTable, out, "conversions", "conversion_date", range), conversions));
        tables.put("attribution_credit", new RunManifest.TableInfo(
                TableWriter.write(credit, out, "attribution_credit", "conversion_date", range), credits));

        Dataset<Row> summary = credit.groupBy("goal", "model", "channel", "campaign", "conversion_date")
                .agg(sum("credit").as("conversions"), sum("revenue_credit").as("revenue"), count(lit(1)).as("touchpoints"))
                .select("goal", "model", "channel", "campaign", "conversions", "revenue", "touchpoints", "conversion_date")
                .persist(StorageLevel.MEMORY_AND_DISK());
        tables.put("attribution_summary", new RunManifest.TableInfo(
                TableWriter.write(summary, out, "attribution_summary", "conversion_date", range), summary.count()));

        // Over every date in the output, not just this run's: day-by-day runs add up to one long run.
        Map<String, String> keys = ModelColumns.keys(config.attribution().models());
        Dataset<Row> allDates = summary.sparkSession().read().parquet(new org.apache.hadoop.fs.Path(out, "attribution_summary").toString());
        Dataset<Row> comparison = comparison(allDates, config.attribution().models(), keys).persist();
        List<Row> rows = comparison.collectAsList();
        tables.put("model_comparison", new RunManifest.TableInfo(
                TableWriter.write(comparison, out, "model_comparison", null), rows.size()));
        comparison.unpersist();
        summary.unpersist();

        long ms = (System.nanoTime() - t0) / 1_000_000;
        progress.accept(String.format(java.util.Locale.ROOT, "[attribution] %,d rows in, %,d conversions, %,d credit rows, %.1f s",
                inputRows, conversions, credits, ms / 1000.0));
        return new Result(tables, new RunManifest.StageInfo(inputRows, conversions, ms), rows, keys, conversions);
    }

    /**
     * Matomo's "compare models" view over the whole run: per goal and channel, each model's
     * conversions and revenue, and its difference against last touch.
     */
    static Dataset<Row> comparison(Dataset<Row> summary, List<AttributionModel> models, Map<String, String> keys) {
        List<Object> names = new ArrayList<>(keys.keySet());
        Dataset<Row> pivot = summary.groupBy("goal", "channel").pivot("model", names)
                .agg(sum("conversions").as("conversions"), sum("revenue").as("revenue"));
        List<Column> cols = new ArrayList<>(List.of(col("goal"), col("channel")));
        Map<String, Column> byKey = new LinkedHashMap<>();
        for (AttributionModel m : models) {
            String key = keys.get(m.name());
            byKey.put(key + "_conversions", coalesce(pivot.col("`" + m.name() + "_conversions`"), lit(0.0)));
            byKey.put(key + "_revenue", coalesce(pivot.col("`" + m.name() + "_revenue`"), lit(0.0)));
        }
        byKey.forEach((name, c) -> cols.add(c.as(name)));
        String last = keys.get("last");
        for (AttributionModel m : models) {
            String key = keys.get(m.name());
            if (!key.equals(last)) {
                cols.add(byKey.get(key + "_conversions").minus(byKey.get(last + "_conversions")).as(key + "_conversions_vs_last"));
                cols.add(byKey.get(key + "_revenue").minus(byKey.get(last + "_revenue")).as(key + "_revenue_vs_last"));
            }
        }
        return pivot.select(cols.toArray(Column[]::new)).orderBy(col("goal"), col(last + "_conversions").desc(), col("channel"));
    }
}
