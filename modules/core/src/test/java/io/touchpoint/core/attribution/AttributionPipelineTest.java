package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.DAY;
import static io.touchpoint.core.attribution.AttributionFixtures.HOUR;
import static io.touchpoint.core.attribution.AttributionFixtures.T;
import static io.touchpoint.core.attribution.AttributionFixtures.US;
import static io.touchpoint.core.attribution.AttributionFixtures.config;
import static io.touchpoint.core.attribution.AttributionFixtures.conversion;
import static io.touchpoint.core.attribution.AttributionFixtures.credits;
import static io.touchpoint.core.attribution.AttributionFixtures.defaults;
import static io.touchpoint.core.attribution.AttributionFixtures.session;
import static io.touchpoint.core.attribution.AttributionFixtures.sessionIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionPipelineTest {

    /** "conversion: sessions | credits of each model", in output order. */
    private static List<String> render(List<AttributionPipeline.Attributed> out) {
        return out.stream().map(a -> a.conversion().conversionId() + ": " + String.join(" ", sessionIds(a.journey()))
                + " | " + String.join(" ", credits(a.credits()))).toList();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    @Test
    void inputOrderDoesNotMatter() {
        Session a1 = session("a1", "va", "p1", T - 3 * DAY);
        Session a2 = session("a2", "va", "p1", T - HOUR);
        Session b1 = session("b1", "vb", "p1", T - 2 * HOUR); // p1's phone
        Session c1 = session("c1", "vc", "p10", T - 2 * DAY);
        Session c2 = session("c2", "vc", "p10", T - DAY);
        Session d1 = session("d1", "vd", "p2", T - 5 * DAY);
        List<Session> sessions = List.of(a1, a2, b1, c1, c2, d1);
        List<Conversion> conversions = List.of(
                conversion("k1", "purchase", a1, T - 3 * DAY + HOUR),
                conversion("k2", "purchase", b1, T),
                conversion("k3", "signup", c2, T - DAY + HOUR),
                conversion("k4", "purchase", d1, T - 5 * DAY + HOUR));
        List<String> expected = List.of(
                "k1: a1 | [1.0] [1.0] [1.0]",
                "k2: a1 a2 b1 | [1.0, 0.0, 0.0] [0.0, 0.0, 1.0] "
                        + "[0.3333333333333333, 0.3333333333333333, 0.3333333333333333]",
                "k3: c1 c2 | [1.0, 0.0] [0.0, 1.0] [0.5, 0.5]",
                "k4: d1 | [1.0] [1.0] [1.0]");
        assertThat(render(AttributionPipeline.run(sessions, conversions, defaults()))).isEqualTo(expected);
        for (long seed = 1; seed <= 5; seed++) {
            List<Session> s = new ArrayList<>(sessions);
            List<Conversion> c = new ArrayList<>(conversions);
            Collections.shuffle(s, new Random(seed));
            Collections.shuffle(c, new Random(seed));
            assertThat(render(AttributionPipeline.run(s, c, defaults()))).as("seed %d", seed).isEqualTo(expected);
        }
        assertThat(render(AttributionPipeline.run(reversed(sessions), reversed(conversions), defaults())))
                .isEqualTo(expected);
    }

    @Test
    void anotherDeviceSessionStartingAtTheConversionInstantIsInOneMicrosecondLaterIsOut() {
        Session converting = session("converting", "laptop", "p1", T - HOUR);
        Session same = session("same-instant", "phone", "p1", T);
        Session later = session("later", "tablet", "p1", T + US);
        List<AttributionPipeline.Attributed> out = AttributionPipeline.run(List.of(later, same, converting),
                List.of(conversion("k", "purchase", converting, T)), defaults());
        assertThat(out).singleElement().satisfies(a ->
                assertThat(sessionIds(a.journey())).containsExactly("same-instant", "converting"));
    }

    @Test
    void lookbackBoundaryHoldsThroughThePipeline() {
        Session converting = session("converting", "v", "p1", T - HOUR);
        List<Session> sessions = List.of(converting,
                session("exactly-30d", "v", "p1", T - 30 * DAY),
                session("30d-1s", "v", "p1", T - 30 * DAY - 1_000_000L),
                session("30d-1us", "v", "p1", T - 30 * DAY - US));
        List<AttributionPipeline.Attributed> out = AttributionPipeline.run(sessions,
                List.of(conversion("k", "purchase", converting, T)), defaults());
        assertThat(sessionIds(out.get(0).journey())).containsExactly("exactly-30d", "converting");
    }

    @Test
    void creditsHaveOneArrayPerModelInConfigOrder() {
        Session s1 = session("s1", "v", "p1", T - 3 * DAY);
        Session s2 = session("s2", "v", "p1", T - 2 * DAY);
        Session s3 = session("s3", "v", "p1", T - DAY);
        Session s4 = session("s4", "v", "p1", T - HOUR);
        List<Session> sessions = List.of(s1, s2, s3, s4);
        List<Conversion> conversions = List.of(conversion("k", "purchase", s4, T));

        List<double[]> fll = AttributionPipeline.run(sessions, conversions, defaults()).get(0).credits();
        assertThat(fll).hasSize(3);
        assertThat(fll.get(0)).containsExactly(1.0, 0.0, 0.0, 0.0);
        assertThat(fll.get(1)).containsExactly(0.0, 0.0, 0.0, 1.0);
        assertThat(fll.get(2)).containsExactly(0.25, 0.25, 0.25, 0.25);

        List<double[]> reordered = AttributionPipeline.run(sessions, conversions,
                config(Duration.ofDays(30), 100, JourneyReset.NONE, "linear", "last", "first")).get(0).credits();
        assertThat(credits(reordered)).containsExactly(
                "[0.25, 0.25, 0.25, 0.25]", "[0.0, 0.0, 0.0, 1.0]", "[1.0, 0.0, 0.0, 0.0]");
    }

    @Test
    void creditsFollowTheCutJourney() {
        Session s1 = session("s1", "v", "p1", T - 3 * DAY);
        Session s2 = session("s2", "v", "p1", T - 2 * DAY);
        Session s3 = session("s3", "v", "p1", T - HOUR);
        AttributionPipeline.Attributed a = AttributionPipeline.run(List.of(s1, s2, s3),
                List.of(conversion("k", "purchase", s3, T)), config(Duration.ofDays(30), 2, JourneyReset.NONE)).get(0);
        assertThat(sessionIds(a.journey())).containsExactly("s2", "s3");
        assertThat(credits(a.credits())).containsExactly("[1.0, 0.0]", "[0.0, 1.0]", "[0.5, 0.5]");
    }

    @Test
    void everyConversionGetsOneResultWithItself() {
        Session s1 = session("s1", "v", "p1", T - DAY);
        Conversion k1 = conversion("k1", "purchase", s1, T - DAY + HOUR);
        Conversion k2 = conversion("k2", "signup", s1, T - DAY + HOUR);
        List<AttributionPipeline.Attributed> out = AttributionPipeline.run(List.of(s1), List.of(k2, k1), defaults());
        assertThat(out).extracting(AttributionPipeline.Attributed::conversion).containsExactly(k1, k2);
        assertThat(out).allSatisfy(a -> assertThat(sessionIds(a.journey())).containsExactly("s1"));
    }

    @Test
    void noConversionsNoJourneys() {
        assertThat(AttributionPipeline.run(List.of(session("s1", "v", "p1", T)), List.of(), defaults())).isEmpty();
    }
}
