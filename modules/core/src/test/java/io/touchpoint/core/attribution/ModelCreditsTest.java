package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.TestJourneys.CONVERSION;
import static io.touchpoint.core.attribution.TestJourneys.MICROS_PER_DAY;
import static io.touchpoint.core.attribution.TestJourneys.daysBefore;
import static io.touchpoint.core.attribution.TestJourneys.microsBefore;
import static io.touchpoint.core.attribution.TestJourneys.ofSize;
import static io.touchpoint.core.attribution.TestJourneys.withChannels;
import static io.touchpoint.core.attribution.TestJourneys.withMilestones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in model as a table: spec, journey, exact expected credits. */
class ModelCreditsTest {

    private static final double D = 1e-12;
    private static final String DIRECT = "Direct";

    private static double[] c(double... credits) {
        return credits;
    }

    private static void check(String spec, Journey journey, double[] expected) {
        AttributionModel m = AttributionModels.parse("test", spec);
        double[] actual = m.credits(journey);
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s credit %d of %d", spec, i + 1, expected.length).isCloseTo(expected[i], within(D));
        }
    }

    // ---- first, last, linear, position_decay: depend on n only --------------------------------

    static Stream<Arguments> byPosition() {
        return Stream.of(
            arguments("first", 1, c(1)),
            arguments("first", 2, c(1, 0)),
            arguments("first", 3, c(1, 0, 0)),
            arguments("first", 4, c(1, 0, 0, 0)),
            arguments("first", 5, c(1, 0, 0, 0, 0)),
            arguments("last", 1, c(1)),
            arguments("last", 2, c(0, 1)),
            arguments("last", 3, c(0, 0, 1)),
            arguments("last", 4, c(0, 0, 0, 1)),
            arguments("last", 5, c(0, 0, 0, 0, 1)),
            arguments("linear", 1, c(1)),
            arguments("linear", 2, c(0.5, 0.5)),
            arguments("linear", 3, c(1 / 3.0, 1 / 3.0, 1 / 3.0)),
            arguments("linear", 4, c(0.25, 0.25, 0.25, 0.25)),
            arguments("linear", 5, c(0.2, 0.2, 0.2, 0.2, 0.2)),
            arguments("position_decay", 1, c(1)),
            arguments("position_decay", 2, c(1 / 3.0, 2 / 3.0)),
            arguments("position_decay", 3, c(1 / 6.0, 2 / 6.0, 3 / 6.0)),
            arguments("position_decay", 4, c(0.1, 0.2, 0.3, 0.4)),
            arguments("position_decay", 5, c(1 / 15.0, 2 / 15.0, 3 / 15.0, 4 / 15.0, 5 / 15.0)));
    }

    @ParameterizedTest(name = "{0}, n={1}")
    @MethodSource("byPosition")
    void positionalModels(String spec, int n, double[] expected) {
        check(spec, ofSize(n), expected);
    }

    // ---- position_based ---------------------------------------------------------------------------

    static Stream<Arguments> positionBased() {
        double m5 = 0.2 / 3; // (1 - 0.4 - 0.4) / 3
        return Stream.of(
            arguments("position_based", 1, c(1)),
            arguments("position_based", 2, c(0.5, 0.5)),
            arguments("position_based", 3, c(0.4, 0.2, 0.4)),
            arguments("position_based", 4, c(0.4, 0.1, 0.1, 0.4)),
            arguments("position_based", 5, c(0.4, m5, m5, m5, 0.4)),
            // J-shaped
            arguments("position_based(first=0.2,last=0.6)", 1, c(1)),
            arguments("position_based(first=0.2,last=0.6)", 2, c(0.25, 0.75)),
            arguments("position_based(first=0.2,last=0.6)", 3, c(0.2, 0.2, 0.6)),
            arguments("position_based(first=0.2,last=0.6)", 4, c(0.2, 0.1, 0.1, 0.6)),
            arguments("position_based(first=0.2,last=0.6)", 5, c(0.2, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.6)),
            // inverse J
            arguments("position_based(first=0.6,last=0.2)", 2, c(0.75, 0.25)),
            arguments("position_based(first=0.6,last=0.2)", 3, c(0.6, 0.2, 0.2)),
            arguments("position_based(first=0.6,last=0.2)", 4, c(0.6, 0.1, 0.1, 0.2)),
            // first = last = 0: the middle gets everything; n = 2 splits evenly
            arguments("position_based(first=0,last=0)", 1, c(1)),
            arguments("position_based(first=0,last=0)", 2, c(0.5, 0.5)),
            arguments("position_based(first=0,last=0)", 3, c(0, 1, 0)),
            arguments("position_based(first=0,last=0)", 4, c(0, 0.5, 0.5, 0)),
            arguments("position_based(first=0,last=0)", 5, c(0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0)),
            // first + last = 1: nothing for the middle
            arguments("position_based(first=0.7,last=0.3)", 2, c(0.7, 0.3)),
            arguments("position_based(first=0.7,last=0.3)", 4, c(0.7, 0, 0, 0.3)),
            arguments("position_based(first=1,last=0)", 2, c(1, 0)),
            arguments("position_based(first=1,last=0)", 3, c(1, 0, 0)),
            arguments("position_based(first=0,last=1)", 2, c(0, 1)),
            arguments("position_based(first=0.5,last=0)", 2, c(1, 0)),
            arguments("position_based(first=0.5,last=0)", 3, c(0.5, 0.5, 0)),
            // one of them 0, two touchpoints: all to the other
            arguments("position_based(first=0,last=0.5)", 2, c(0, 1)));
    }

    @ParameterizedTest(name = "{0}, n={1}")
    @MethodSource("positionBased")
    void positionBased(String spec, int n, double[] expected) {
        check(spec, ofSize(n), expected);
    }

    // ---- last_non_direct --------------------------------------------------------------------------

    static Stream<Arguments> lastNonDirect() {
        return Stream.of(
            arguments(new String[] {"Email"}, c(1)),
            arguments(new String[] {DIRECT}, c(1)),
            arguments(new String[] {"Email", "Paid Search"}, c(0, 1)),
            arguments(new String[] {"Email", DIRECT}, c(1, 0)),
            arguments(new String[] {"Email", "Paid Search", DIRECT}, c(0, 1, 0)),
            arguments(new String[] {DIRECT, "Email", DIRECT, DIRECT}, c(0, 1, 0, 0)),
            arguments(new String[] {"Email", DIRECT, DIRECT, DIRECT, "Organic Search"}, c(0, 0, 0, 0, 1)),
            arguments(new String[] {"Organic Search", DIRECT, DIRECT, DIRECT, DIRECT}, c(1, 0, 0, 0, 0)),
            // all Direct: the last one
            arguments(new String[] {DIRECT, DIRECT}, c(0, 1)),
            arguments(new String[] {DIRECT, DIRECT, DIRECT}, c(0, 0, 1)),
            arguments(new String[] {DIRECT, DIRECT, DIRECT, DIRECT, DIRECT}, c(0, 0, 0, 0, 1)),
            // only the channel name Direct, exactly, is direct
            arguments(new String[] {"Email", "direct"}, c(0, 1)),
            arguments(new String[] {"Email", null}, c(0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lastNonDirect")
    void lastNonDirect(String[] channels, double[] expected) {
        check("last_non_direct", withChannels(channels), expected);
    }

    // ---- time_decay ---------------------------------------------------------------------------------

    static Stream<Arguments> timeDecay() {
        double r = Math.sqrt(2);
        return Stream.of(
            arguments("time_decay", new double[] {0}, c(1)),
            arguments("time_decay", new double[] {30}, c(1)),
            arguments("time_decay", new double[] {7, 0}, c(1 / 3.0, 2 / 3.0)),
            arguments("time_decay", new double[] {14, 7, 0}, c(1 / 7.0, 2 / 7.0, 4 / 7.0)),
            arguments("time_decay", new double[] {21, 14, 7, 0}, c(1 / 15.0, 2 / 15.0, 4 / 15.0, 8 / 15.0)),
            arguments("time_decay", new double[] {28, 21, 14, 7, 0},
                    c(1 / 31.0, 2 / 31.0, 4 / 31.0, 8 / 31.0, 16 / 31.0)),
            // not rounded to days: half a half-life is a factor 1/sqrt(2)
            arguments("time_decay", new double[] {3.5, 0}, c(r - 1, 2 - r)),
            arguments("time_decay(half_life=1d)", new double[] {0.5, 0}, c(r - 1, 2 - r)),
            arguments("time_decay(half_life=12h)", new double[] {1, 0.5, 0}, c(1 / 7.0, 2 / 7.0, 4 / 7.0)),
            // ties
            arguments("time_decay", new double[] {0, 0}, c(0.5, 0.5)),
            arguments("time_decay", new double[] {5, 5, 5}, c(1 / 3.0, 1 / 3.0, 1 / 3.0)),
            arguments("time_decay", new double[] {7, 7, 0, 0}, c(1 / 6.0, 1 / 6.0, 1 / 3.0, 1 / 3.0)),
            // every touchpoint long before the conversion: only the differences count
            arguments("time_decay", new double[] {3657, 3650}, c(1 / 3.0, 2 / 3.0)),
            arguments("time_decay(half_life=1ms)", new double[] {3650, 3650}, c(0.5, 0.5)));
    }

    @ParameterizedTest(name = "{0}, days before {1}")
    @MethodSource("timeDecay")
    void timeDecay(String spec, double[] days, double[] expected) {
        check(spec, daysBefore(1, days), expected);
    }

    @Test
    void timeDecayIsExactToTheMicrosecond() {
        // one microsecond apart with a half-life of one microsecond: weights 1/2 and 1
        check("time_decay(half_life=1us)", microsBefore(CONVERSION, 1, 0), c(1 / 3.0, 2 / 3.0));
        // 7 days minus 1 µs is not 7 days
        double[] almost = AttributionModels.parse("t", "time_decay").credits(microsBefore(CONVERSION, 7 * MICROS_PER_DAY - 1, 0));
        assertThat(almost[0]).isGreaterThan(1 / 3.0);
    }

    @Test
    void timeDecayUnderflowsOnlyTheFarTouchpoints() {
        // 1000 half-lives apart: the far weight is 2^-1000 relative, which is below the sum's precision
        double[] credits = AttributionModels.parse("t", "time_decay(half_life=1h)")
                .credits(daysBefore(1, 1000 / 24.0 + 10 * 365, 10 * 365));
        assertThat(credits[0]).isGreaterThanOrEqualTo(0).isLessThan(1e-300);
        assertThat(credits[1]).isEqualTo(1.0);
    }

    @Test
    void timeDecayDoesNotDependOnTheConversionTimeOnlyOnTheGaps() {
        AttributionModel m = AttributionModels.parse("t", "time_decay");
        double[] near = m.credits(daysBefore(1, 9, 6, 0, 0));
        Journey later = new Journey("c1", "purchase", CONVERSION + 400 * MICROS_PER_DAY, 1,
                daysBefore(1, 9, 6, 0, 0).touchpoints());
        assertThat(m.credits(later)).containsExactly(near);
    }
    // ---- u_shaped, w_shaped, full_path: milestones ------------------------------------------------

    /** No milestone: NaN. Positions as in {@link TestJourneys#withMilestones}: 2 = at touchpoint 2's start. */
    private static final double NO = Double.NaN;

    static Stream<Arguments> milestones() {
        double r5 = 0.1 / 5;
        double r3 = 0.1 / 3;
        return Stream.of(
            // u_shaped: 0.5 / 0.5, nothing left for the others
            arguments("u_shaped", 1, 1, NO, NO, c(1)),
            arguments("u_shaped", 1, NO, NO, NO, c(1)),
            arguments("u_shaped", 3, 2, NO, NO, c(0.5, 0.5, 0)),
            arguments("u_shaped", 3, 2.5, NO, NO, c(0.5, 0.5, 0)), // between 2 and 3: touchpoint 2
            arguments("u_shaped", 3, 1, NO, NO, c(1, 0, 0)), // the lead touch is the first touch: both shares
            arguments("u_shaped", 3, NO, NO, NO, c(1, 0, 0)), // missing: its share to the first touch
            arguments("u_shaped", 3, 0.5, NO, NO, c(1, 0, 0)), // before the first touchpoint: missing
            arguments("u_shaped", 3, 9, NO, NO, c(0.5, 0, 0.5)), // after the conversion: the latest touchpoint
            arguments("u_shaped", 3, 3, 1, 1, c(0.5, 0, 0.5)), // other milestones are not u_shaped's
            arguments("u_shaped(first=0.4,lead=0.4)", 4, 3, NO, NO, c(0.4, 0.1, 0.4, 0.1)),
            arguments("u_shaped(first=0.4,lead=0.4)", 2, 1, NO, NO, c(0.8, 0.2)),
            arguments("u_shaped(first=0.4,lead=0.4)", 2, 2, NO, NO, c(0.5, 0.5)), // no others: rest to all
            arguments("u_shaped(first=0.4,lead=0.4)", 1, NO, NO, NO, c(1)),
            // w_shaped: 0.3 each, the rest 0.1 to the others
            arguments("w_shaped", 6, 2, 4, NO, c(0.3, 0.3, 0.1 / 3, 0.3, 0.1 / 3, 0.1 / 3)),
            arguments("w_shaped", 6, 2, NO, NO, c(0.45, 0.45, 0.025, 0.025, 0.025, 0.025)),
            arguments("w_shaped", 6, NO, NO, NO, c(0.9, r5, r5, r5, r5, r5)),
            arguments("w_shaped", 6, NO, 4, NO, c(0.45, 0.025, 0.025, 0.45, 0.025, 0.025)),
            arguments("w_shaped", 4, 0.5, 3, NO, c(0.45, 0.05, 0.45, 0.05)),
            arguments("w_shaped", 3, 2, 2, NO, c(0.3, 0.6, 0.1)), // one touch of two milestones
            arguments("w_shaped", 3, 2, 3, NO, c(1 / 3.0, 1 / 3.0, 1 / 3.0)), // no others: rest to all three
            arguments("w_shaped", 2, 2, NO, NO, c(0.5, 0.5)),
            arguments("w_shaped", 1, 1, 1, NO, c(1)),
            arguments("w_shaped", 1, NO, NO, NO, c(1)),
            arguments("w_shaped(first=0,lead=0,opportunity=0)", 3, 2, NO, NO, c(0, 0, 1)),
            arguments("w_shaped(first=0,lead=0,opportunity=0)", 2, 2, NO, NO, c(0.5, 0.5)),
            arguments("w_shaped(first=0.2,lead=0.2,opportunity=0.6)", 4, 2, 3, NO, c(0.2, 0.2, 0.6, 0)),
            // full_path: 0.225 each, the rest 0.1 to the others
            arguments("full_path", 6, 2, 4, 6, c(0.225, 0.225, 0.05, 0.225, 0.05, 0.225)),
            arguments("full_path", 6, 2, 4, NO, c(0.3, 0.3, 0.1 / 3, 0.3, 0.1 / 3, 0.1 / 3)),
            arguments("full_path", 6, 2, NO, 6, c(0.3, 0.3, r3, r3, r3, 0.3)),
            arguments("full_path", 4, NO, NO, NO, c(0.9, r3, r3, r3)),
            arguments("full_path", 4, 2, 2, 4, c(0.225, 0.45, 0.1, 0.225)),
            arguments("full_path", 3, 2, 3, 3, c(0.225 + r3, 0.225 + r3, 0.45 + r3)),
            arguments("full_path", 3, 0.5, 0.5, 0.5, c(0.9, 0.05, 0.05)),
            arguments("full_path", 1, 1, 1, 1, c(1)),
            arguments("full_path(first=0.25,lead=0.25,opportunity=0.25,won=0.25)", 5, 2, 3, 4,
                    c(0.25, 0.25, 0.25, 0.25, 0)));
    }

    @ParameterizedTest(name = "{0}, n={1}, lead {2}, opportunity {3}, won {4}")
    @MethodSource("milestones")
    void milestoneModels(String spec, int n, double lead, double opportunity, double won, double[] expected) {
        check(spec, withMilestones(ofSize(n), lead, opportunity, won), expected);
    }

    @Test
    void milestoneAtATouchpointsExactStartIsThatTouchpoint() {
        Journey j = withMilestones(ofSize(3), 2, NO, NO);
        long leadTime = j.milestones().get(Journey.LEAD);
        assertThat(leadTime).isEqualTo(j.touchpoints().get(1).timeMicros());
        check("u_shaped", j, c(0.5, 0.5, 0));
        // one microsecond earlier it is touchpoint 1's
        Journey earlier = new Journey("c1", "purchase", CONVERSION, 100, j.touchpoints(), Map.of(Journey.LEAD, leadTime - 1));
        check("u_shaped", earlier, c(1, 0, 0));
    }

    @Test
    void milestoneTouchIsTheLatestStartNotTheLastInJourneyOrder() {
        // the converting session (3) started before session 2 on another device, and is still last
        long h = TestJourneys.MICROS_PER_HOUR;
        List<Touchpoint> tps = List.of(TestJourneys.tp("s1", CONVERSION - 10 * h, "Email"),
                TestJourneys.tp("s2", CONVERSION - 4 * h, "Paid Search"), TestJourneys.tp("s3", CONVERSION - 5 * h, DIRECT));
        check("u_shaped", new Journey("c1", "purchase", CONVERSION, 100, tps, Map.of(Journey.LEAD, CONVERSION - 3 * h)),
                c(0.5, 0.5, 0));
        check("u_shaped", new Journey("c1", "purchase", CONVERSION, 100, tps, Map.of(Journey.LEAD, CONVERSION - 9 * h / 2)),
                c(0.5, 0, 0.5));
        // equal starts: the later in journey order
        List<Touchpoint> tied = List.of(TestJourneys.tp("s1", CONVERSION - 10 * h, "Email"),
                TestJourneys.tp("s2", CONVERSION - 4 * h, "Paid Search"), TestJourneys.tp("s3", CONVERSION - 4 * h, DIRECT));
        check("u_shaped", new Journey("c1", "purchase", CONVERSION, 100, tied, Map.of(Journey.LEAD, CONVERSION - 3 * h)),
                c(0.5, 0, 0.5));
    }

    @Test
    void journeysWithoutMilestonesAsBuiltTodayGiveTheMilestoneSharesToTheFirstTouch() {
        check("w_shaped", ofSize(3), c(0.9, 0.05, 0.05));
        check("full_path", ofSize(2), c(0.9, 0.1));
        check("u_shaped", ofSize(4), c(1, 0, 0, 0));
        assertThat(ofSize(3).milestones()).isEmpty();
    }

    // ---- hybrid: self-reported ---------------------------------------------------------------------

    private static Journey answered(String answer, String... channels) {
        Journey j = withChannels(channels);
        return new Journey(j.conversionId(), j.goal(), j.conversionTimeMicros(), j.value(), j.touchpoints(),
                j.milestones(), answer);
    }

    static Stream<Arguments> hybrid() {
        String[] four = {"Email", "Paid Search", "Organic Search", "Direct"};
        return Stream.of(
            // no answer (or a blank one): the base model
            arguments("hybrid", answered(null, four), c(0.25, 0.25, 0.25, 0.25), 0.0),
            arguments("hybrid", answered("  ", four), c(0.25, 0.25, 0.25, 0.25), 0.0),
            arguments("hybrid(base=first,self_reported=0.5)", answered(null, four), c(1, 0, 0, 0), 0.0),
            // answered channel in the journey once
            arguments("hybrid", answered("Paid Search", four), c(0.125, 0.625, 0.125, 0.125), 0.0),
            arguments("hybrid(base=last,self_reported=0.3)", answered("Email", four), c(0.3, 0, 0, 0.7), 0.0),
            arguments("hybrid(base=last,self_reported=0.3)", answered("Direct", four), c(0, 0, 0, 1), 0.0),
            // several times: split equally over them
            arguments("hybrid", answered("Email", "Email", "Direct", "Email", "Referral"),
                    c(0.125 + 0.25, 0.125, 0.125 + 0.25, 0.125), 0.0),
            // not in the journey: scaled base, the share off the journey
            arguments("hybrid", answered("Podcast", four), c(0.125, 0.125, 0.125, 0.125), 0.5),
            arguments("hybrid(base=first,self_reported=0.2)", answered("Podcast", four), c(0.8, 0, 0, 0), 0.2),
            arguments("hybrid(base=linear,self_reported=1)", answered("Podcast", four), c(0, 0, 0, 0), 1.0),
            arguments("hybrid(base=linear,self_reported=1)", answered("Direct", four), c(0, 0, 0, 1), 0.0),
            arguments("hybrid(base=linear,self_reported=0)", answered("Podcast", four), c(0.25, 0.25, 0.25, 0.25), 0.0),
            // channel names compare exactly
            arguments("hybrid", answered("paid search", four), c(0.125, 0.125, 0.125, 0.125), 0.5),
            arguments("hybrid", answered(" Paid Search ", four), c(0.125, 0.625, 0.125, 0.125), 0.0),
            arguments("hybrid", answered("Podcast", "Email"), c(0.5), 0.5),
            arguments("hybrid", answered("Email", "Email"), c(1), 0.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void hybrid(String spec, Journey journey, double[] expected, double off) {
        check(spec, journey, expected);
        assertThat(AttributionModels.parse("test", spec).offJourneyCredit(journey)).isCloseTo(off, within(D));
    }

    @Test
    void journeysAsBuiltTodayHaveNoAnswerAndHybridIsItsBase() {
        Journey j = ofSize(5);
        assertThat(j.selfReportedChannel()).isNull();
        for (String base : List.of("linear", "time_decay", "w_shaped", "position_based")) {
            AttributionModel hybrid = AttributionModels.parse("test", "hybrid(base=" + base + ",self_reported=0.6)");
            assertThat(hybrid.credits(j)).containsExactly(AttributionModels.parse("test", base).credits(j));
            assertThat(hybrid.offJourneyCredit(j)).isZero();
        }
        assertThat(AttributionModels.parse("test", "linear").offJourneyCredit(answered("Podcast", "Email"))).isZero();
    }
}
