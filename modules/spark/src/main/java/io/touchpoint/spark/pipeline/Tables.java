package io.touchpoint.spark.pipeline;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.funnel.FunnelSteps;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.session.SessionizedSchema;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Every public table: name, columns and partition column (docs/tables.md). */
public final class Tables {
    public static final TableSpec QUARANTINE = new TableSpec("quarantine", new StructType()
            .add("run_id", DataTypes.StringType)
            .add(ParsedSchema.SCHEMA.apply("input_file"))
            .add(ParsedSchema.SCHEMA.apply("input_line"))
            .add(ParsedSchema.SCHEMA.apply("reason"))
            .add(ParsedSchema.SCHEMA.apply("detail"))
            .add(ParsedSchema.SCHEMA.apply("raw")), null);

    public static final TableSpec EVENTS = TableSpec.of("events", SessionizedSchema.SCHEMA,
            SessionizedSchema.EVENTS_COLUMNS, "event_date");

    public static final TableSpec SESSIONS = TableSpec.of("sessions", SessionizedSchema.SCHEMA,
            SessionizedSchema.SESSIONS_COLUMNS, "session_date");

    public static final TableSpec CONVERSIONS = TableSpec.of("conversions", AttributionSchema.SCHEMA,
            AttributionSchema.CONVERSIONS_COLUMNS, "conversion_date");

    public static final TableSpec ATTRIBUTION_CREDIT = TableSpec.of("attribution_credit", AttributionSchema.SCHEMA,
            AttributionSchema.CREDIT_COLUMNS, "conversion_date");

    /** Every journey of every goal, converting or not (docs/tables.md, docs/data-driven.md). */
    public static final TableSpec JOURNEYS = new TableSpec("journeys", AttributionSchema.JOURNEYS, "journey_date");

    public static final TableSpec ATTRIBUTION_SUMMARY = new TableSpec("attribution_summary", new StructType()
            .add("goal", DataTypes.StringType)
            .add("model", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("campaign", DataTypes.StringType)
            .add("conversions", DataTypes.DoubleType)
            .add("revenue", DataTypes.DoubleType)
            .add("touchpoints", DataTypes.LongType)
            // The spend file's cost of the group's (date, channel, campaign), the same on every goal and
            // model row of it; null without a spend row. cpa = cost / conversions, roas = revenue / cost.
            .add("cost", DataTypes.DoubleType)
            .add("cpa", DataTypes.DoubleType)
            .add("roas", DataTypes.DoubleType)
            .add("conversion_date", DataTypes.DateType), "conversion_date");

    /** The CRM rows that gave no conversion or milestone, with the reason (docs/crm.md); no personal value. */
    public static final TableSpec CRM_UNMATCHED = new TableSpec("crm_unmatched", new StructType()
            .add("run_id", DataTypes.StringType)
            .add("input_file", DataTypes.StringType)
            .add("input_row", DataTypes.LongType)
            .add("stage", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("value", DataTypes.DoubleType)
            .add("key", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType), null);

    /**
     * One row per account and goal (docs/accounts.md): the account's people and sessions, its first
     * and last touch, and its conversions of the goal (those the conversions table holds for the
     * run's dates), revenue and days from first touch to first conversion. Counted over the run's
     * input, by the account pass.
     */
    public static final TableSpec ACCOUNTS = new TableSpec("accounts", new StructType()
            .add("account_id", DataTypes.StringType)
            .add("people", DataTypes.LongType)
            .add("sessions", DataTypes.LongType)
            .add("first_touch_time", DataTypes.TimestampType)
            .add("first_touch_channel", DataTypes.StringType)
            .add("last_touch_time", DataTypes.TimestampType)
            .add("last_touch_channel", DataTypes.StringType)
            .add("goal", DataTypes.StringType)
            .add("conversions", DataTypes.LongType)
            .add("revenue", DataTypes.DoubleType)
            .add("first_conversion_time", DataTypes.TimestampType)
            .add("days_to_first_conversion", DataTypes.DoubleType), null);

    public static final TableSpec FUNNEL_PROGRESS = new TableSpec("funnel_progress", FunnelUnits.SCHEMA, "entered_date");

    public static final TableSpec FUNNEL_STEPS = new TableSpec("funnel_steps", FunnelSteps.STEPS_SCHEMA, null);

    /**
     * Not a public table: the person pass's record of each unit's best attempt, one row per reached
     * step (seconds since the previous step, null for step 1), staged only, never committed. For a
     * run that replaces every date of funnel_progress the pass's best attempt is the unit's best
     * over the whole output, so funnel_steps is counted from these few files instead of reading
     * funnel_progress back (a file per task and date). Its name has no leading underscore: Spark
     * would take a folder named so for a hidden one and warn that it ignores it.
     */
    public static final TableSpec FUNNEL_BEST = new TableSpec("funnel_best_steps", new StructType()
            .add("funnel", DataTypes.StringType)
            .add("breakdown", DataTypes.StringType)
            .add("pos", DataTypes.IntegerType)
            .add("seconds", DataTypes.DoubleType), null);

    public static final TableSpec FUNNEL_TRENDS = new TableSpec("funnel_trends", FunnelSteps.TRENDS_SCHEMA, "date");

    private Tables() {
    }

    /**
     * {@code model_comparison}: goal, channel, the channel's cost, then per model (by its column key)
     * conversions, revenue, CPA and ROAS, then every model but last against last.
     */
    public static TableSpec modelComparison(List<AttributionModel> models, Map<String, String> keys) {
        StructType s = new StructType().add("goal", DataTypes.StringType).add("channel", DataTypes.StringType)
                .add("cost", DataTypes.DoubleType);
        for (AttributionModel m : models) {
            String key = keys.get(m.name());
            s = s.add(key + "_conversions", DataTypes.DoubleType).add(key + "_revenue", DataTypes.DoubleType)
                    .add(key + "_cpa", DataTypes.DoubleType).add(key + "_roas", DataTypes.DoubleType);
        }
        String last = keys.get("last");
        for (AttributionModel m : models) {
            String key = keys.get(m.name());
            if (!key.equals(last)) {
                s = s.add(key + "_conversions_vs_last", DataTypes.DoubleType).add(key + "_revenue_vs_last", DataTypes.DoubleType);
            }
        }
        return new TableSpec("model_comparison", s, null);
    }
}
