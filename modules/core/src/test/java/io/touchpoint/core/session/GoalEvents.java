package io.touchpoint.core.session;

import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.conversion.TestGoals;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.ChannelRules;
import io.touchpoint.core.traffic.SourceResolver;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Events with a name, revenue and order id, for the conversion tests of the sessioniser. */
final class GoalEvents {
    static final String SITE = "https://shop.example.com";
    private static final SourceResolver RESOLVER = new SourceResolver(List.of());
    private static int nextLine = 1;

    private GoalEvents() {
    }

    /** Default session rules (30 min, split on source change) with these goals (HOCON list). */
    static SessionRules rules(ZoneId zone, String goals) {
        return new SessionRules(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true), zone,
                ChannelRules.ga4Default(), TestGoals.parse(goals));
    }

    static SessionRules rules(String goals) {
        return rules(TestEvents.UTC, goals);
    }

    static SessionPipeline.Result run(SessionRules rules, Ev... events) {
        return SessionPipeline.run(Arrays.stream(events).map(Ev::build).toList(), rules);
    }

    /** A page_view at {@code time} ("10:00" on 2024-05-14 UTC, or an instant), visitor v1, id "e-" + time, page SITE + "/". */
    static Ev ev(String time) {
        return new Ev(time);
    }

    static final class Ev {
        private final String time;
        private String visitor = "v1";
        private String id;
        private String user;
        private String name = "page_view";
        private String page = SITE + "/";
        private String referrer;
        private Double revenue;
        private String order;
        private long line = nextLine++;

        private Ev(String time) {
            this.time = time;
            this.id = "e-" + time;
        }

        Ev visitor(String v) {
            visitor = v;
            return this;
        }

        Ev id(String i) {
            id = i;
            return this;
        }

        Ev user(String u) {
            user = u;
            return this;
        }

        Ev name(String n) {
            name = n;
            return this;
        }

        /** A path on the site, or a full URL. */
        Ev page(String p) {
            page = p.startsWith("/") ? SITE + p : p;
            return this;
        }

        Ev ref(String r) {
            referrer = r;
            return this;
        }

        Ev revenue(Double r) {
            revenue = r;
            return this;
        }

        Ev order(String o) {
            order = o;
            return this;
        }

        /** A purchase of {@code amount} on /thanks. */
        Ev purchase(double amount) {
            return name("purchase").page("/thanks").revenue(amount);
        }

        Event build() {
            return new Event(id, TestEvents.micros(time), visitor, user, name, page, referrer,
                    RESOLVER.resolve(page, referrer, null, null, null, null, null), revenue, "Mozilla/5.0", order,
                    "events.csv", line);
        }
    }
}
