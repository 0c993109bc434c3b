package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.GOOGLE;
import static io.touchpoint.core.session.TestEvents.PSP;
import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.micros;
import static io.touchpoint.core.session.TestEvents.rules;
import static io.touchpoint.core.session.TestEvents.run;
import static io.touchpoint.core.session.TestEvents.sessionNumbers;
import static io.touchpoint.core.session.TestEvents.sourceOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The three reasons for a new session, each as a table. */
class SessionRulesTest {

    private static String plus(String time, Duration d) {
        return TestEvents.DAY.atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC).plus(d).toString();
    }

    // ---- timeout --------------------------------------------------------------------------------

    @ParameterizedTest(name = "timeout {1}, gap {0} -> {2} session(s)")
    @CsvSource({
        "PT0S,             PT30M, 1",
        "PT10M,            PT30M, 1",
        "PT29M59.999S,     PT30M, 1",
        "PT29M59.999999S,  PT30M, 1",
        "PT30M,            PT30M, 2",
        "PT30M0.000001S,   PT30M, 2",
        "PT45M,            PT30M, 2",
        "PT14M59S,         PT15M, 1",
        "PT15M,            PT15M, 2",
        "PT1.499999S,      PT1.5S, 1",
        "PT1.5S,           PT1.5S, 2",
        "PT7H59M,          PT8H,  1",
        "PT8H,             PT8H,  2",
    })
    void gapAgainstTimeout(Duration gap, Duration timeout, int expectedSessions) {
        SessionPipeline.Result r = run(rules(timeout, true, false, TestEvents.UTC),
                hit("10:00").id("e1"), hit(plus("10:00", gap)).id("e2"));
        assertThat(r.sessions()).hasSize(expectedSessions);
        assertThat(sessionNumbers(r)).containsExactly(1, expectedSessions);
    }

    @Test
    void gapIsMeasuredFromThePreviousEventNotFromTheSessionStart() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00"), hit("10:20"), hit("10:45"), hit("11:14:59"), hit("11:44:59"));
        assertThat(sessionNumbers(r)).containsExactly(1, 1, 1, 1, 2);
        assertThat(r.sessions().get(0).endMicros()).isEqualTo(micros("11:14:59"));
        assertThat(r.sessions().get(0).eventCount()).isEqualTo(4);
    }

    // ---- traffic source change ------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} then {2} -> split on: {4}, off: {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // first page                                                  | first referrer                     | second page (5 min later)                                    | second referrer                       | on | off
        "/                                                             | https://www.google.com/            | /cart                                                        | -                                     | 1 | 1",
        "/                                                             | https://www.google.com/            | /cart                                                        | /                                     | 1 | 1",
        "/                                                             | https://www.google.com/            | /done                                                        | https://pay.example-psp.com/return    | 1 | 1",
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring  | -                                  | /?utm_source=newsletter&utm_medium=email&utm_campaign=spring | -                                     | 1 | 1",
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring  | -                                  | /?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_content=footer&utm_term=x | - | 1 | 1",
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring  | -                                  | /?utm_source=newsletter&utm_medium=email&utm_campaign=summer | -                                     | 2 | 1",
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring  | -                                  | /?utm_source=newsletter&utm_medium=sms&utm_campaign=spring   | -                                     | 2 | 1",
        "/                                                             | https://www.google.com/search?q=a  | /                                                            | https://www.google.com/search?q=b     | 1 | 1",
        "/                                                             | https://www.google.com/            | /?gclid=abc                                                  | https://www.google.com/               | 2 | 1",
        "/                                                             | https://www.google.com/            | /                                                            | https://www.bing.com/search?q=a       | 2 | 1",
        "/                                                             | https://www.google.com/            | /                                                            | https://www.facebook.com/             | 2 | 1",
        "/                                                             | -                                  | /                                                            | https://www.google.com/               | 2 | 1",
        "/                                                             | -                                  | /cart                                                        | -                                     | 1 | 1",
        "/                                                             | https://blog.example.net/post      | /                                                            | https://pay.example-other.com/return  | 2 | 1",
    })
    void sourceChange(String page1, String ref1, String page2, String ref2, int withSplit, int withoutSplit) {
        for (boolean split : List.of(true, false)) {
            SessionPipeline.Result r = run(rules(Duration.ofMinutes(30), split, false, TestEvents.UTC),
                    hit("10:00").page(page1).ref(ref1), hit("10:05").page(page2).ref(ref2));
            assertThat(r.sessions()).as("split-on-source-change = " + split).hasSize(split ? withSplit : withoutSplit);
        }
    }

    @Test
    void directReturnKeepsTheSessionAndItsSource() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").ref(GOOGLE), hit("10:10"), hit("10:20").page("/cart").ref("/"), hit("10:25").page("/done").ref(PSP));
        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(sourceOf(s)).isEqualTo("google / organic / (not set)");
        assertThat(s.channel()).isEqualTo("Organic Search");
        assertThat(s.isDirect()).isFalse();
        assertThat(s.eventCount()).isEqualTo(4);
    }

    @Test
    void sourceIsComparedWithTheSessionsSourceNotThePreviousEvents() {
        // google starts session 1; the direct hit does not change the session's source, so google again
        // (same source) continues it, while facebook then starts session 2 and google once more session 3.
        SessionPipeline.Result r = run(rules(),
                hit("10:00").ref(GOOGLE), hit("10:05"), hit("10:10").ref(GOOGLE),
                hit("10:15").ref("https://www.facebook.com/"), hit("10:20"), hit("10:25").ref(GOOGLE));
        assertThat(sessionNumbers(r)).containsExactly(1, 1, 1, 2, 2, 3);
        assertThat(r.sessions()).extracting(TestEvents::sourceOf).containsExactly(
                "google / organic / (not set)", "facebook.com / referral / (not set)", "google / organic / (not set)");
    }

    @Test
    void withoutSourceSplitTheFirstSourceWins() {
        SessionPipeline.Result r = run(rules(Duration.ofMinutes(30), false, false, TestEvents.UTC),
                hit("10:00"), hit("10:05").ref(GOOGLE), hit("10:10").page("/?utm_source=newsletter&utm_medium=email"));
        assertThat(r.sessions()).hasSize(1);
        assertThat(r.sessions().get(0).isDirect()).isTrue();
        assertThat(r.sessions().get(0).channel()).isEqualTo("Direct");
    }

    // ---- midnight -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} split={1}: {2}, {3} -> {4} session(s)")
    @CsvSource({
        // zone,            split, first event,          second event,          sessions, session_date of 1st, event_date of 2nd
        "UTC,               false, 2024-05-14T23:50:00Z, 2024-05-15T00:10:00Z, 1, 2024-05-14, 2024-05-15",
        "UTC,               true,  2024-05-14T23:50:00Z, 2024-05-15T00:10:00Z, 2, 2024-05-14, 2024-05-15",
        "UTC,               true,  2024-05-14T23:59:59.999999Z, 2024-05-15T00:00:00Z, 2, 2024-05-14, 2024-05-15",
        "America/New_York,  true,  2024-05-14T23:50:00Z, 2024-05-15T00:10:00Z, 1, 2024-05-14, 2024-05-14",
        "America/New_York,  true,  2024-05-15T03:50:00Z, 2024-05-15T04:10:00Z, 2, 2024-05-14, 2024-05-15",
        "America/New_York,  false, 2024-05-15T03:50:00Z, 2024-05-15T04:10:00Z, 1, 2024-05-14, 2024-05-15",
        "UTC,               true,  2024-05-15T03:50:00Z, 2024-05-15T04:10:00Z, 1, 2024-05-15, 2024-05-15",
        // DST: 2024-03-10 starts EDT (UTC-4) at 2am, 2024-11-03 returns to EST (UTC-5)
        "America/New_York,  true,  2024-03-10T04:59:59Z, 2024-03-10T05:00:00Z, 2, 2024-03-09, 2024-03-10",
        "America/New_York,  true,  2024-11-04T03:50:00Z, 2024-11-04T04:10:00Z, 1, 2024-11-03, 2024-11-03",
        "America/New_York,  true,  2024-11-04T04:50:00Z, 2024-11-04T05:10:00Z, 2, 2024-11-03, 2024-11-04",
        "+05:30,            true,  2024-05-14T18:25:00Z, 2024-05-14T18:35:00Z, 2, 2024-05-14, 2024-05-15",
        "Asia/Kolkata,      true,  2024-05-14T18:25:00Z, 2024-05-14T18:35:00Z, 2, 2024-05-14, 2024-05-15",
    })
    void midnight(String zone, boolean split, String first, String second, int sessions, LocalDate sessionDate,
            LocalDate secondEventDate) {
        SessionPipeline.Result r = run(rules(Duration.ofMinutes(30), true, split, ZoneId.of(zone)),
                hit(first).id("e1"), hit(second).id("e2"));
        assertThat(r.sessions()).hasSize(sessions);
        assertThat(r.sessions().get(0).sessionDate()).isEqualTo(sessionDate);
        assertThat(r.events().get(1).eventDate()).isEqualTo(secondEventDate);
        if (sessions == 2) {
            assertThat(r.sessions().get(1).sessionDate()).isEqualTo(secondEventDate);
        }
    }

    @Test
    void midnightComparesWithThePreviousEvent() {
        SessionPipeline.Result r = run(rules(Duration.ofMinutes(30), true, true, TestEvents.UTC),
                hit("2024-05-14T23:40:00Z"), hit("2024-05-14T23:55:00Z"), hit("2024-05-15T00:05:00Z"),
                hit("2024-05-15T00:20:00Z"));
        assertThat(sessionNumbers(r)).containsExactly(1, 1, 2, 2);
        assertThat(r.sessions()).extracting(Session::sessionDate)
                .containsExactly(LocalDate.of(2024, 5, 14), LocalDate.of(2024, 5, 15));
    }

    @Test
    void aSessionSpanningMidnightIsDatedByItsStart() {
        SessionPipeline.Result r = run(rules(), hit("2024-05-14T23:50:00Z"), hit("2024-05-15T00:10:00Z"));
        Session s = r.sessions().get(0);
        assertThat(s.sessionDate()).isEqualTo(LocalDate.of(2024, 5, 14));
        assertThat(r.events()).extracting(SessionizedEvent::eventDate)
                .containsExactly(LocalDate.of(2024, 5, 14), LocalDate.of(2024, 5, 15));
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @CsvSource({
        "UTC,              1970-01-01T00:00:00Z,        1970-01-01",
        "UTC,              1969-12-31T23:59:59.999999Z, 1969-12-31",
        "UTC,              2024-05-14T23:59:59.999999Z, 2024-05-14",
        "-10:00,           1970-01-01T09:59:59Z,        1969-12-31",
        "-10:00,           1970-01-01T10:00:00Z,        1970-01-01",
        "+05:30,           2024-05-14T18:29:59Z,        2024-05-14",
        "+05:30,           2024-05-14T18:30:00Z,        2024-05-15",
        "Asia/Kolkata,     2024-05-14T18:30:00Z,        2024-05-15",
        "America/New_York, 2024-03-10T04:59:59.999999Z, 2024-03-09",
        "America/New_York, 2024-03-10T05:00:00Z,        2024-03-10",
        "America/New_York, 2024-03-11T03:59:59Z,        2024-03-10",
        "America/New_York, 2024-03-11T04:00:00Z,        2024-03-11",
        "America/New_York, 2024-11-04T04:59:59Z,        2024-11-03",
        "America/New_York, 2024-11-04T05:00:00Z,        2024-11-04",
    })
    void localDate(String zone, Instant time, LocalDate expected) {
        SessionRules rules = rules(Duration.ofMinutes(30), true, false, ZoneId.of(zone));
        long m = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        assertThat(rules.localDate(m)).isEqualTo(expected);
        assertThat(rules.epochDay(m)).isEqualTo(expected.toEpochDay());
    }
}
