package io.touchpoint.core.session;

import io.touchpoint.core.ingest.Event;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Stitches visitors into people: a visitor's person is the latest user_id seen on it (ties broken
 * by event_id, then input position), which claims that visitor's whole history; a visitor never
 * seen with a user_id is a person of its own.
 */
public final class People {
    /** The order "latest" means; the Spark binding uses the same keys. */
    public static final Comparator<Event> EVENT_ORDER = Comparator
            .comparingLong(Event::eventTimeMicros)
            .thenComparing(Event::eventId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Event::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Event::line);

    private final Map<String, Event> latestWithUser = new HashMap<>();

    /** Feed every accepted event (any order). */
    public void observe(Event e) {
        if (e.userId() != null) {
            latestWithUser.merge(e.visitorId(), e, (a, b) -> EVENT_ORDER.compare(a, b) >= 0 ? a : b);
        }
    }

    public String personOf(String visitorId) {
        Event e = latestWithUser.get(visitorId);
        return e == null ? visitorId : e.userId();
    }
}
