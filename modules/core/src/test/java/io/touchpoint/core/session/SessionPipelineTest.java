package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.GOOGLE;
import static io.touchpoint.core.session.TestEvents.PSP;
import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.ingest.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionPipelineTest {

    /** Several visitors, logins, duplicates, equal times, a source change and a midnight crossing. */
    private static List<Event> sample() {
        return List.of(
                hit("09:00").visitor("v2").ref(GOOGLE).build(),
                hit("09:10").visitor("v2").user("alice").build(),
                hit("09:10").visitor("v2").id("e-09:10").build(), // duplicate
                hit("10:00").visitor("v1").id("a").ref(GOOGLE).build(),
                hit("10:00").visitor("v1").id("b").page("/?utm_source=newsletter&utm_medium=email&utm_campaign=x").build(),
                hit("10:00").visitor("v1").id(null).build(),
                hit("10:04").visitor("v1").ref(PSP).build(),
                hit("10:40").visitor("v1").user("bob").build(),
                hit("23:50").visitor("v3").build(),
                hit("2024-05-15T00:10:00Z").visitor("v3").build(),
                hit("2024-05-15T00:15:00Z").visitor("v3").user("alice").build(),
                hit("2024-05-15T00:15:00Z").visitor("v3").id("e-2024-05-15T00:10:00Z").build()); // duplicate
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void unsortedInputGivesTheSameResultAsSorted(long seed) {
        SessionRules rules = rules(Duration.ofMinutes(30), true, true, TestEvents.UTC);
        List<Event> events = sample();
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(Event::visitorId).thenComparing(People.EVENT_ORDER));
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(shuffled).isNotEqualTo(sorted);
        assertThat(SessionPipeline.run(shuffled, rules)).isEqualTo(SessionPipeline.run(sorted, rules));
    }

    @Test
    void sampleResult() {
        SessionPipeline.Result r = SessionPipeline.run(sample(), rules(Duration.ofMinutes(30), true, true,
                TestEvents.UTC));
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.events()).hasSize(10);
        // v1: null id sorts first at 10:00 (direct), then a (google) splits, then b (newsletter) splits;
        // 10:04 from the payment provider continues; 10:40 is 36 min later
        assertThat(r.sessions()).extracting(s -> s.visitorId() + " " + s.personId() + " " + TestEvents.sourceOf(s)
                + " x" + s.eventCount() + " " + s.sessionDate()).containsExactly(
                "v1 bob (direct) / (none) / (not set) x1 2024-05-14",
                "v1 bob google / organic / (not set) x1 2024-05-14",
                "v1 bob newsletter / email / x x2 2024-05-14",
                "v1 bob (direct) / (none) / (not set) x1 2024-05-14",
                "v2 alice google / organic / (not set) x2 2024-05-14",
                "v3 alice (direct) / (none) / (not set) x1 2024-05-14",
                "v3 alice (direct) / (none) / (not set) x2 2024-05-15");
    }

    @Test
    void emptyInput() {
        SessionPipeline.Result r = SessionPipeline.run(List.of(), rules());
        assertThat(r.events()).isEmpty();
        assertThat(r.sessions()).isEmpty();
        assertThat(r.duplicates()).isZero();
    }
}
