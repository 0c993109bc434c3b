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
 * quarantined, skipped), where it came from, and for accepted rows the event's columns.
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
            .add("order_id", DataTypes.StringType);

    private ParsedSchema() {
    }

    /** Normalises one record into a row of {@link #SCHEMA}; the raw text is kept only when not accepted. */
    public static Row toRow(RawRecord r, EventNormalizer normalizer) {
        EventNormalizer.Outcome o = normalizer.normalize(r);
        if (o.problem() != null) {
            String status = o.problem().disposition() == RawRecord.Disposition.QUARANTINED ? QUARANTINED : SKIPPED;
            return RowFactory.create(status, o.problem().reason(), o.problem().detail(), raw(r), r.file(), r.line(),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        Event e = o.event();
        TrafficSource s = e.source();
        return RowFactory.create(ACCEPTED, null, null, null, r.file(), r.line(),
                e.eventId(), instant(e.eventTimeMicros()), e.visitorId(), e.userId(), e.eventName(), e.pageUrl(),
                e.referrerUrl(), s.source(), s.medium(), s.campaign(), s.term(), s.content(), e.revenue(), e.userAgent(),
                e.orderId());
    }

    /** The record as read; for Parquet rows (read as columns, not text) their canonical columns as JSON. */
    private static String raw(RawRecord r) {
        if (r.raw() != null || r.fields() == null) {
            return r.raw();
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        for (io.touchpoint.core.ingest.CanonicalColumn c : io.touchpoint.core.ingest.CanonicalColumn.ALL) {
            if (r.field(c) != null) {
                o.put(c.columnName(), r.field(c));
            }
        }
        return o.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The accepted row as a core event (for sessionisation). */
    public static Event toEvent(Row r) {
        return new Event(r.getString(6), micros(r.getAs(7)), r.getString(8), r.getString(9), r.getString(10),
                r.getString(11), r.getString(12),
                new TrafficSource(r.getString(13), r.getString(14), r.getString(15), r.getString(16), r.getString(17)),
                r.isNullAt(18) ? null : r.getDouble(18), r.getString(19), r.getString(20), r.getString(4), r.getLong(5));
    }

    public static Instant instant(long micros) {
        return io.touchpoint.core.time.Micros.toInstant(micros);
    }

    public static long micros(Instant i) {
        return io.touchpoint.core.time.Micros.of(i);
    }
}
