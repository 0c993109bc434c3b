package io.touchpoint.spark.funnel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.core.funnel.StepMatch;
import io.touchpoint.core.ingest.BotDetector;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns funnel steps into Spark columns: each funnel becomes one bit mask of the steps an event
 * matches (bit k = step k+1), one of its exclusions, and its breakdown value, so the matcher sees
 * three small values per funnel and all funnels share one shuffle.
 */
public final class FunnelColumns {

    private static final UserDefinedFunction DEVICE = udf(
            (UDF1<String, String>) BotDetector::deviceClass, DataTypes.StringType).asNonNullable();

    private FunnelColumns() {
    }

    /** True where the event matches; every condition set must hold. */
    static Column match(StepMatch m) {
        List<Column> conditions = new ArrayList<>();
        if (m.eventName() != null) {
            conditions.add(col("event_name").equalTo(lit(m.eventName())));
        }
        if (m.pageUrlEquals() != null) {
            conditions.add(col("page_url").equalTo(lit(m.pageUrlEquals())));
        }
        if (m.pageUrlContains() != null) {
            conditions.add(col("page_url").contains(lit(m.pageUrlContains())));
        }
        if (m.pageUrlRegex() != null) {
            conditions.add(col("page_url").rlike(m.pageUrlRegex()));
        }
        if (m.expression() != null) {
            conditions.add(expr(m.expression()));
        }
        Column all = conditions.get(0);
        for (int i = 1; i < conditions.size(); i++) {
            all = all.and(conditions.get(i));
        }
        return coalesce(all, lit(false));
    }

    static Column stepMask(FunnelDefinition f) {
        Column mask = lit(0L);
        for (int k = 0; k < f.steps().size(); k++) {
            mask = mask.plus(when(match(f.steps().get(k).match()), lit(1L << k)).otherwise(lit(0L)));
        }
        return mask;
    }

    static Column exclusionMask(FunnelDefinition f) {
        Column mask = lit(0L);
        for (int x = 0; x < f.exclusions().size(); x++) {
            mask = mask.plus(when(match(f.exclusions().get(x).match()), lit(1L << x)).otherwise(lit(0L)));
        }
        return mask;
    }

    static Column breakdown(FunnelDefinition f) {
        if (f.breakdown() == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        if (f.breakdown().equals("device")) {
            return DEVICE.apply(col("user_agent"));
        }
        return col(f.breakdown()).cast(DataTypes.StringType);
    }

    /**
     * Per-event columns for all funnels, three per funnel: funnel f's step mask at 3f, its
     * exclusion mask at 3f + 1 (both longs) and its breakdown value at 3f + 2 (a string, null
     * without a breakdown). Plain columns rather than arrays: Spark hands an array to Java as a
     * Scala sequence of boxed values, built per row, which cost more than the funnels' matching.
     */
    public static Column[] perFunnel(Funnels funnels) {
        List<Column> columns = new ArrayList<>();
        for (FunnelDefinition f : funnels.all()) {
            columns.add(stepMask(f));
            columns.add(exclusionMask(f));
            columns.add(breakdown(f));
        }
        return columns.toArray(Column[]::new);
    }

    /** Columns per funnel in {@link #perFunnel}. */
    public static final int PER_FUNNEL = 3;

    /** True for a {@link #perFunnel} column that is a step or exclusion mask (not a breakdown). */
    public static boolean isMask(int column) {
        return column % PER_FUNNEL != 2;
    }

    /**
     * Checks every Spark SQL expression against the event columns on the driver, so a typo fails
     * the run before any Spark job, naming the funnel and step.
     */
    public static void validate(SparkSession spark, Funnels funnels) {
        validate(spark, spark.createDataFrame(List.of(), io.touchpoint.spark.session.SessionizedSchema.SCHEMA), funnels);
    }

    static void validate(SparkSession spark, Dataset<Row> events, Funnels funnels) {
        for (int i = 0; i < funnels.all().size(); i++) {
            FunnelDefinition f = funnels.all().get(i);
            for (int s = 0; s < f.steps().size(); s++) {
                check(events, f.steps().get(s).match(), "touchpoint.funnels[" + i + "].steps[" + s + "].expression");
            }
            for (int x = 0; x < f.exclusions().size(); x++) {
                check(events, f.exclusions().get(x).match(), "touchpoint.funnels[" + i + "].exclusions[" + x + "].expression");
            }
        }
    }

    private static void check(Dataset<Row> events, StepMatch m, String key) {
        if (m.expression() == null) {
            return;
        }
        try {
            Dataset<Row> analysed = events.select(expr(m.expression()).as("x"));
            if (!analysed.schema().apply("x").dataType().equals(DataTypes.BooleanType)) {
                throw TouchpointException.config(key, m.expression(), "The expression is not a condition (it gives "
                        + analysed.schema().apply("x").dataType().simpleString() + ")", "Write a boolean, e.g. revenue > 0.");
            }
        } catch (TouchpointException e) {
            throw e;
        } catch (Exception e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw TouchpointException.config(key, m.expression(), "The expression is not valid Spark SQL over the events ("
                    + first + ")", "Use event columns: event_name, page_url, referrer_url, source, medium, campaign, revenue, "
                    + "channel, user_agent, device_category, browser_family, event_time.");
        }
    }
}
