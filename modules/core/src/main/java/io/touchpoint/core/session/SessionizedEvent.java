package io.touchpoint.core.session;

import io.touchpoint.core.ingest.Event;
import java.io.Serializable;
import java.time.LocalDate;

/** An accepted event with the session (and its channel) and person it belongs to, and its local date. */
public record SessionizedEvent(Event event, String sessionId, String personId, LocalDate eventDate, String channel)
        implements Serializable {
}
