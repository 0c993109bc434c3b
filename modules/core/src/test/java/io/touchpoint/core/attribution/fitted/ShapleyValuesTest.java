package io.touchpoint.core.attribution.fitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shapley values: worked numbers, efficiency, symmetry, the closed form against enumeration, sampling. */
class ShapleyValuesTest {
    private static final double EPS = 1e-12;

    /**
     * Journeys {A} converts twice, {A, B} once (value 30), {B} once without converting. Worth
     * conversions: A 2 + 1/2 = 2.5, B 1/2. Worth conversion rate: v({A}) = 2/2 = 1, v({B}) = 0/1 =
     * 0, v({A, B}) = 3/4; φ_A = ½(1 − 0) + ½(3/4 − 0) = 7/8, φ_B = ½(0) + ½(3/4 − 1) = −1/8; scaled
     * to the 3 conversions: A 3 × (7/8)/(6/8) = 3.5, B −0.5.
     */
    @Test
    void workedExample() {
        ShapleyValues s = new ShapleyValues();
        s.add(List.of("A"), true, 0, 2);
        s.add(List.of("A", "B", "A"), true, 30, 1);
        s.add(List.of("B"), false, 0, 1);
        ShapleyValues.Result conversions = s.solve(ShapleyValues.Worth.CONVERSIONS, 0, 0);
        assertThat(conversions.conversions()).isEqualTo(Map.of("A", 2.5, "B", 0.5));
        assertThat(conversions.value()).isEqualTo(Map.of("A", 15.0, "B", 15.0));
        ShapleyValues.Result rate = s.solve(ShapleyValues.Worth.CONVERSION_RATE, 0, 0);
        assertThat(rate.conversions().get("A")).isCloseTo(3.5, within(EPS));
        assertThat(rate.conversions().get("B")).isCloseTo(-0.5, within(EPS));
        assertThat(rate.exact()).isTrue();
    }

    @Test
    void efficiencyAndSymmetryOnRandomJourneys() {
        Random random = new Random(24);
        for (int round = 0; round < 50; round++) {
            ShapleyValues s = new ShapleyValues();
            double conversions = 0;
            for (int j = 0; j < 30; j++) {
                List<String> path = new ArrayList<>();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    path.add("c" + random.nextInt(6));
                }
                boolean converted = random.nextBoolean();
                conversions += converted ? 1 : 0;
                s.add(path, converted, 1, 1);
            }
            for (ShapleyValues.Worth w : ShapleyValues.Worth.values()) {
                double total = s.solve(w, 0, 0).conversions().values().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(total).as(w + " round " + round).isCloseTo(conversions, within(1e-9));
            }
        }
        // Symmetry: X and Y appear only together, so they share alike under both worths.
        ShapleyValues s = new ShapleyValues();
        s.add(Set.of("X", "Y"), true, 0, 3);
        s.add(Set.of("X", "Y", "Z"), false, 0, 2);
        s.add(Set.of("Z"), true, 0, 1);
        for (ShapleyValues.Worth w : ShapleyValues.Worth.values()) {
            Map<String, Double> c = s.solve(w, 0, 0).conversions();
            assertThat(c.get("X")).as(w.name()).isCloseTo(c.get("Y"), within(EPS));
        }
    }

    @Test
    void sampledOrdersComeCloseToTheExactValuesWithinTheirStatedError() {
        Random random = new Random(7);
        ShapleyValues s = new ShapleyValues();
        for (int j = 0; j < 300; j++) {
            List<String> path = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                path.add("c" + random.nextInt(10));
            }
            s.add(path, random.nextInt(3) == 0, 1, 1);
        }
        ShapleyValues.Result exact = s.solve(ShapleyValues.Worth.CONVERSION_RATE, 0, 0);
        ShapleyValues.Result sampled = s.solve(ShapleyValues.Worth.CONVERSION_RATE, 20_000, 42, 0);
        assertThat(exact.exact()).isTrue();
        assertThat(sampled.exact()).isFalse();
        assertThat(sampled.standardError()).isPositive();
        assertThat(s.solve(ShapleyValues.Worth.CONVERSION_RATE, 20_000, 42, 0)).isEqualTo(sampled); // seeded
        exact.conversions().forEach((c, v) -> assertThat(sampled.conversions().get(c)).as(c)
                .isCloseTo(v, within(5 * sampled.standardError())));
    }
}
