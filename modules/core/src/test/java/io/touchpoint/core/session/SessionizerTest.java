package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.GOOGLE;
import static io.touchpoint.core.session.TestEvents.SITE;
import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.micros;
import static io.touchpoint.core.session.TestEvents.rules;
import static io.touchpoint.core.session.TestEvents.run;
import static io.touchpoint.core.session.TestEvents.sessionNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.TrafficSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionizerTest {

    /** Records the sink calls in order: "E:<event id>" and "S:<event count>". */
    private static final class Recorder implements Sessionizer.Sink {
        final List<String> calls = new ArrayList<>();
        final List<Session> sessions = new ArrayList<>();
        final List<SessionizedEvent> events = new ArrayList<>();

        @Override
        public void event(SessionizedEvent e) {
            calls.add("E:" + e.event().eventId());
            events.add(e);
        }

        @Override
        public void session(Session s) {
            calls.add("S:" + s.visitorId() + "x" + s.eventCount());
            sessions.add(s);
        }
    }

    // ---- session attributes ---------------------------------------------------------------------

    @Test
    void attributesComeFromTheFirstEventAndTheTimesFromFirstAndLast() {
        String landing = SITE + "/shoes";
        String referrer = "https://www.google.com/search?q=red+shoes";
        SessionPipeline.Result r = run(rules(),
                hit("10:00").page("/shoes").ref(referrer),
                hit("10:10").page("/cart"),
                hit("10:20").page("/checkout").ref("/cart"));
        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.visitorId()).isEqualTo("v1");
        assertThat(s.personId()).isEqualTo("v1");
        assertThat(s.startMicros()).isEqualTo(micros("10:00"));
        assertThat(s.endMicros()).isEqualTo(micros("10:20"));
        assertThat(s.eventCount()).isEqualTo(3);
        assertThat(s.landingUrl()).isEqualTo(landing);
        assertThat(s.referrerUrl()).isEqualTo(referrer);
        assertThat(s.source()).isEqualTo(new TrafficSource("google", "organic", "(not set)", "red shoes", null));
        assertThat(s.channel()).isEqualTo("Organic Search");
        assertThat(s.isDirect()).isFalse();
        assertThat(s.sessionDate()).isEqualTo(LocalDate.of(2024, 5, 14));
        assertThat(s.sessionId()).isEqualTo(Sessionizer.sessionId("v1", micros("10:00"), 0));
        assertThat(r.events()).extracting(SessionizedEvent::sessionId).containsOnly(s.sessionId());
    }

    @Test
    void utmSessionKeepsTermAndContent() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").page("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=boots"
                        + "&utm_content=hero"),
                hit("10:01").page("/boots"));
        Session s = r.sessions().get(0);
        assertThat(s.source()).isEqualTo(new TrafficSource("newsletter", "email", "spring", "boots", "hero"));
        assertThat(s.channel()).isEqualTo("Email");
        assertThat(s.referrerUrl()).isNull();
    }

    @ParameterizedTest(name = "{0} / {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "/                                                 | -                          | (direct) / (none) / (not set)         | Direct         | true",
        "/                                                 | /                          | (direct) / (none) / (not set)         | Direct         | true",
        "/                                                 | https://www.google.com/    | google / organic / (not set)          | Organic Search | false",
        "/?gclid=x                                         | https://www.google.com/    | google / cpc / (not set)              | Paid Search    | false",
        "/                                                 | https://www.facebook.com/  | facebook.com / referral / (not set)   | Organic Social | false",
        "/                                                 | https://blog.example.net/a | blog.example.net / referral / (not set) | Referral     | false",
        "/?utm_source=newsletter&utm_medium=email          | -                          | newsletter / email / (not set)        | Email          | false",
        "/?utm_source=partner&utm_medium=affiliate&utm_campaign=x | -                   | partner / affiliate / x               | Affiliates     | false",
    })
    void channelAndDirectFlag(String page, String referrer, String source, String channel, boolean direct) {
        Session s = run(rules(), hit("10:00").page(page).ref(referrer)).sessions().get(0);
        assertThat(TestEvents.sourceOf(s)).isEqualTo(source);
        assertThat(s.channel()).isEqualTo(channel);
        assertThat(s.isDirect()).isEqualTo(direct);
    }

    @Test
    void eachEventCarriesItsOwnLocalDate() {
        SessionPipeline.Result r = run(rules(java.time.Duration.ofHours(8), true, false, TestEvents.NEW_YORK),
                hit("2024-05-15T03:30:00Z"), hit("2024-05-15T04:30:00Z"), hit("2024-05-15T05:30:00Z"));
        assertThat(r.sessions()).hasSize(1);
        assertThat(r.sessions().get(0).sessionDate()).isEqualTo(LocalDate.of(2024, 5, 14));
        assertThat(r.events()).extracting(SessionizedEvent::eventDate).containsExactly(
                LocalDate.of(2024, 5, 14), LocalDate.of(2024, 5, 15), LocalDate.of(2024, 5, 15));
    }

    // ---- streaming contract ---------------------------------------------------------------------

    @Test
    void eventsGoOutAtOnceAndSessionsWhenTheyClose() {
        Recorder sink = new Recorder();
        Sessionizer s = new Sessionizer(rules(), sink);
        s.accept(hit("10:00").id("a1").build(), "v1");
        s.accept(hit("10:05").id("a2").build(), "v1");
        assertThat(sink.calls).containsExactly("E:a1", "E:a2");
        s.accept(hit("11:00").id("a3").build(), "v1");
        assertThat(sink.calls).containsExactly("E:a1", "E:a2", "S:v1x2", "E:a3");
        s.accept(hit("09:00").visitor("v2").id("b1").build(), "v2");
        s.finish();
        s.finish();
        assertThat(sink.calls).containsExactly("E:a1", "E:a2", "S:v1x2", "E:a3", "S:v1x1", "E:b1", "S:v2x1");
        assertThat(sink.sessions).extracting(Session::personId).containsExactly("v1", "v1", "v2");
    }

    @Test
    void finishWithoutEventsEmitsNothing() {
        Recorder sink = new Recorder();
        Sessionizer s = new Sessionizer(rules(), sink);
        s.finish();
        assertThat(sink.calls).isEmpty();
        assertThat(s.duplicates()).isZero();
    }

    @Test
    void aNewVisitorAlwaysStartsANewSession() {
        // same time, same source: still two sessions, one per visitor
        SessionPipeline.Result r = run(rules(), hit("10:00").visitor("a"), hit("10:00").visitor("b"));
        assertThat(r.sessions()).extracting(Session::visitorId).containsExactly("a", "b");
        assertThat(r.sessions().get(0).sessionId()).isNotEqualTo(r.sessions().get(1).sessionId());
    }

    // ---- session ids ----------------------------------------------------------------------------

    @Test
    void sessionIdIsANameBasedUuidOfVisitorAndStart() {
        assertThat(micros("10:00")).isEqualTo(1_715_680_800_000_000L);
        assertThat(Sessionizer.sessionId("v1", 1_715_680_800_000_000L, 0))
                .isEqualTo("ed42c6c8-b463-3b35-ac89-f22393737a9b");
        assertThat(Sessionizer.sessionId("v1", 1_715_680_800_000_000L, 1))
                .isEqualTo("d5dd30ff-8422-39c0-bb1a-7ae1f78aae84");
        assertThat(Sessionizer.sessionId("v1", 1_715_680_800_000_000L, 2))
                .isEqualTo("40d29471-a22b-32e2-bf46-803cdd395d32");
    }

    @Test
    void sessionIdsAreReproducibleAndIndependentOfOtherVisitors() {
        Event[] v1 = {hit("10:00").ref(GOOGLE).build(), hit("10:05").build(), hit("11:00").build()};
        List<String> alone = SessionPipeline.run(List.of(v1), rules()).sessions().stream()
                .map(Session::sessionId).toList();
        List<String> again = SessionPipeline.run(List.of(v1), rules()).sessions().stream()
                .map(Session::sessionId).toList();
        List<Event> withOthers = new ArrayList<>(List.of(v1));
        withOthers.add(hit("09:00").visitor("a0").build());
        withOthers.add(hit("10:00").visitor("v0").build());
        withOthers.add(hit("10:00").visitor("v2").build());
        List<String> mixed = SessionPipeline.run(withOthers, rules()).sessions().stream()
                .filter(s -> s.visitorId().equals("v1")).map(Session::sessionId).toList();
        assertThat(alone).containsExactly(
                "ed42c6c8-b463-3b35-ac89-f22393737a9b", Sessionizer.sessionId("v1", micros("11:00"), 0));
        assertThat(again).isEqualTo(alone);
        assertThat(mixed).isEqualTo(alone);
    }

    @Test
    void sessionsStartingAtTheSameMicrosecondGetDistinctIds() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1").ref(GOOGLE),
                hit("10:00").id("e2").page("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring"),
                hit("10:00").id("e3").ref("https://www.facebook.com/"),
                hit("10:01").id("e4"));
        assertThat(sessionNumbers(r)).containsExactly(1, 2, 3, 3);
        assertThat(r.sessions()).extracting(Session::sessionId).containsExactly(
                "ed42c6c8-b463-3b35-ac89-f22393737a9b",
                "d5dd30ff-8422-39c0-bb1a-7ae1f78aae84",
                "40d29471-a22b-32e2-bf46-803cdd395d32");
        assertThat(r.sessions()).extracting(Session::eventCount).containsExactly(1L, 1L, 2L);
    }

    @Test
    void ordinalRestartsForALaterStart() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1").ref(GOOGLE),
                hit("10:00").id("e2").ref("https://www.facebook.com/"),
                hit("10:05").id("e3").ref(GOOGLE));
        assertThat(r.sessions()).extracting(Session::sessionId).containsExactly(
                Sessionizer.sessionId("v1", micros("10:00"), 0),
                Sessionizer.sessionId("v1", micros("10:00"), 1),
                Sessionizer.sessionId("v1", micros("10:05"), 0));
    }

    // ---- duplicates -----------------------------------------------------------------------------

    @Test
    void repeatedEventIdOfTheSameVisitorIsDroppedAndCounted() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1"), hit("10:05").id("e2"), hit("10:05").id("e2"));
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.events()).extracting(e -> e.event().eventId()).containsExactly("e1", "e2");
        assertThat(r.sessions().get(0).eventCount()).isEqualTo(2);
    }

    @Test
    void duplicatesDoNotAffectSessions() {
        // if kept, the late retry of e1 would start a second session (gap 55 min) and the e2 copy
        // with a new campaign would split by source
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1").ref(GOOGLE),
                hit("10:05").id("e2"),
                hit("10:06").id("e2").page("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring"),
                hit("11:00").id("e1"));
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.eventCount()).isEqualTo(2);
        assertThat(s.endMicros()).isEqualTo(micros("10:05"));
        assertThat(TestEvents.sourceOf(s)).isEqualTo("google / organic / (not set)");
    }

    @Test
    void theEarliestCopyIsKept() {
        SessionPipeline.Result r = run(rules(),
                hit("10:07").id("e1").page("/late-copy"), hit("10:00").id("e1").page("/first"));
        assertThat(r.events()).singleElement()
                .satisfies(e -> assertThat(e.event().pageUrl()).isEqualTo(SITE + "/first"));
        assertThat(r.sessions().get(0).startMicros()).isEqualTo(micros("10:00"));
    }

    @Test
    void sameEventIdOnAnotherVisitorIsNotADuplicate() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1").visitor("a"), hit("10:00").id("e1").visitor("b"), hit("10:01").id("e1").visitor("a"));
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.events()).extracting(e -> e.event().visitorId()).containsExactly("a", "b");
    }

    @Test
    void aVisitorAfterOneWithManyEventsStillHasItsDuplicatesFound() {
        // The id set starts small again after a large visitor; the next visitor's repeats still count,
        // and the large visitor's ids do not make the next visitor's first copies duplicates.
        java.util.List<TestEvents.Hit> hits = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            hits.add(hit("10:00").id("e" + i).visitor("big"));
        }
        hits.add(hit("10:00").id("e1").visitor("next"));
        hits.add(hit("10:01").id("e1").visitor("next"));
        hits.add(hit("10:02").id("e2").visitor("next"));
        SessionPipeline.Result r = run(rules(), hits.toArray(TestEvents.Hit[]::new));
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.events()).filteredOn(e -> e.event().visitorId().equals("next"))
                .extracting(e -> e.event().eventId()).containsExactly("e1", "e2");
    }

    @Test
    void rowsWithoutEventIdAreNeverDuplicates() {
        SessionPipeline.Result r = run(rules(), hit("10:00").id(null), hit("10:00").id(null));
        assertThat(r.duplicates()).isZero();
        assertThat(r.sessions().get(0).eventCount()).isEqualTo(2);
    }

    @Test
    void duplicatesAccumulateOverVisitors() {
        Recorder sink = new Recorder();
        Sessionizer s = new Sessionizer(rules(), sink);
        s.accept(hit("10:00").visitor("a").id("x").build(), "a");
        s.accept(hit("10:00").visitor("a").id("x").build(), "a");
        s.accept(hit("10:00").visitor("b").id("x").build(), "b");
        s.accept(hit("10:00").visitor("b").id("x").build(), "b");
        s.finish();
        assertThat(s.duplicates()).isEqualTo(2);
        assertThat(sink.sessions).extracting(Session::eventCount).containsExactly(1L, 1L);
    }
}
