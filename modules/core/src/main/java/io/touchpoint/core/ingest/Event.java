package io.touchpoint.core.ingest;

import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;

/**
 * An accepted, validated event with its own traffic source.
 *
 * @param eventTimeMicros UTC epoch microseconds
 * @param revenue null when the event carries none
 * @param orderId the order a purchase belongs to, when the input has one
 * @param accountId the account this event claims for its person: the input's {@code account_id},
 *     else the accounts file's account of its raw user or visitor id; null when neither names one.
 *     A company id, not personal data: never pseudonymised
 * @param selfReportedChannel the channel of the event's answer to "How did you hear about us?"
 *     ({@code touchpoint.self-reported.column}, mapped by the self-reported rules), or null
 * @param file input file, for a deterministic order of events with equal time and id
 * @param line line or row number within {@code file}
 */
public record Event(
        String eventId,
        long eventTimeMicros,
        String visitorId,
        String userId,
        String eventName,
        String pageUrl,
        String referrerUrl,
        TrafficSource source,
        Double revenue,
        String userAgent,
        String orderId,
        String accountId,
        String selfReportedChannel,
        String file,
        long line) implements Serializable {

    /** An event without a self-reported answer. */
    public Event(String eventId, long eventTimeMicros, String visitorId, String userId, String eventName, String pageUrl,
                 String referrerUrl, TrafficSource source, Double revenue, String userAgent, String orderId, String accountId,
                 String file, long line) {
        this(eventId, eventTimeMicros, visitorId, userId, eventName, pageUrl, referrerUrl, source, revenue, userAgent, orderId,
                accountId, null, file, line);
    }
}
