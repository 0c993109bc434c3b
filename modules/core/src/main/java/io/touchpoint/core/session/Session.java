package io.touchpoint.core.session;

import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One visit: consecutive events of a visitor, as cut by {@link SessionRules}.
 *
 * @param startMicros first event's time, UTC epoch microseconds
 * @param endMicros last event's time
 * @param sessionDate local date of the start in the input time zone (the table's partition)
 * @param source the traffic source of the first event
 * @param channel the channel group of {@code source}
 * @param conversions conversions (of any goal) that happened in the session
 * @param revenue their summed conversion value
 */
public record Session(
        String sessionId,
        String visitorId,
        String personId,
        long startMicros,
        long endMicros,
        long eventCount,
        String landingUrl,
        String referrerUrl,
        TrafficSource source,
        String channel,
        LocalDate sessionDate,
        long conversions,
        double revenue) implements Serializable {

    public boolean isDirect() {
        return source.isDirect();
    }
}
