package io.touchpoint.core.session;

import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.ChannelRules;
import io.touchpoint.core.traffic.SourceResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds events for the session and conversion tests. The traffic source of each event is resolved
 * by the real {@link SourceResolver} from its page URL and referrer, as ingestion does.
 */
final class TestEvents {
    static final String SITE = "https://shop.example.com";
    /** A payment provider listed in internal-hosts: returning from it is not a new traffic source. */
    static final String PSP = "https://pay.example-psp.com/return";
    static final String GOOGLE = "https://www.google.com/";
    static final LocalDate DAY = LocalDate.of(2024, 5, 14);
    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final SourceResolver RESOLVER = new SourceResolver(List.of("pay.example-psp.com"));

    private static int nextLine = 1;

    private TestEvents() {
    }

    /** Default rules (reference.conf): 30 min, split on source change, no midnight split, UTC. */
    static SessionRules rules() {
        return rules(Duration.ofMinutes(30), true, false, UTC);
    }

    static SessionRules rules(Duration timeout, boolean splitOnSourceChange, boolean splitAtMidnight, ZoneId zone) {
        return new SessionRules(new SessionConfig(timeout, splitOnSourceChange, splitAtMidnight,
                List.of("pay.example-psp.com"), true), zone, ChannelRules.ga4Default());
    }

    /** Default rules with these conversion goals (a HOCON list, as in touchpoint.conversions.goals). */
    static SessionRules rules(ZoneId zone, String goals) {
        return new SessionRules(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true), zone,
                ChannelRules.ga4Default(), io.touchpoint.core.conversion.TestGoals.parse(goals));
    }

    static SessionRules rules(String goals) {
        return rules(UTC, goals);
    }

    /**
     * An event at {@code time}: either a time of day on {@link #DAY} in UTC ("10:00", "10:29:59.999")
     * or a full instant ("2024-05-15T00:10:00Z"). Defaults: visitor v1, event id "e-" + time, page
     * {@code SITE + "/"}, no referrer (so direct), no user, a page_view without revenue or order id.
     */
    static Hit hit(String time) {
        return new Hit(time);
    }

    static long micros(String time) {
        Instant i = time.contains("T") ? Instant.parse(time) : DAY.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
        return io.touchpoint.core.time.Micros.of(i);
    }

    static SessionPipeline.Result run(SessionRules rules, Hit... hits) {
        List<Event> events = new ArrayList<>();
        for (Hit h : hits) {
            events.add(h.build());
        }
        return SessionPipeline.run(events, rules);
    }

    /** For each event of the result (in output order), the 1-based number of its session within its visitor. */
    static List<Integer> sessionNumbers(SessionPipeline.Result r) {
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, Integer> perVisitor = new HashMap<>();
        List<Integer> out = new ArrayList<>();
        for (SessionizedEvent e : r.events()) {
            out.add(numbers.computeIfAbsent(e.sessionId(),
                    id -> perVisitor.merge(e.event().visitorId(), 1, Integer::sum)));
        }
        return out;
    }

    /** "source / medium / campaign" of a session. */
    static String sourceOf(Session s) {
        return s.source().source() + " / " + s.source().medium() + " / " + s.source().campaign();
    }

    static final class Hit {
        private final String time;
        private String visitor = "v1";
        private String id;
        private String user;
        private String name = "page_view";
        private String page = SITE + "/";
        private String referrer;
        private Double revenue;
        private String order;
        private String file = "events.csv";
        private long line = nextLine++;
        private SourceResolver resolver = RESOLVER;

        private Hit(String time) {
            this.time = time;
            this.id = "e-" + time;
        }

        Hit visitor(String v) {
            visitor = v;
            return this;
        }

        Hit id(String i) {
            id = i;
            return this;
        }

        Hit user(String u) {
            user = u;
            return this;
        }

        Hit name(String n) {
            name = n;
            return this;
        }

        Hit revenue(Double r) {
            revenue = r;
            return this;
        }

        Hit order(String o) {
            order = o;
            return this;
        }

        /** A purchase of {@code amount} on /thanks. */
        Hit purchase(double amount) {
            return name("purchase").page("/thanks").revenue(amount);
        }

        /** A path ("/cart?utm_source=x") on the site, or a full URL. */
        Hit page(String p) {
            page = p.startsWith("/") ? SITE + p : p;
            return this;
        }

        /** A full URL, or a path on the site (an internal referrer). */
        Hit ref(String r) {
            referrer = r != null && r.startsWith("/") ? SITE + r : r;
            return this;
        }

        /** Resolve with another resolver (e.g. other internal hosts). */
        Hit resolver(SourceResolver r) {
            resolver = r;
            return this;
        }

        Hit line(long l) {
            line = l;
            return this;
        }

        Event build() {
            return new Event(id, micros(time), visitor, user, name, page, referrer,
                    resolver.resolve(page, referrer, null, null, null, null, null), revenue, "Mozilla/5.0", order, null, file,
                    line);
        }
    }
}
