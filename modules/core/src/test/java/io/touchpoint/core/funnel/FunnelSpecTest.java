package io.touchpoint.core.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.touchpoint.core.error.TouchpointException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Modes by config name, the checks of FunnelSpec and Exclusion, and FunnelResult as a value. */
class FunnelSpecTest {

    static Stream<Arguments> modeNames() {
        return Stream.of(
            arguments("strict_order", FunnelMode.STRICT_ORDER),
            arguments("strict_deduplication", FunnelMode.STRICT_DEDUPLICATION),
            arguments("strict_increase", FunnelMode.STRICT_INCREASE),
            arguments(" Strict_Order ", FunnelMode.STRICT_ORDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modeNames")
    void modeParsesItsConfigName(String value, FunnelMode expected) {
        assertThat(FunnelMode.parse("touchpoint.funnels[0].mode[0]", value)).isEqualTo(expected);
        assertThat(expected.configName()).isEqualTo(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void unknownModeIsAConfigErrorListingTheNames() {
        assertThatThrownBy(() -> FunnelMode.parse("touchpoint.funnels[0].mode[1]", "strict"))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.where()).isEqualTo("touchpoint.funnels[0].mode[1]");
                    assertThat(e.value()).isEqualTo("strict");
                })
                .hasMessage("Unknown funnel mode: touchpoint.funnels[0].mode[1] = strict. "
                        + "Use one of: strict_order, strict_deduplication, strict_increase.");
        assertThatThrownBy(() -> FunnelMode.parse("k", null)).isInstanceOf(TouchpointException.class);
    }

    static Stream<Arguments> badExclusions() {
        return Stream.of(arguments(0, 1), arguments(1, 1), arguments(2, 1), arguments(-1, 3));
    }

    @ParameterizedTest(name = "from {0} to {1}")
    @MethodSource("badExclusions")
    void exclusionNeedsFromBeforeTo(int from, int to) {
        assertThatThrownBy(() -> new Exclusion(from, to)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 <= fromStep < toStep");
    }

    @Test
    void exclusionCoversTheLevelsFromUpToBeforeTo() {
        Exclusion e = new Exclusion(2, 4);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(e::covers)).containsExactly(false, true, true, false, false);
    }

    @Test
    void specChecks() {
        assertThatThrownBy(() -> new FunnelSpec("f", 0, 0, Set.of(), List.of())).hasMessageContaining("1 to 63 steps");
        assertThatThrownBy(() -> new FunnelSpec("f", 64, 0, Set.of(), List.of())).hasMessageContaining("1 to 63 steps");
        assertThatThrownBy(() -> new FunnelSpec("f", 2, -1, Set.of(), List.of())).hasMessageContaining("window >= 0");
        assertThatThrownBy(() -> new FunnelSpec("f", 2, 0, Set.of(), List.of(new Exclusion(1, 3))))
                .hasMessageContaining("after the last");
        List<Exclusion> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(new Exclusion(1, 2));
        }
        assertThatThrownBy(() -> new FunnelSpec("f", 2, 0, Set.of(), many)).hasMessageContaining("at most 64");
        FunnelSpec ok = new FunnelSpec("f", 63, 0, null, null);
        assertThat(ok.modes()).isEmpty();
        assertThat(ok.exclusions()).isEmpty();
        assertThat(new FunnelSpec("f", 2, 5, Set.of(FunnelMode.STRICT_ORDER), many.subList(0, 64)).has(FunnelMode.STRICT_ORDER))
                .isTrue();
    }

    @Test
    void sixtyThreeStepsAndSixtyFourExclusions() {
        List<Exclusion> ex = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ex.add(new Exclusion(62, 63));
        }
        FunnelMatcher m = new FunnelMatcher(new FunnelSpec("f", 63, 0, Set.of(), ex));
        for (int k = 0; k < 63; k++) {
            m.accept(0, 1L << k, 0, "bd");
        }
        assertThat(m.result().level()).isEqualTo(63);
        m.reset();
        for (int k = 0; k < 62; k++) {
            m.accept(0, 1L << k, 0, "bd");
        }
        m.accept(0, 0, 1L << 63, null); // the 64th exclusion disqualifies the attempt at step 62 ...
        assertThat(m.result().level()).isEqualTo(61); // ... and the one that stayed at 61 is kept
    }

    @Test
    void resultIsAValue() {
        FunnelResult a = new FunnelResult(2, new long[] {1, 2}, "x");
        FunnelResult b = new FunnelResult(2, new long[] {1, 2}, "x");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(new FunnelResult(2, new long[] {1, 3}, "x"))
                .isNotEqualTo(new FunnelResult(2, new long[] {1, 2}, null));
        assertThat(a.toString()).isEqualTo("FunnelResult[level=2, stepTimesMicros=[1, 2], breakdown=x]");
        assertThat(FunnelResult.none()).isEqualTo(new FunnelResult(0, new long[0], null));
        long[] times = {5};
        FunnelResult r = new FunnelResult(1, times, null);
        times[0] = 6;
        r.stepTimesMicros()[0] = 7;
        assertThat(r.stepTimesMicros()).containsExactly(5);
        assertThat(r.stepTime(1)).isEqualTo(5);
        assertThatThrownBy(() -> new FunnelResult(2, new long[] {1}, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
