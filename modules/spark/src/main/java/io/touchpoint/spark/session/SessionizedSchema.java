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
 * date, and its session columns describe the converting session.
 */
public final class SessionizedSchema {
    public static final String EVENT = "E";
    public static final String SESSION = "S";
    public static final String CONVERSION = "C";

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("session_id", DataTypes.StringType)
            .add("visitor_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType)
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
            .add("goal", DataTypes.StringType);

    /** Columns of the public {@code events} table, partition column last. */
    public static final String[] EVENTS_COLUMNS = {"event_id", "event_time", "visitor_id", "user_id", "person_id",
        "session_id", "event_name", "page_url", "referrer_url", "source", "medium", "campaign", "term", "content",
        "revenue", "order_id", "user_agent", "event_date"};

    /** Columns of the public {@code sessions} table, partition column last. */
    public static final String[] SESSIONS_COLUMNS = {"session_id", "visitor_id", "person_id", "session_start",
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

    /** An event row's values (times as epoch microseconds), for {@link io.touchpoint.spark.rows.OutRows}. */
    static Object[] eventValues(SessionizedEvent se) {
        Event e = se.event();
        TrafficSource s = e.source();
        return new Object[] {EVENT, se.sessionId(), e.visitorId(), se.personId(), e.eventId(),
                e.eventTimeMicros(), e.userId(), e.eventName(), e.pageUrl(), e.referrerUrl(),
                s.source(), s.medium(), s.campaign(), s.term(), s.content(), e.revenue(), e.userAgent(), e.orderId(),
                se.eventDate(), null, null, null, null, se.channel(), null, null, null, null, null};
    }

    static Object[] sessionValues(Session x) {
        TrafficSource s = x.source();
        return new Object[] {SESSION, x.sessionId(), x.visitorId(), x.personId(), null, null, null, null, null,
                x.referrerUrl(), s.source(), s.medium(), s.campaign(), s.term(), s.content(), x.revenue(), null, null,
                null, x.startMicros(), x.endMicros(), x.eventCount(),
                x.landingUrl(), x.channel(), x.isDirect(), x.conversions(), x.sessionDate(), null, null};
    }

    static Object[] conversionValues(Conversion c) {
        Touchpoint t = c.session();
        return new Object[] {CONVERSION, t.sessionId(), c.visitorId(), c.personId(), c.eventId(),
                c.timeMicros(), null, null, null, null, t.source(), t.medium(), t.campaign(), null,
                null, c.value(), null, c.orderId(), c.conversionDate(), t.timeMicros(), null, null,
                null, t.channel(), null, null, null, c.conversionId(), c.goal()};
    }
}
