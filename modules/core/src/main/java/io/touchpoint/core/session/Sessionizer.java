package io.touchpoint.core.session;

import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.TrafficSource;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Cuts a stream of events into sessions in one pass, holding only the open session.
 *
 * <p>Feed it the events of any number of visitors, grouped by visitor and, within a visitor,
 * ordered by (event_time, event_id). Each event goes to the sink at once with its session id;
 * each session goes to the sink when it closes. Rows repeating an event_id already seen for the
 * same visitor are dropped and counted ({@link #duplicates()}). Events matching a conversion goal
 * go to the sink as conversions too, and are counted in their session; a repeat of the same
 * order_id and goal by the same visitor is not a new conversion. Not thread-safe: one per task.
 */
public final class Sessionizer {

    /** Receives the results as they are known. */
    public interface Sink {
        void event(SessionizedEvent event);

        void session(Session session);

        /** A conversion, emitted right after its event. */
        default void conversion(Conversion conversion) {
        }
    }

    private final SessionRules rules;
    private final Sink sink;
    private Set<String> seenIds = new HashSet<>();
    private final Set<String> seenOrders = new HashSet<>();
    private final Set<String> conversionKeys = new HashSet<>();
    private final List<Goal> goals;
    private long duplicates;
    /** The local date of the last event's day: consecutive events mostly share it. */
    private long dateDay = Long.MIN_VALUE;
    private LocalDate date;

    // The open session; visitor == null before the first event.
    private String visitor;
    private String person;
    /** Session and conversion ids (one digest for the whole pass). */
    private final io.touchpoint.core.util.NameUuids ids = new io.touchpoint.core.util.NameUuids();
    private String sessionId;
    private String channel;
    private TrafficSource sessionSource;
    private long start;
    private long last;
    private long lastDay;
    private long count;
    private String landingUrl;
    private String referrerUrl;
    private long sameStartOrdinal;
    private long conversions;
    private double revenue;

    public Sessionizer(SessionRules rules, Sink sink) {
        this.rules = rules;
        this.sink = sink;
        this.goals = rules.goals().all();
    }

    /**
     * @param personId the person the visitor belongs to (see {@link People})
     */
    public void accept(Event e, String personId) {
        boolean newVisitor = !e.visitorId().equals(visitor);
        if (newVisitor) {
            finish();
            // A set that held a large visitor's ids keeps its table, and clearing a table costs its
            // size: start small again rather than pay that for every later visitor.
            if (seenIds.size() > 1024) {
                seenIds = new HashSet<>();
            } else {
                seenIds.clear();
            }
            seenOrders.clear();
            conversionKeys.clear();
            visitor = e.visitorId();
            sameStartOrdinal = 0;
        }
        if (e.eventId() != null && !seenIds.add(e.eventId())) {
            duplicates++;
            return;
        }
        long t = e.eventTimeMicros();
        long day = rules.epochDay(t);
        if (newVisitor || rules.startsNewSession(last, sessionSource, lastDay, t, e.source(), day)) {
            if (!newVisitor) {
                emitSession();
            }
            sameStartOrdinal = !newVisitor && t == start ? sameStartOrdinal + 1 : 0;
            person = personId;
            start = t;
            count = 0;
            conversions = 0;
            revenue = 0;
            sessionSource = e.source();
            landingUrl = e.pageUrl();
            referrerUrl = e.referrerUrl();
            sessionId = ids.of(sessionKey(visitor, start, sameStartOrdinal));
            channel = rules.channelOf(sessionSource);
        }
        last = t;
        lastDay = day;
        count++;
        if (day != dateDay) {
            date = LocalDate.ofEpochDay(day);
            dateDay = day;
        }
        sink.event(new SessionizedEvent(e, sessionId, person, date, channel));
        for (int i = 0, n = goals.size(); i < n; i++) { // no iterator per event
            Goal g = goals.get(i);
            if (g.matches(e.eventName(), e.pageUrl())
                    && (e.orderId() == null || seenOrders.add(g.name() + '\u0000' + e.orderId()))) {
                double value = g.valueOf(e.revenue());
                conversions++;
                revenue += value;
                sink.conversion(new Conversion(conversionId(e, g.name()), g.name(), visitor, person, e.eventId(),
                        e.orderId(), t, value, new Touchpoint(sessionId, start, channel,
                        sessionSource.source(), sessionSource.medium(), sessionSource.campaign(), person), date));
            }
        }
    }

    /** Closes the open session; call once after the last event. */
    public void finish() {
        if (visitor != null && count > 0) {
            emitSession();
        }
        count = 0;
    }

    /** Rows dropped so far because their event_id repeated one of the same visitor. */
    public long duplicates() {
        return duplicates;
    }

    private void emitSession() {
        sink.session(new Session(sessionId, visitor, person, start, last, count, landingUrl, referrerUrl,
                sessionSource, channel, rules.localDate(start), conversions, revenue));
        count = 0;
    }

    /** Stable like session ids; a counter separates identical keys (same time, no event_id). */
    private String conversionId(Event e, String goal) {
        String key = visitor + '|' + e.eventTimeMicros() + '|' + (e.eventId() == null ? "" : e.eventId()) + '|' + goal;
        int n = 0;
        while (!conversionKeys.add(key + (n == 0 ? "" : "|" + n))) {
            n++;
        }
        return ids.of(key + (n == 0 ? "" : "|" + n));
    }

    /**
     * A stable id: the same visitor and start always give the same id, so reruns over the same
     * data reproduce it. The ordinal separates sessions of one visitor starting at the same time.
     */
    static String sessionId(String visitorId, long startMicros, long ordinal) {
        return UUID.nameUUIDFromBytes(sessionKey(visitorId, startMicros, ordinal).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String sessionKey(String visitorId, long startMicros, long ordinal) {
        return visitorId + '|' + startMicros + (ordinal == 0 ? "" : "|" + ordinal);
    }
}
