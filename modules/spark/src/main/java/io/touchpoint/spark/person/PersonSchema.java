package io.touchpoint.spark.person;

import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.funnel.FunnelUnits;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The person pass's output: one stream of conversions (kind V), credits (R), funnel progress (P)
 * and per-partition totals (N). Its columns are the attribution columns, then the funnel_progress
 * columns, then {@code best} (P: the unit's best entry day in this pass) and the totals' counts.
 */
public final class PersonSchema {
    public static final String PROGRESS = "P";
    public static final String TOTALS = "N";

    private static final int ATTRIBUTION = AttributionSchema.SCHEMA.size();
    private static final int FUNNEL = FunnelUnits.SCHEMA.size();

    public static final StructType SCHEMA;

    static {
        StructType s = AttributionSchema.SCHEMA;
        for (StructField f : FunnelUnits.SCHEMA.fields()) {
            s = s.add(f.name(), f.dataType(), true);
        }
        SCHEMA = s.add("best", DataTypes.BooleanType)
                .add("session_count", DataTypes.LongType)
                .add("conversion_count", DataTypes.LongType);
    }

    private PersonSchema() {
    }

    /** The values (for {@link io.touchpoint.spark.rows.OutRows}) of a conversion or credit row from its {@link AttributionSchema} values. */
    static Object[] attribution(Object[] values) {
        Object[] all = new Object[SCHEMA.size()];
        System.arraycopy(values, 0, all, 0, values.length);
        return all;
    }

    /** The values of a funnel_progress row from its {@link FunnelUnits#SCHEMA} values. */
    static Object[] progress(Object[] values, boolean best) {
        Object[] all = new Object[SCHEMA.size()];
        all[0] = PROGRESS;
        System.arraycopy(values, 0, all, ATTRIBUTION, values.length);
        all[ATTRIBUTION + FUNNEL] = best;
        return all;
    }

    /** The values of what one partition of the pass saw: its sessions and conversions (for counts without another job). */
    static Object[] totals(long sessions, long conversions) {
        Object[] all = new Object[SCHEMA.size()];
        all[0] = TOTALS;
        all[ATTRIBUTION + FUNNEL + 1] = sessions;
        all[ATTRIBUTION + FUNNEL + 2] = conversions;
        return all;
    }
}
