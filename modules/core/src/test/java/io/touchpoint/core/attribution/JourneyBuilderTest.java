package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.DAY;
import static io.touchpoint.core.attribution.AttributionFixtures.HOUR;
import static io.touchpoint.core.attribution.AttributionFixtures.SECOND;
import static io.touchpoint.core.attribution.AttributionFixtures.T;
import static io.touchpoint.core.attribution.AttributionFixtures.US;
import static io.touchpoint.core.attribution.AttributionFixtures.config;
import static io.touchpoint.core.attribution.AttributionFixtures.credits;
import static io.touchpoint.core.attribution.AttributionFixtures.defaults;
import static io.touchpoint.core.attribution.AttributionFixtures.sessionIds;
import static io.touchpoint.core.attribution.AttributionFixtures.touchpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The journey rules, fed to the builder in the order it requires (person, then time; sessions first). */
class JourneyBuilderTest {

    /** Feeds one builder and records what it emits. */
    private static final class Feed {
        final List<Conversion> conversions = new ArrayList<>();
        final List<Journey> journeys = new ArrayList<>();
        final List<List<double[]>> credits = new ArrayList<>();
        final Map<String, Touchpoint> sessions = new HashMap<>();
        final JourneyBuilder builder;

        Feed(AttributionConfig config) {
            builder = new JourneyBuilder(config, (c, j, cr) -> {
                conversions.add(c);
                journeys.add(j);
                credits.add(cr);
            });
        }

        Feed session(String person, String id, long start) {
            Touchpoint t = touchpoint(id, start);
            sessions.put(id, t);
            builder.session(person, t);
            return this;
        }

        Feed convert(String person, String goal, String sessionId, long time) {
            String id = "c" + (conversions.size() + 1) + "-" + goal;
            builder.conversion(AttributionFixtures.conversion(id, goal, "v-" + person, person, sessions.get(sessionId), time));
            return this;
        }

        List<String> journey(int i) {
            return sessionIds(journeys.get(i));
        }
    }

    @ParameterizedTest(name = "[{index}] lookback {0}, other session {1}d {2}s {3}us before -> in: {4}")
    @CsvSource({
            "30d, 30, 0, 0, true",    // exactly the lookback before: in
            "30d, 30, 1, 0, false",   // one second more: out
            "30d, 30, 0, 1, false",   // one microsecond more: out
            "30d, 29, 86399, 999999, true",
            "30d, 0, 0, 0, true",     // the same instant as the conversion: in
            "7d, 7, 0, 0, true",
            "7d, 7, 0, 1, false",
            "7d, 8, 0, 0, false",
    })
    void touchpointsAreTheSessionsStartedInTheLookbackInclusive(String lookback, long days, long seconds, long micros,
                                                                boolean in) {
        long start = T - days * DAY - seconds * SECOND - micros;
        Feed f = new Feed(config(Duration.parse("P" + lookback.toUpperCase()), 100, JourneyReset.NONE));
        if (start < T - HOUR) {
            f.session("p1", "other", start).session("p1", "converting", T - HOUR);
        } else {
            f.session("p1", "converting", T - HOUR).session("p1", "other", start);
        }
        f.convert("p1", "purchase", "converting", T);
        assertThat(f.journey(0)).isEqualTo(in ? List.of("other", "converting") : List.of("converting"));
    }

    @Test
    void convertingSessionIsLastEvenWhenAnotherDeviceStartedASessionAfterIt() {
        Feed f = new Feed(defaults())
                .session("p1", "laptop-monday", T - 3 * DAY)
                .session("p1", "phone", T - 2 * HOUR)
                .session("p1", "laptop", T - HOUR)
                .convert("p1", "purchase", "phone", T);
        assertThat(f.journey(0)).containsExactly("laptop-monday", "laptop", "phone");
    }

    @Test
    void convertingSessionStaysEvenWhenItStartedBeforeTheLookback() {
        Feed f = new Feed(defaults())
                .session("p1", "older", T - 31 * DAY)
                .session("p1", "converting", T - 30 * DAY - HOUR)
                .session("p1", "recent", T - 10 * DAY)
                .convert("p1", "purchase", "converting", T);
        assertThat(f.journey(0)).containsExactly("recent", "converting");
    }

    @Test
    void singleTouchJourneyGivesAllCreditToItsSession() {
        Feed f = new Feed(defaults())
                .session("p1", "only", T - HOUR)
                .convert("p1", "purchase", "only", T);
        assertThat(f.journey(0)).containsExactly("only");
        assertThat(credits(f.credits.get(0))).containsExactly("[1.0]", "[1.0]", "[1.0]");
    }

    @Test
    void journeyCarriesTheConversionAndTheSinkGetsTheConversionItself() {
        Feed f = new Feed(defaults())
                .session("p1", "s1", T - DAY)
                .session("p1", "s2", T - HOUR)
                .convert("p1", "purchase", "s2", T);
        Journey j = f.journeys.get(0);
        assertThat(j.conversionId()).isEqualTo("c1-purchase");
        assertThat(j.goal()).isEqualTo("purchase");
        assertThat(j.conversionTimeMicros()).isEqualTo(T);
        assertThat(j.value()).isEqualTo(10.0);
        assertThat(j.touchpoints()).containsExactly(f.sessions.get("s1"), f.sessions.get("s2"));
        assertThat(f.conversions.get(0).conversionId()).isEqualTo("c1-purchase");
        assertThat(credits(f.credits.get(0))).containsExactly("[1.0, 0.0]", "[0.0, 1.0]", "[0.5, 0.5]");
    }

    /**
     * Sessions s1 (-10d), s2 (-5d -1h), s3 (-2d), s4 (-1h); a first conversion at -5d in s2 of the given goal,
     * then a purchase at T in s4.
     */
    @ParameterizedTest(name = "[{index}] reset {0}, first conversion {1} -> {2}")
    @CsvSource({
            "NONE,             purchase, s1 s2 s3 s4",  // earlier conversions do not cut the journey
            "NONE,             signup,   s1 s2 s3 s4",
            "AFTER_CONVERSION, purchase, s3 s4",        // only sessions after the previous purchase
            "AFTER_CONVERSION, signup,   s1 s2 s3 s4",  // another goal's conversion does not reset
    })
    void journeyResetCutsOnlyAtThePreviousConversionOfTheSameGoal(JourneyReset reset, String firstGoal, String expected) {
        Feed f = new Feed(config(Duration.ofDays(30), 100, reset))
                .session("p1", "s1", T - 10 * DAY)
                .session("p1", "s2", T - 5 * DAY - HOUR)
                .convert("p1", firstGoal, "s2", T - 5 * DAY)
                .session("p1", "s3", T - 2 * DAY)
                .session("p1", "s4", T - HOUR)
                .convert("p1", "purchase", "s4", T);
        assertThat(f.journey(0)).containsExactly("s1", "s2");
        assertThat(f.journey(1)).isEqualTo(List.of(expected.split(" ")));
    }

    @Test
    void afterConversionResetUsesTheLatestPreviousConversionOfTheGoal() {
        Feed f = new Feed(config(Duration.ofDays(30), 100, JourneyReset.AFTER_CONVERSION))
                .session("p1", "s1", T - 9 * DAY)
                .convert("p1", "purchase", "s1", T - 9 * DAY + HOUR)
                .session("p1", "s2", T - 6 * DAY)
                .convert("p1", "signup", "s2", T - 6 * DAY + HOUR)
                .session("p1", "s3", T - 4 * DAY)
                .convert("p1", "purchase", "s3", T - 4 * DAY + HOUR)
                .session("p1", "s4", T - 2 * DAY)
                .session("p1", "s5", T - HOUR)
                .convert("p1", "purchase", "s5", T)
                .convert("p1", "signup", "s5", T);
        assertThat(f.journey(2)).containsExactly("s2", "s3");
        assertThat(f.journey(3)).containsExactly("s4", "s5");
        assertThat(f.journey(4)).containsExactly("s3", "s4", "s5");
    }

    @Test
    void afterConversionResetCountsOnlySessionsStartingStrictlyAfterThePreviousConversion() {
        Feed f = new Feed(config(Duration.ofDays(30), 100, JourneyReset.AFTER_CONVERSION))
                .session("p1", "opened-by-purchase", T - DAY) // the first purchase is its first event
                .convert("p1", "purchase", "opened-by-purchase", T - DAY)
                .session("p1", "one-us-later", T - DAY + US)
                .session("p1", "s3", T - HOUR)
                .convert("p1", "purchase", "s3", T);
        assertThat(f.journey(0)).containsExactly("opened-by-purchase");
        assertThat(f.journey(1)).containsExactly("one-us-later", "s3");
    }

    @Test
    void afterConversionResetKeepsTheConvertingSessionOfARepeatConversion() {
        Feed f = new Feed(config(Duration.ofDays(30), 100, JourneyReset.AFTER_CONVERSION))
                .session("p1", "s1", T - DAY)
                .session("p1", "s2", T - HOUR)
                .convert("p1", "purchase", "s2", T - HOUR + 60 * SECOND)
                .convert("p1", "purchase", "s2", T);
        assertThat(f.journey(0)).containsExactly("s1", "s2");
        assertThat(f.journey(1)).containsExactly("s2");
    }

    /** Sessions s1..s5 one day apart (s5 at -1h); the conversion at T happens in the given session. */
    @ParameterizedTest(name = "[{index}] max {0}, converting {1} -> {2}")
    @CsvSource({
            "100, s5, s1 s2 s3 s4 s5",
            "5,   s5, s1 s2 s3 s4 s5",
            "4,   s5, s2 s3 s4 s5",
            "3,   s5, s3 s4 s5",
            "1,   s5, s5",
            "3,   s1, s4 s5 s1",  // the converting session (another device) always stays, and last
            "1,   s1, s1",
            "3,   s4, s3 s5 s4",
    })
    void maxTouchpointsKeepsTheMostRecentAndAlwaysTheConvertingSession(int max, String converting, String expected) {
        Feed f = new Feed(config(Duration.ofDays(30), max, JourneyReset.NONE));
        for (int i = 1; i <= 5; i++) {
            f.session("p1", "s" + i, T - (5 - i) * DAY - HOUR);
        }
        f.convert("p1", "purchase", converting, T);
        assertThat(f.journey(0)).isEqualTo(List.of(expected.split(" ")));
        assertThat(f.credits.get(0)).allSatisfy(c -> assertThat(c).hasSize(f.journey(0).size()));
    }

    @Test
    void anotherPersonsSessionsNeverLeakIntoAJourney() {
        Feed f = new Feed(defaults())
                .session("p1", "a1", T - 2 * DAY)
                .convert("p1", "purchase", "a1", T - 2 * DAY + HOUR)
                .session("p2", "b1", T - DAY)
                .session("p2", "b2", T - HOUR)
                .convert("p2", "purchase", "b2", T)
                .session("p3", "c1", T - HOUR)
                .convert("p3", "purchase", "c1", T);
        assertThat(f.journey(0)).containsExactly("a1");
        assertThat(f.journey(1)).containsExactly("b1", "b2");
        assertThat(f.journey(2)).containsExactly("c1");
    }

    @Test
    void afterConversionResetDoesNotCarryOverToTheNextPerson() {
        Feed f = new Feed(config(Duration.ofDays(30), 100, JourneyReset.AFTER_CONVERSION))
                .session("p1", "a1", T - 3 * DAY)
                .convert("p1", "purchase", "a1", T - DAY)
                .session("p2", "b1", T - 2 * DAY)
                .session("p2", "b2", T - HOUR)
                .convert("p2", "purchase", "b2", T);
        assertThat(f.journey(1)).containsExactly("b1", "b2");
    }
}
