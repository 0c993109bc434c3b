package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.spend.Spend;
import io.touchpoint.spark.session.SessionizedSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The aggregate that makes {@code attribution_summary}, for a run (from the person pass's partial
 * sums) and for the recount after an erase or retention (from {@code attribution_credit}): rows of
 * the summary's columns go in (credits, and the costs as rows that credit nothing), one row per
 * (goal, model, channel, campaign, conversion_date) comes out.
 *
 * <p>Credits and revenue are summed exactly (as decimals), so the doubles do not depend on which
 * task finished first. A group has at most one cost row (the spend file's rows are summed per key on
 * the driver, and a key has one row per goal and model), so its cost is that row's; {@code cpa} and
 * {@code roas} are computed from the group's sums.
 */
final class SummaryAggregate {
    private static final String[] KEYS = {"goal", "model", "channel", "campaign", "conversion_date"};

    private SummaryAggregate() {
    }

    /** One row per group of {@code rows} (of the summary's columns), in the table's column order. */
    static Dataset<Row> of(Dataset<Row> rows) {
        Column conversions = col("conversions");
        Column cost = col("cost");
        return rows.groupBy(SessionizedSchema.columns(KEYS))
                .agg(sum(conversions.cast(Comparison.EXACT)).cast("double").as("conversions"),
                        sum(col("revenue").cast(Comparison.EXACT)).cast("double").as("revenue"),
                        sum("touchpoints").as("touchpoints"),
                        max(cost).as("cost"))
                // Null, never a division by zero: a key with cost and no conversion has no CPA; without cost, no ROAS.
                .withColumn("cpa", when(conversions.gt(0).and(cost.isNotNull()), cost.divide(conversions)))
                .withColumn("roas", when(cost.gt(0), col("revenue").divide(cost)))
                .select(SessionizedSchema.columns(Tables.ATTRIBUTION_SUMMARY.schema().fieldNames()));
    }

    /**
     * Writes the summary into its staged folder, one file per date: it is small (goal × model ×
     * channel × campaign × day), and its final merge in one task writes one file per date, not one per
     * shuffle partition and date (3,600 files at 10M events, whose footers then took 10 s to count).
     */
    static void write(Dataset<Row> summary, Path staged) {
        summary.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "snappy").partitionBy("conversion_date")
                .parquet(staged.toString());
    }

    /**
     * The spend file's costs as summary rows that credit nothing: each (date, channel, campaign) once
     * for every goal and model of the run, so that every (goal, model) row of a key carries its cost
     * (cost sums within one goal and one model) and a key no session or conversion has still gets its
     * rows (spend is shown, not dropped). Built from a small local table of the keys: one row per key
     * on the driver, the goals × models fanned out by Spark.
     */
    static Dataset<Row> spendRows(SparkSession spark, Spend spend, TouchpointConfig config) {
        StructType keys = new StructType().add("channel", DataTypes.StringType).add("campaign", DataTypes.StringType)
                .add("day", DataTypes.StringType).add("cost", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        spend.costs().forEach((k, cost) -> rows.add(RowFactory.create(k.channel(), k.campaign(), k.date().toString(), cost.doubleValue())));
        List<Column> groups = new ArrayList<>();
        for (Goal g : config.goals().all()) {
            for (AttributionModel m : config.attribution().models()) {
                groups.add(struct(lit(g.name()).as("goal"), lit(m.name()).as("model")));
            }
        }
        return spark.createDataFrame(rows, keys)
                .withColumn("group", explode(array(groups.toArray(Column[]::new))))
                .select(col("group.goal").as("goal"), col("group.model").as("model"), col("channel"), col("campaign"),
                        lit(0.0).as("conversions"), lit(0.0).as("revenue"), lit(0L).as("touchpoints"), col("cost"),
                        lit(null).cast("double").as("cpa"), lit(null).cast("double").as("roas"),
                        col("day").cast("date").as("conversion_date"));
    }

    /**
     * The costs of {@code summary} (committed rows of the dates a recount replaces) as rows that credit
     * nothing: the recount keeps every key's cost, also where no credit remains.
     */
    static Dataset<Row> costRows(Dataset<Row> summary) {
        return summary.where(col("cost").isNotNull())
                .select(col("goal"), col("model"), col("channel"), col("campaign"), lit(0.0).as("conversions"),
                        lit(0.0).as("revenue"), lit(0L).as("touchpoints"), col("cost"), lit(null).cast("double").as("cpa"),
                        lit(null).cast("double").as("roas"), col("conversion_date"));
    }
}
