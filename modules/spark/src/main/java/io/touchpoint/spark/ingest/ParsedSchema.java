package io.touchpoint.spark.ingest;

import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.RawRecord;
import io.touchpoint.core.traffic.TrafficSource;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The row every input record becomes after parsing and validation: its disposition (accepted,
 * quarantined, skipped), where it came from ({@code input_file} for rows not accepted, the file's
 * rank and the line for all), and for accepted rows the event's columns.
 */
public final class ParsedSchema {
    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String SKIPPED = "skipped";

    public static final StructType SCHEMA = new StructType()
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("raw", DataTypes.StringType)
            .add("input_file", DataTypes.StringType)
            .add("input_line", DataTypes.LongType, false)
            .add("event_id", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("visitor_id", DataTypes.StringType)
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
            // The account the event claims (its own account_id, else the accounts file's): a company id, never pseudonymised.
            .add("account_id", DataTypes.StringType)
            // The channel of the event's self-reported answer (touchpoint.self-reported.column); the free text is kept nowhere.
            .add("self_reported", DataTypes.StringType)
            .add("input_file_rank", DataTypes.IntegerType, false);

    /**
     * The columns sessionisation needs, in this order: everything of the event, with the input file
     * as its rank among the input's files (a few bytes instead of a path per row, and the same order).
     */
    public static final String[] EVENT_COLUMNS = {"event_id", "event_time", "visitor_id", "user_id", "event_name",
        "page_url", "referrer_url", "source", "medium", "campaign", "term", "content", "revenue", "user_agent",
        "order_id", "account_id", "self_reported", "input_file_rank", "input_line"};

    private ParsedSchema() {
    }

    /** Position of {@code event_time} in {@link #SCHEMA}. */
    static final int EVENT_TIME = SCHEMA.fieldIndex("event_time");

    /**
     * Normalises one record into a row of {@link #SCHEMA}; the raw text is kept only when quarantined.
     *
     * @param fileRank the record's file's place among the input's files sorted by path ({@link FileRanks})
     * @param carried which long text columns an accepted row keeps
     */
    public static Row toRow(RawRecord r, EventNormalizer normalizer, int fileRank, CarriedColumns carried) {
        Object[] v = values(r, normalizer, fileRank, carried);
        if (v[EVENT_TIME] != null) {
            v[EVENT_TIME] = instant((Long) v[EVENT_TIME]);
        }
        return RowFactory.create(v);
    }

    /** The values of {@link #toRow}, in {@link #SCHEMA} order, with the event time as epoch microseconds. */
    static Object[] values(RawRecord r, EventNormalizer normalizer, int fileRank, CarriedColumns carried) {
        EventNormalizer.Outcome o = normalizer.normalize(r);
        if (o.problem() != null) {
            String status = o.problem().disposition() == RawRecord.Disposition.QUARANTINED ? QUARANTINED : SKIPPED;
            // Only the quarantine table shows the record; building it for skipped rows (bots) cost 6% of ingest.
            Object[] v = new Object[SCHEMA.size()];
            v[STATUS] = status;
            v[REASON] = o.problem().reason();
            v[DETAIL] = o.problem().detail();
            v[RAW] = status.equals(QUARANTINED) ? normalizer.quarantinedRaw(r, raw(r)) : null;
            v[INPUT_FILE] = r.file();
            v[INPUT_LINE] = r.line();
            v[INPUT_FILE_RANK] = fileRank;
            return v;
        }
        Event e = o.event();
        TrafficSource s = e.source();
        // An accepted row's file travels as its rank: only the quarantine table shows paths, and
        // encoding a path per row into Spark's binary row cost more than the rank lookup.
        Object[] v = new Object[SCHEMA.size()];
        v[STATUS] = ACCEPTED;
        v[REASON] = o.adjusted(); // an accepted row's reason says what was adjusted, if anything (counted by ingest)
        v[INPUT_LINE] = r.line();
        v[EVENT_ID] = e.eventId();
        v[EVENT_TIME] = e.eventTimeMicros();
        v[VISITOR_ID] = e.visitorId();
        v[USER_ID] = e.userId();
        v[EVENT_NAME] = e.eventName();
        v[PAGE_URL] = carried.pageUrl() ? e.pageUrl() : null;
        v[REFERRER_URL] = carried.referrerUrl() ? e.referrerUrl() : null;
        v[SOURCE] = s.source();
        v[MEDIUM] = s.medium();
        v[CAMPAIGN] = s.campaign();
        v[TERM] = s.term();
        v[CONTENT] = s.content();
        v[REVENUE] = e.revenue();
        v[USER_AGENT] = carried.userAgent() ? e.userAgent() : null;
        v[ORDER_ID] = e.orderId();
        v[ACCOUNT_ID] = e.accountId();
        v[SELF_REPORTED] = e.selfReportedChannel();
        v[INPUT_FILE_RANK] = fileRank;
        return v;
    }

    private static final io.touchpoint.spark.rows.Layout L = io.touchpoint.spark.rows.Layout.of(SCHEMA);
    private static final int STATUS = L.at("status");
    private static final int REASON = L.at("reason");
    private static final int DETAIL = L.at("detail");
    private static final int RAW = L.at("raw");
    private static final int INPUT_FILE = L.at("input_file");
    private static final int INPUT_LINE = L.at("input_line");
    private static final int EVENT_ID = L.at("event_id");
    private static final int VISITOR_ID = L.at("visitor_id");
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
    private static final int ACCOUNT_ID = L.at("account_id");
    private static final int SELF_REPORTED = L.at("self_reported");
    private static final int INPUT_FILE_RANK = L.at("input_file_rank");

    /** The record as read; for Parquet rows (read as columns, not text) their canonical columns as JSON. */
    private static String raw(RawRecord r) {
        if (r.raw() != null || r.fields() == null) {
            return r.raw();
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        for (io.touchpoint.core.ingest.CanonicalColumn c : io.touchpoint.core.ingest.CanonicalColumn.ALL) {
            if (r.field(c) != null) {
                o.put(c.columnName(), r.field(c));
            } else if (c == io.touchpoint.core.ingest.CanonicalColumn.EVENT_TIME && r.timeMicros() != null) {
                o.put(c.columnName(), RAW_TIME.format(instant(r.timeMicros())));
            }
        }
        return o.toString();
    }

    /** A typed event time in the raw JSON as Spark prints a timestamp in UTC, as text inputs keep it. */
    private static final java.time.format.DateTimeFormatter RAW_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(java.time.ZoneOffset.UTC);

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static Instant instant(long micros) {
        return io.touchpoint.core.time.Micros.toInstant(micros);
    }

    public static long micros(Instant i) {
        return io.touchpoint.core.time.Micros.of(i);
    }
}
