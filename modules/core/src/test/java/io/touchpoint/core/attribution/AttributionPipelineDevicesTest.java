package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.defaults;
import static io.touchpoint.core.attribution.AttributionFixtures.sessionIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.conversion.TestGoals;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionPipeline;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.core.traffic.ChannelRules;
import io.touchpoint.core.traffic.SourceResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sessionise events of two devices of one person (and a stranger), then attribute. */
class AttributionPipelineDevicesTest {
    private static final String SITE = "https://shop.example.com";
    private static final SourceResolver RESOLVER = new SourceResolver(List.of());
    private final List<Event> events = new ArrayList<>();

    private void hit(String visitor, String user, String time, String eventName, String page, String referrer) {
        Instant i = Instant.parse(time);
        events.add(new Event(visitor + "-" + time, i.getEpochSecond() * 1_000_000L, visitor, user, eventName, SITE + page,
                referrer, RESOLVER.resolve(SITE + page, referrer, null, null, null, null, null),
                eventName.equals("purchase") ? 80.0 : null, "Mozilla/5.0", null, null, "events.csv", events.size() + 1));
    }

    @Test
    void journeySpansBothDevicesOfThePersonAndNoOneElse() {
        hit("laptop", null, "2024-06-20T09:00:00Z", "page_view", "/shoes", "https://www.google.com/");
        hit("phone", "u1", "2024-06-25T20:00:00Z", "page_view", "/?utm_source=news&utm_medium=email&utm_campaign=june",
                null);
        hit("stranger", null, "2024-06-26T10:00:00Z", "page_view", "/?utm_source=fb&utm_medium=paid_social", null);
        hit("laptop", "u1", "2024-06-30T11:00:00Z", "page_view", "/cart", null);
        hit("stranger", null, "2024-06-30T11:10:00Z", "purchase", "/thanks", null);
        hit("laptop", "u1", "2024-06-30T11:20:00Z", "purchase", "/thanks", null);
        SessionRules rules = new SessionRules(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true),
                ZoneOffset.UTC, ChannelRules.ga4Default(), TestGoals.parse("[ { name = purchase, event-name = purchase } ]"));
        SessionPipeline.Result sessionised = SessionPipeline.run(events, rules);
        Map<String, String> names = sessionised.sessions().stream().collect(Collectors.toMap(Session::sessionId,
                s -> s.visitorId() + "@" + Instant.ofEpochSecond(s.startMicros() / 1_000_000L).toString().substring(5, 10)));

        List<AttributionPipeline.Attributed> out = AttributionPipeline.run(sessionised.sessions(),
                sessionised.conversions(), defaults());

        Map<String, AttributionPipeline.Attributed> byPerson = out.stream()
                .collect(Collectors.toMap(a -> a.conversion().personId(), Function.identity()));
        assertThat(byPerson).containsOnlyKeys("u1", "stranger");
        AttributionPipeline.Attributed u1 = byPerson.get("u1");
        assertThat(sessionIds(u1.journey())).extracting(names::get)
                .containsExactly("laptop@06-20", "phone@06-25", "laptop@06-30");
        assertThat(u1.journey().touchpoints()).extracting(Touchpoint::channel)
                .containsExactly("Organic Search", "Email", "Direct");
        assertThat(u1.journey().value()).isEqualTo(80.0);
        assertThat(u1.credits().get(0)).containsExactly(1.0, 0.0, 0.0);
        assertThat(sessionIds(byPerson.get("stranger").journey())).extracting(names::get)
                .containsExactly("stranger@06-26", "stranger@06-30");
    }
}
