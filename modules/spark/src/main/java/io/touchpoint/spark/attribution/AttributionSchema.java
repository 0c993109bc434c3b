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
    /** What a row of the stream is; its {@link #code} is the {@code kind} column's value. */
    public enum Kind {
        CONVERSION("V"), CREDIT("R");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final String CONVERSION = Kind.CONVERSION.code();
    public static final String CREDIT = Kind.CREDIT.code();

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("conversion_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("goal", DataTypes.StringType)
            .add("conversion_time", DataTypes.TimestampType)
            .add("revenue", DataTypes.DoubleType)
            .add("session_id", DataTypes.StringType)
            .add("touchpoint_person_id", DataTypes.StringType)
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
            .add("crm_stage", DataTypes.StringType)
            .add("self_reported_channel", DataTypes.StringType)
            .add("conversion_date", DataTypes.DateType);

    /** Columns of the public {@code conversions} table, partition column last. */
    public static final String[] CONVERSIONS_COLUMNS = {"conversion_id", "person_id", "account_id", "goal", "conversion_time",
        "revenue", "session_id", "touchpoint_count", "visitor_id", "event_id", "order_id", "crm_stage", "self_reported_channel",
        "conversion_date"};

    /** Columns of the public {@code attribution_credit} table, partition column last. */
    public static final String[] CREDIT_COLUMNS = {"conversion_id", "person_id", "account_id", "goal", "conversion_time", "model",
        "touchpoint_index", "touchpoint_count", "session_id", "touchpoint_person_id", "touch_time", "channel", "source", "medium", "campaign",
        "credit", "revenue_credit", "conversion_date"};

    /**
     * The {@code journeys} table (docs/tables.md): every journey of every goal, converting (one per
     * conversion) or not (docs/data-driven.md), partition column last.
     */
    public static final StructType JOURNEYS = new StructType()
            .add("goal", DataTypes.StringType)
            .add("person_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("journey_id", DataTypes.StringType)
            .add("converted", DataTypes.BooleanType)
            .add("conversion_id", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("touchpoints", DataTypes.IntegerType)
            .add("channel_path", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("first_touch_time", DataTypes.TimestampType)
            .add("last_touch_time", DataTypes.TimestampType)
            .add("days_to_convert", DataTypes.DoubleType)
            .add("journey_date", DataTypes.DateType);

    private AttributionSchema() {
    }

    private static final io.touchpoint.spark.rows.Layout J = io.touchpoint.spark.rows.Layout.of(JOURNEYS);
    private static final int J_GOAL = J.at("goal");
    private static final int J_PERSON = J.at("person_id");
    private static final int J_ACCOUNT = J.at("account_id");
    private static final int J_ID = J.at("journey_id");
    private static final int J_CONVERTED = J.at("converted");
    private static final int J_CONVERSION = J.at("conversion_id");
    private static final int J_VALUE = J.at("value");
    private static final int J_TOUCHPOINTS = J.at("touchpoints");
    private static final int J_PATH = J.at("channel_path");
    private static final int J_FIRST = J.at("first_touch_time");
    private static final int J_LAST = J.at("last_touch_time");
    private static final int J_DAYS = J.at("days_to_convert");
    private static final int J_DATE = J.at("journey_date");

    /**
     * A row of {@link #JOURNEYS}.
     *
     * @param c the conversion, or null for a journey that did not convert
     * @param journeyId the conversion's id, or the non-converting journey's
     * @param date the conversion's date, or the local date of the journey's last touch
     */
    static Object[] journeyRow(String goal, String personId, String accountId, String journeyId, Conversion c,
                               java.util.List<Touchpoint> touchpoints, java.time.LocalDate date) {
        Object[] v = new Object[JOURNEYS.size()];
        v[J_GOAL] = goal;
        v[J_PERSON] = personId;
        v[J_ACCOUNT] = accountId;
        v[J_ID] = journeyId;
        v[J_CONVERTED] = c != null;
        v[J_TOUCHPOINTS] = touchpoints.size();
        java.util.List<String> path = new java.util.ArrayList<>(touchpoints.size());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Touchpoint t : touchpoints) {
            path.add(t.channel());
            first = Math.min(first, t.timeMicros());
            last = Math.max(last, t.timeMicros());
        }
        v[J_PATH] = path;
        v[J_FIRST] = first;
        v[J_LAST] = last;
        if (c != null) {
            v[J_CONVERSION] = c.conversionId();
            v[J_VALUE] = c.value();
            v[J_DAYS] = (c.timeMicros() - first) / 86_400e6;
        }
        v[J_DATE] = date;
        return v;
    }

    private static final io.touchpoint.spark.rows.Layout L = io.touchpoint.spark.rows.Layout.of(SCHEMA);
    private static final int KIND = L.at("kind");
    private static final int CONVERSION_ID = L.at("conversion_id");
    private static final int PERSON_ID = L.at("person_id");
    private static final int ACCOUNT_ID = L.at("account_id");
    private static final int TOUCHPOINT_PERSON_ID = L.at("touchpoint_person_id");
    private static final int GOAL = L.at("goal");
    private static final int CONVERSION_TIME = L.at("conversion_time");
    private static final int REVENUE = L.at("revenue");
    private static final int SESSION_ID = L.at("session_id");
    private static final int TOUCHPOINT_COUNT = L.at("touchpoint_count");
    private static final int VISITOR_ID = L.at("visitor_id");
    private static final int EVENT_ID = L.at("event_id");
    private static final int ORDER_ID = L.at("order_id");
    private static final int MODEL = L.at("model");
    private static final int TOUCHPOINT_INDEX = L.at("touchpoint_index");
    private static final int TOUCH_TIME = L.at("touch_time");
    private static final int CHANNEL = L.at("channel");
    private static final int SOURCE = L.at("source");
    private static final int MEDIUM = L.at("medium");
    private static final int CAMPAIGN = L.at("campaign");
    private static final int CREDIT_VALUE = L.at("credit");
    private static final int REVENUE_CREDIT = L.at("revenue_credit");
    private static final int CONVERSION_DATE = L.at("conversion_date");
    private static final int CRM_STAGE = L.at("crm_stage");
    private static final int SELF_REPORTED_CHANNEL = L.at("self_reported_channel");

    /**
     * The columns a conversion and its credits share.
     *
     * @param account the account of the conversion's unit (docs/accounts.md), or null
     */
    private static Object[] conversion(Kind kind, Conversion c, Journey j, String account) {
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = kind.code();
        v[CONVERSION_ID] = c.conversionId();
        v[PERSON_ID] = c.personId();
        v[ACCOUNT_ID] = account;
        v[GOAL] = c.goal();
        v[CONVERSION_TIME] = c.timeMicros();
        v[TOUCHPOINT_COUNT] = j.touchpoints().size();
        v[CONVERSION_DATE] = c.conversionDate();
        return v;
    }

    /** @param crmStage the CRM stage of a CRM conversion, null for a web one */
    static Object[] conversionRow(Conversion c, Journey j, String crmStage, String account) {
        Object[] v = conversion(Kind.CONVERSION, c, j, account);
        v[REVENUE] = c.value();
        v[SESSION_ID] = c.session() == null ? null : c.session().sessionId();
        v[CRM_STAGE] = crmStage;
        v[SELF_REPORTED_CHANNEL] = j.selfReportedChannel();
        v[VISITOR_ID] = c.visitorId();
        v[EVENT_ID] = c.eventId();
        v[ORDER_ID] = c.orderId();
        return v;
    }

    static Object[] creditRow(Conversion c, Journey j, String model, int index, double credit, String account) {
        Touchpoint t = j.touchpoints().get(index);
        Object[] v = conversion(Kind.CREDIT, c, j, account);
        v[SESSION_ID] = t.sessionId();
        v[TOUCHPOINT_PERSON_ID] = t.personId();
        v[MODEL] = model;
        v[TOUCHPOINT_INDEX] = index + 1;
        v[TOUCH_TIME] = t.timeMicros();
        v[CHANNEL] = t.channel();
        v[SOURCE] = t.source();
        v[MEDIUM] = t.medium();
        v[CAMPAIGN] = t.campaign();
        v[CREDIT_VALUE] = credit;
        v[REVENUE_CREDIT] = credit * c.value();
        return v;
    }

    /**
     * The credit a model gives the journey's self-reported channel beyond its touchpoints
     * ({@code AttributionModel.offJourneyCredit}): a credit row with that channel and no touchpoint
     * (index, session, time, source, medium and campaign null).
     */
    static Object[] offJourneyRow(Conversion c, Journey j, String model, double credit, String account) {
        Object[] v = conversion(Kind.CREDIT, c, j, account);
        v[MODEL] = model;
        v[CHANNEL] = j.selfReportedChannel();
        v[CREDIT_VALUE] = credit;
        v[REVENUE_CREDIT] = credit * c.value();
        return v;
    }
}
