package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.DAY;
import static io.touchpoint.core.attribution.AttributionFixtures.T;
import static io.touchpoint.core.attribution.AttributionFixtures.config;
import static io.touchpoint.core.attribution.AttributionFixtures.conversion;
import static io.touchpoint.core.attribution.AttributionFixtures.touchpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.conversion.Goal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every journey (docs/data-driven.md): a unit's sessions that no conversion of a goal followed
 * within the lookback make that goal's non-converting journeys, each spanning at most the lookback
 * from its first session.
 */
class NonConvertingJourneysTest {
    private static final Goal DEMO = new Goal("demo", "form_submit", null, null, null, null);
    private static final Goal SIGNUP = new Goal("signup", "signup", null, null, null, null);

    /**
     * Lookback 30 days; sessions on days 0, 10, 45 (a demo request on day 46), 80, 120 and 125. For
     * demo: days 0 and 10 are more than 30 days before the request, so not followed: one journey
     * [0, 10]; day 45 converts; then [80] (day 120 is 40 days after 80: a new journey) and [120,
     * 125]. For signup (never converted): [0, 10], [45] (45 days after day 0), [80], [120, 125].
     */
    @Test
    void workedExample() {
        List<String> out = new ArrayList<>();
        JourneyBuilder b = new JourneyBuilder(config(Duration.ofDays(30), 100, JourneyReset.NONE), List.of(DEMO, SIGNUP),
                new JourneyBuilder.Sink() {
                    @Override
                    public void journey(Conversion c, Journey j, List<double[]> credits) {
                        out.add(c.goal() + " converted " + AttributionFixtures.sessionIds(j));
                    }

                    @Override
                    public void nonConverting(String unitId, String goal, List<Touchpoint> touchpoints) {
                        out.add(goal + " " + unitId + " " + touchpoints.stream().map(Touchpoint::sessionId).toList());
                    }
                });
        long[] days = {0, 10, 45, 80, 120, 125};
        for (long d : days) {
            Touchpoint s = touchpoint("d" + d, T + d * DAY);
            b.session("p", s);
            if (d == 45) {
                b.conversion(conversion("c1", "demo", "v", "p", s, T + 46 * DAY));
            }
        }
        b.finish();
        assertThat(out).containsExactlyInAnyOrder(
                "demo converted [d45]",
                "demo p [d0, d10]",
                "signup p [d0, d10]",
                "signup p [d45]",
                "demo p [d80]",
                "signup p [d80]",
                "demo p [d120, d125]",
                "signup p [d120, d125]");
    }

    @Test
    void aJourneyKeepsItsMostRecentMaxTouchpointsAndEveryUnitEndsItsOwn() {
        List<String> out = new ArrayList<>();
        JourneyBuilder b = new JourneyBuilder(config(Duration.ofDays(30), 2, JourneyReset.NONE), List.of(DEMO),
                new JourneyBuilder.Sink() {
                    @Override
                    public void journey(Conversion c, Journey j, List<double[]> credits) {
                    }

                    @Override
                    public void nonConverting(String unitId, String goal, List<Touchpoint> touchpoints) {
                        out.add(unitId + " " + touchpoints.stream().map(Touchpoint::sessionId).toList());
                    }
                });
        for (int d = 0; d < 4; d++) {
            b.session("p", touchpoint("p" + d, T + d * DAY));
        }
        b.session("q", touchpoint("q0", T));
        b.finish();
        assertThat(out).containsExactly("p [p2, p3]", "q [q0]");
    }
}
