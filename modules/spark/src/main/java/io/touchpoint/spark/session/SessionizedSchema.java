package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.col;

import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.core.traffic.TrafficSource;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one-pass sessioniser emits events, sessions and conversions in a single stream (so the
 * sorted pass runs once); {@code kind} tells them apart and the selects below cut out the tables.
 * Shared columns: an event row's {@code channel} is its session's; a session row's {@code revenue} is its conversion value; a conversion row's
 * {@code event_time}, {@code revenue} and {@code event_date} are the conversion's time, value and
 * date, and its session columns describe the converting session. A CRM row ({@link #crmValues}) is
 * a conversion row with a {@code crm_stage}: no session, no goal (the person pass knows which goals
 * count its stage), its value in {@code revenue} (null: none). Every row of a visitor carries the
 * visitor's account in {@code account_id} ({@link #withAccount}).
 */
public final class SessionizedSchema {
    /** What a row of the stream is; its {@link #code} is the {@code kind} column's value. */
    public enum Kind {
        EVENT("E"), SESSION("S"), CONVERSION("C");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final String EVENT = Kind.EVENT.code();
    public static final String SESSION = Kind.SESSION.code();
    public static final String CONVERSION = Kind.CONVERSION.code();

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("session_id", DataTypes.StringType)
            .add("visitor_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("event_id", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("user_id", DataTypes.StringType)
            .add("event_name", DataTypes.StringType)
            .add("page_url", DataTypes.StringType)
            .add("referrer_url", DataTypes.StringType)
            .add("source", DataTypes.StringType)
            .add("medium", DataTypes.StringType)
            .add("campaign", DataTypes.StringType)
            .add("term", DataTypes.StringType)
            .add("content", DataTypes.StringType)
            .add("revenue", DataTypes.DoubleType)
            .add("user_agent", DataTypes.StringType)
            .add("order_id", DataTypes.StringType)
            .add("device_category", DataTypes.StringType)
            .add("browser_family", DataTypes.StringType)
            .add("event_date", DataTypes.DateType)
            .add("session_start", DataTypes.TimestampType)
            .add("session_end", DataTypes.TimestampType)
            .add("event_count", DataTypes.LongType)
            .add("landing_url", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("is_direct", DataTypes.BooleanType)
            .add("conversions", DataTypes.LongType)
            .add("session_date", DataTypes.DateType)
            .add("conversion_id", DataTypes.StringType)
            .add("goal", DataTypes.StringType)
            // A CRM row (kind C with a stage): its stage, its number in the run's CRM input, its answer's channel.
            .add("crm_stage", DataTypes.StringType)
            .add("crm_row", DataTypes.LongType)
            .add("self_reported", DataTypes.StringType);

    /** Columns of the public {@code events} table, partition column last. */
    public static final String[] EVENTS_COLUMNS = {"event_id", "event_time", "visitor_id", "user_id", "person_id",
        "account_id", "session_id", "event_name", "page_url", "referrer_url", "source", "medium", "campaign", "term", "content",
        "revenue", "order_id", "user_agent", "device_category", "browser_family", "event_date"};

    /** Columns of the public {@code sessions} table, partition column last. */
    public static final String[] SESSIONS_COLUMNS = {"session_id", "visitor_id", "person_id", "account_id", "session_start",
        "session_end", "event_count", "landing_url", "referrer_url", "source", "medium", "campaign", "term",
        "content", "channel", "is_direct", "conversions", "revenue", "session_date"};

    private SessionizedSchema() {
    }

    public static Column[] columns(String[] names) {
        Column[] c = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = col(names[i]);
        }
        return c;
    }

    private static final io.touchpoint.spark.rows.Layout L = io.touchpoint.spark.rows.Layout.of(SCHEMA);
    private static final int KIND = L.at("kind");
    private static final int SESSION_ID = L.at("session_id");
    private static final int VISITOR_ID = L.at("visitor_id");
    private static final int PERSON_ID = L.at("person_id");
    private static final int ACCOUNT_ID = L.at("account_id");
    private static final int EVENT_ID = L.at("event_id");
    private static final int EVENT_TIME = L.at("event_time");
    private static final int USER_ID = L.at("user_id");
    private static final int EVENT_NAME = L.at("event_name");
    private static final int PAGE_URL = L.at("page_url");
    private static final int REFERRER_URL = L.at("referrer_url");
    private static final int SOURCE = L.at("source");
    private static final int MEDIUM = L.at("medium");
    private static final int CAMPAIGN = L.at("campaign");
    private static final int TERM = L.at("term");
    private static final int CONTENT = L.at("content");
    private static final int REVENUE = L.at("revenue");
    private static final int USER_AGENT = L.at("user_agent");
    private static final int ORDER_ID = L.at("order_id");
    private static final int DEVICE_CATEGORY = L.at("device_category");
    private static final int BROWSER_FAMILY = L.at("browser_family");
    private static final int EVENT_DATE = L.at("event_date");
    private static final int SESSION_START = L.at("session_start");
    private static final int SESSION_END = L.at("session_end");
    private static final int EVENT_COUNT = L.at("event_count");
    private static final int LANDING_URL = L.at("landing_url");
    private static final int CHANNEL = L.at("channel");
    private static final int IS_DIRECT = L.at("is_direct");
    private static final int CONVERSIONS = L.at("conversions");
    private static final int SESSION_DATE = L.at("session_date");
    private static final int CONVERSION_ID = L.at("conversion_id");
    private static final int GOAL = L.at("goal");
    private static final int CRM_STAGE = L.at("crm_stage");
    private static final int CRM_ROW = L.at("crm_row");
    private static final int SELF_REPORTED = L.at("self_reported");

    /**
     * {@code values} (a row of any kind) with its visitor's account: the latest account the visitor's
     * events claim (docs/accounts.md), or null. Returns the same array.
     */
    public static Object[] withAccount(Object[] values, String accountId) {
        values[ACCOUNT_ID] = accountId;
        return values;
    }

    private static void source(Object[] v, TrafficSource s) {
        v[SOURCE] = s.source();
        v[MEDIUM] = s.medium();
        v[CAMPAIGN] = s.campaign();
    }

    /**
     * An event row's values (times as epoch microseconds), for {@link io.touchpoint.spark.rows.OutRows}.
     *
     * @param agent the analysis of the event's user agent ({@link io.touchpoint.core.ingest.BotDetector#agent}), or null
     */
    static Object[] eventValues(SessionizedEvent se, io.touchpoint.core.ingest.BotDetector.Agent agent) {
        Event e = se.event();
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = EVENT;
        v[SESSION_ID] = se.sessionId();
        v[VISITOR_ID] = e.visitorId();
        v[PERSON_ID] = se.personId();
        v[EVENT_ID] = e.eventId();
        v[EVENT_TIME] = e.eventTimeMicros();
        v[USER_ID] = e.userId();
        v[EVENT_NAME] = e.eventName();
        v[PAGE_URL] = e.pageUrl();
        v[REFERRER_URL] = e.referrerUrl();
        source(v, e.source());
        v[TERM] = e.source().term();
        v[CONTENT] = e.source().content();
        v[REVENUE] = e.revenue();
        v[USER_AGENT] = e.userAgent();
        v[ORDER_ID] = e.orderId();
        if (agent != null) {
            v[DEVICE_CATEGORY] = agent.deviceCategory();
            v[BROWSER_FAMILY] = agent.browserFamily();
        }
        v[EVENT_DATE] = se.eventDate();
        v[CHANNEL] = se.channel();
        return v;
    }

    static Object[] sessionValues(Session x) {
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = SESSION;
        v[SESSION_ID] = x.sessionId();
        v[VISITOR_ID] = x.visitorId();
        v[PERSON_ID] = x.personId();
        v[REFERRER_URL] = x.referrerUrl();
        source(v, x.source());
        v[TERM] = x.source().term();
        v[CONTENT] = x.source().content();
        v[REVENUE] = x.revenue();
        v[SESSION_START] = x.startMicros();
        v[SESSION_END] = x.endMicros();
        v[EVENT_COUNT] = x.eventCount();
        v[LANDING_URL] = x.landingUrl();
        v[CHANNEL] = x.channel();
        v[IS_DIRECT] = x.isDirect();
        v[CONVERSIONS] = x.conversions();
        v[SESSION_DATE] = x.sessionDate();
        return v;
    }

    /**
     * An answer row (docs/channels.md, self-reported answers from the events): a conversion row
     * without a goal or CRM stage, carrying the channel of an event's answer to "How did you hear
     * about us?" in {@code self_reported}, from which on it is its person's latest answer.
     */
    static Object[] answerValues(SessionizedEvent se) {
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = CONVERSION;
        v[SESSION_ID] = se.sessionId();
        v[VISITOR_ID] = se.event().visitorId();
        v[PERSON_ID] = se.personId();
        v[EVENT_ID] = se.event().eventId();
        v[EVENT_TIME] = se.event().eventTimeMicros();
        v[EVENT_DATE] = se.eventDate();
        v[SELF_REPORTED] = se.event().selfReportedChannel();
        return v;
    }

    /** {@code values} with the channel of the converting event's own answer (null: none). Returns the same array. */
    static Object[] withAnswer(Object[] values, String channel) {
        values[SELF_REPORTED] = channel;
        return values;
    }

    static Object[] conversionValues(Conversion c) {
        Touchpoint t = c.session();
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = CONVERSION;
        v[SESSION_ID] = t.sessionId();
        v[VISITOR_ID] = c.visitorId();
        v[PERSON_ID] = c.personId();
        v[EVENT_ID] = c.eventId();
        v[EVENT_TIME] = c.timeMicros();
        v[SOURCE] = t.source();
        v[MEDIUM] = t.medium();
        v[CAMPAIGN] = t.campaign();
        v[REVENUE] = c.value();
        v[ORDER_ID] = c.orderId();
        v[EVENT_DATE] = c.conversionDate();
        v[SESSION_START] = t.timeMicros();
        v[CHANNEL] = t.channel();
        v[CONVERSION_ID] = c.conversionId();
        v[GOAL] = c.goal();
        return v;
    }

    /**
     * A CRM row's values (times as epoch microseconds, the date as epoch days).
     *
     * @param row its number in the run's CRM input
     * @param personId the person it belongs to
     * @param visitorId the visitor it was matched through, or null
     * @param epochDay the local date of its time in the input time zone
     */
    public static Object[] crmValues(io.touchpoint.core.crm.CrmRecord r, long row, String personId, String visitorId,
                                     int epochDay) {
        Object[] v = new Object[SCHEMA.size()];
        v[KIND] = CONVERSION;
        v[PERSON_ID] = personId;
        v[VISITOR_ID] = visitorId;
        v[EVENT_TIME] = r.timeMicros();
        v[REVENUE] = r.value();
        v[EVENT_DATE] = epochDay;
        v[CONVERSION_ID] = r.id();
        v[CRM_STAGE] = r.stage();
        v[CRM_ROW] = row;
        v[SELF_REPORTED] = r.selfReportedChannel();
        return v;
    }
}
