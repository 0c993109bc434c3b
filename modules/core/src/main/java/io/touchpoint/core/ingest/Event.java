package io.touchpoint.core.ingest;

import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;

/**
 * An accepted, validated event with its own traffic source.
 *
 * @param eventTimeMicros UTC epoch microseconds
 * @param revenue null when the event carries none
 * @param orderId the order a purchase belongs to, when the input has one
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
        String file,
        long line) implements Serializable {
}
