package io.touchpoint.spark.attribution;

import io.touchpoint.core.attribution.Journey;
import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.conversion.Conversion;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The person pass emits conversions (kind V) and credits (kind R) in one stream; the selects cut
 * out the {@code conversions} and {@code attribution_credit} tables.
 */
public final class AttributionSchema {
    public static final String CONVERSION = "V";
    public static final String CREDIT = "R";

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("conversion_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType)
            .add("goal", DataTypes.StringType)
            .add("conversion_time", DataTypes.TimestampType)
            .add("revenue", DataTypes.DoubleType)
            .add("session_id", DataTypes.StringType)
            .add("touchpoint_count", DataTypes.IntegerType)
            .add("visitor_id", DataTypes.StringType)
            .add("event_id", DataTypes.StringType)
            .add("order_id", DataTypes.StringType)
            .add("model", DataTypes.StringType)
            .add("touchpoint_index", DataTypes.IntegerType)
            .add("touch_time", DataTypes.TimestampType)
            .add("channel", DataTypes.StringType)
            .add("source", DataTypes.StringType)
            .add("medium", DataTypes.StringType)
            .add("campaign", DataTypes.StringType)
            .add("credit", DataTypes.DoubleType)
            .add("revenue_credit", DataTypes.DoubleType)
            .add("conversion_date", DataTypes.DateType);

    /** Columns of the public {@code conversions} table, partition column last. */
    public static final String[] CONVERSIONS_COLUMNS = {"conversion_id", "person_id", "goal", "conversion_time",
        "revenue", "session_id", "touchpoint_count", "visitor_id", "event_id", "order_id", "conversion_date"};

    /** Columns of the public {@code attribution_credit} table, partition column last. */
    public static final String[] CREDIT_COLUMNS = {"conversion_id", "person_id", "goal", "conversion_time", "model",
        "touchpoint_index", "touchpoint_count", "session_id", "touch_time", "channel", "source", "medium", "campaign",
        "credit", "revenue_credit", "conversion_date"};

    private AttributionSchema() {
    }

    static Object[] conversionRow(Conversion c, Journey j) {
        return values(CONVERSION, c.conversionId(), c.personId(), c.goal(), c.timeMicros(),
                c.value(), c.session().sessionId(), j.touchpoints().size(), c.visitorId(), c.eventId(), c.orderId(),
                null, null, null, null, null, null, null, null, null, c.conversionDate());
    }

    static Object[] creditRow(Conversion c, Journey j, String model, int index, double credit) {
        Touchpoint t = j.touchpoints().get(index);
        return values(CREDIT, c.conversionId(), c.personId(), c.goal(), c.timeMicros(),
                null, t.sessionId(), j.touchpoints().size(), null, null, null, model, index + 1,
                t.timeMicros(), t.channel(), t.source(), t.medium(), t.campaign(), credit,
                credit * c.value(), c.conversionDate());
    }

    private static Object[] values(Object... v) {
        return v;
    }
}
