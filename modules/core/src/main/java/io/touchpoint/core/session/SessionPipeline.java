package io.touchpoint.core.session;

import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.ingest.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessionisation of an in-memory list of events: the reference the Spark binding is tested
 * against, and a convenient way to sessionise small data without Spark.
 */
public final class SessionPipeline {
    private SessionPipeline() {
    }

    /** What sessionisation produced. */
    public record Result(List<SessionizedEvent> events, List<Session> sessions, List<Conversion> conversions,
                         long duplicates) {
    }

    public static Result run(List<Event> accepted, SessionRules rules) {
        People people = new People();
        accepted.forEach(people::observe);
        List<Event> sorted = new ArrayList<>(accepted);
        sorted.sort(java.util.Comparator.comparing(Event::visitorId).thenComparing(People.EVENT_ORDER));
        List<SessionizedEvent> events = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        List<Conversion> conversions = new ArrayList<>();
        Sessionizer s = new Sessionizer(rules, new Sessionizer.Sink() {
            @Override
            public void event(SessionizedEvent e) {
                events.add(e);
            }

            @Override
            public void session(Session session) {
                sessions.add(session);
            }

            @Override
            public void conversion(Conversion conversion) {
                conversions.add(conversion);
            }
        });
        for (Event e : sorted) {
            s.accept(e, people.personOf(e.visitorId()));
        }
        s.finish();
        return new Result(List.copyOf(events), List.copyOf(sessions), List.copyOf(conversions), s.duplicates());
    }
}
