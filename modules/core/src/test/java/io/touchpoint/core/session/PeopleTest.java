package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.rules;
import static io.touchpoint.core.session.TestEvents.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.ingest.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PeopleTest {

    private static People observe(Event... events) {
        People p = new People();
        for (Event e : events) {
            p.observe(e);
        }
        return p;
    }

    @Test
    void visitorNeverSeenWithAUserIsItsOwnPerson() {
        People p = observe(hit("10:00").visitor("anon").build());
        assertThat(p.personOf("anon")).isEqualTo("anon");
        assertThat(p.personOf("never-seen")).isEqualTo("never-seen");
    }

    @Test
    void latestUserIdByTimeWinsWhateverTheInputOrder() {
        Event alice = hit("10:00").user("alice").build();
        Event bob = hit("10:30").user("bob").build();
        Event anonymousLater = hit("11:00").build();
        assertThat(observe(alice, bob, anonymousLater).personOf("v1")).isEqualTo("bob");
        assertThat(observe(anonymousLater, bob, alice).personOf("v1")).isEqualTo("bob");
    }

    @Test
    void equalTimesAreOrderedByEventIdThenFileAndLine() {
        Event a = hit("10:00").id("e1").user("alice").build();
        Event b = hit("10:00").id("e2").user("bob").build();
        assertThat(observe(a, b).personOf("v1")).isEqualTo("bob");
        assertThat(observe(b, a).personOf("v1")).isEqualTo("bob");

        Event c = hit("10:00").id(null).user("carol").line(7).build();
        Event d = hit("10:00").id(null).user("dave").line(9).build();
        assertThat(observe(d, c).personOf("v1")).isEqualTo("dave");
        assertThat(observe(c, d).personOf("v1")).isEqualTo("dave");
    }

    @Test
    void orderUsedForLatest() {
        List<Event> events = new ArrayList<>(List.of(
                hit("10:00").id("b").line(1).build(),
                hit("10:00").id(null).line(2).build(),
                hit("09:00").id("z").line(3).build(),
                hit("10:00").id("a").line(4).build(),
                hit("10:00").id("a").line(0).build()));
        Collections.reverse(events);
        events.sort(People.EVENT_ORDER);
        assertThat(events).extracting(e -> e.eventId() + "@" + e.line())
                .containsExactly("z@3", "null@2", "a@0", "a@4", "b@1");
    }

    /** The cross-device example of docs/sessions.md. */
    @Test
    void personAppliesToTheWholeHistoryOfTheVisitor() {
        SessionPipeline.Result r = run(rules(),
                hit("09:00").visitor("v1"),
                hit("09:05").visitor("v1").user("alice"),
                hit("12:00").visitor("v2"),
                hit("12:01").visitor("v2").user("alice"),
                hit("13:00").visitor("v3"),
                hit("14:00").visitor("v4").user("alice"),
                hit("14:20").visitor("v4").user("bob"));
        Map<String, String> personOfEvent = new TreeMap<>();
        r.events().forEach(e -> personOfEvent.put(e.event().visitorId() + " " + e.event().eventId(), e.personId()));
        assertThat(personOfEvent).containsExactly(
                Map.entry("v1 e-09:00", "alice"),
                Map.entry("v1 e-09:05", "alice"),
                Map.entry("v2 e-12:00", "alice"),
                Map.entry("v2 e-12:01", "alice"),
                Map.entry("v3 e-13:00", "v3"),
                Map.entry("v4 e-14:00", "bob"),
                Map.entry("v4 e-14:20", "bob"));
        assertThat(r.sessions()).extracting(s -> s.visitorId() + ":" + s.personId())
                .containsExactly("v1:alice", "v2:alice", "v3:v3", "v4:bob");
        // user_id itself is left as recorded
        assertThat(r.events()).extracting(e -> e.event().userId())
                .containsExactly(null, "alice", null, "alice", null, "alice", "bob");
    }

    @Test
    void loginInALaterSessionRelabelsEarlierSessions() {
        SessionPipeline.Result r = run(rules(),
                hit("2024-05-01T08:00:00Z"), hit("10:00"), hit("2024-05-20T10:00:00Z").user("u42"));
        assertThat(r.sessions()).hasSize(3);
        assertThat(r.sessions()).extracting(Session::personId).containsOnly("u42");
        assertThat(r.events()).extracting(SessionizedEvent::personId).containsOnly("u42");
    }
}
