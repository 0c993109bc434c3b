package io.touchpoint.core.attribution.fitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact Markov chain solver: a chain worked on paper, order-k states, collapsed repeats, the
 * solver against a brute-force enumeration of paths, and the direct and iterative solvers against
 * each other.
 */
class MarkovChainTest {
    private static final double EPS = 1e-12;

    /**
     * Journeys A > B (converts), A (does not), B (does not). Transitions: start → A 2/3, → B 1/3;
     * A → B 1/2, → null 1/2; B → conversion 1/2, → null 1/2. P(conversion) = 2/3 · 1/2 · 1/2 +
     * 1/3 · 1/2 = 1/3. Without A: 1/3 · 1/2 = 1/6, removal effect 1 − (1/6)/(1/3) = 0.5; without B:
     * 0, removal effect 1. The one conversion: A 0.5 / 1.5 = 1/3, B 2/3.
     */
    @Test
    void aChainWorkedOnPaper() {
        MarkovCounts c = new MarkovCounts(1, false);
        c.add(List.of("A", "B"), true, 90, 1);
        c.add(List.of("A"), false, 0, 1);
        c.add(List.of("B"), false, 0, 1);
        MarkovChain.Result r = MarkovChain.solve(c);
        assertThat(r.conversionProbability()).isCloseTo(1 / 3.0, within(EPS));
        assertThat(r.removalEffects().get("A")).isCloseTo(0.5, within(EPS));
        assertThat(r.removalEffects().get("B")).isCloseTo(1.0, within(EPS));
        assertThat(r.conversions().get("A")).isCloseTo(1 / 3.0, within(EPS));
        assertThat(r.conversions().get("B")).isCloseTo(2 / 3.0, within(EPS));
        assertThat(r.value().get("A") + r.value().get("B")).isCloseTo(90, within(1e-9));
        assertThat(r.states()).isEqualTo(3); // start, A, B
    }

    @Test
    void orderKStatesRememberTheLatestKChannelsAndRepeatsAreSelfTransitionsUnlessCollapsed() {
        MarkovCounts two = new MarkovCounts(2, false);
        two.add(List.of("A", "B", "C"), true, 0, 1);
        String sep = String.valueOf(MarkovCounts.SEPARATOR);
        assertThat(two.transitions()).isEqualTo(Map.of(
                MarkovCounts.START, Map.of("A", 1L),
                "A", Map.of("A" + sep + "B", 1L),
                "A" + sep + "B", Map.of("B" + sep + "C", 1L),
                "B" + sep + "C", Map.of(MarkovCounts.CONVERSION, 1L)));
        MarkovCounts repeats = new MarkovCounts(1, false);
        repeats.add(List.of("A", "A", "B"), false, 0, 2);
        assertThat(repeats.transitions().get("A")).isEqualTo(Map.of("A", 2L, "B", 2L));
        MarkovCounts collapsed = new MarkovCounts(1, true);
        collapsed.add(List.of("A", "A", "B"), false, 0, 2);
        assertThat(collapsed.transitions().get("A")).isEqualTo(Map.of("B", 2L));
        assertThat(collapsed.journeys()).isEqualTo(2);
    }

    @Test
    void countsMergeAsIfGatheredTogether() {
        Random random = new Random(21);
        List<Object[]> journeys = randomJourneys(random, 4, 40);
        MarkovCounts all = new MarkovCounts(2, false);
        MarkovCounts a = new MarkovCounts(2, false);
        MarkovCounts b = new MarkovCounts(2, false);
        for (int i = 0; i < journeys.size(); i++) {
            add(all, journeys.get(i));
            add(i % 2 == 0 ? a : b, journeys.get(i));
        }
        MarkovChain.Result merged = MarkovChain.solve(a.merge(b));
        MarkovChain.Result together = MarkovChain.solve(all);
        assertThat(merged).isEqualTo(together);
    }

    @Test
    void theSolverAgreesWithABruteForceEnumerationOfPaths() {
        Random random = new Random(4);
        for (int round = 0; round < 60; round++) {
            int order = 1 + random.nextInt(2);
            MarkovCounts c = new MarkovCounts(order, true);
            randomJourneys(random, 3, 2 + random.nextInt(8)).forEach(j -> add(c, j));
            if (c.conversions() == 0) {
                continue;
            }
            MarkovChain.Result r = MarkovChain.solve(c);
            double[] all = enumerate(c, null);
            // The walk finds at least all[0] of the conversion probability; all[1] is what it left unwalked.
            assertThat(r.conversionProbability()).as("round " + round).isBetween(all[0] - EPS, all[0] + all[1] + EPS);
            assertThat(all[1]).isLessThan(1e-4);
            for (String channel : r.removalEffects().keySet()) {
                double[] without = enumerate(c, channel);
                double p = r.conversionProbability() * (1 - r.removalEffects().get(channel));
                assertThat(p).as("round " + round + " " + channel).isBetween(without[0] - EPS, without[0] + without[1] + EPS);
            }
            double total = r.conversions().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(total).isCloseTo(c.conversions(), within(1e-9));
        }
    }

    @Test
    void theIterativeSolverAgreesWithTheDirectOne() {
        Random random = new Random(9);
        for (int round = 0; round < 10; round++) {
            MarkovCounts c = new MarkovCounts(1 + random.nextInt(3), random.nextBoolean());
            randomJourneys(random, 6, 200).forEach(j -> add(c, j));
            MarkovChain.Result direct = MarkovChain.solve(c, Integer.MAX_VALUE);
            MarkovChain.Result iterative = MarkovChain.solve(c, 0);
            assertThat(iterative.conversionProbability()).isCloseTo(direct.conversionProbability(), within(1e-10));
            direct.removalEffects().forEach((ch, re) -> assertThat(iterative.removalEffects().get(ch)).isCloseTo(re, within(1e-9)));
        }
    }

    @Test
    void withoutConversionsNoChannelHasAnEffect() {
        MarkovCounts c = new MarkovCounts(1, false);
        c.add(List.of("A", "B"), false, 0, 3);
        MarkovChain.Result r = MarkovChain.solve(c);
        assertThat(r.conversionProbability()).isZero();
        assertThat(r.removalEffects()).containsOnly(Map.entry("A", 0.0), Map.entry("B", 0.0));
        assertThat(r.conversions().values()).containsOnly(0.0);
    }

    /** Journeys as {channels, converted, value, times}. */
    private static List<Object[]> randomJourneys(Random random, int channels, int count) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> path = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                path.add(String.valueOf((char) ('A' + random.nextInt(channels))));
            }
            boolean converted = random.nextInt(3) == 0;
            out.add(new Object[] {path, converted, converted ? 10.0 * (1 + random.nextInt(5)) : 0.0, 1L + random.nextInt(3)});
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(MarkovCounts c, Object[] j) {
        c.add((List<String>) j[0], (Boolean) j[1], (Double) j[2], (Long) j[3]);
    }

    /**
     * P(conversion) by walking every path from start with its probability (the product of its
     * transitions'), the states entered by {@code removed} leading nowhere, until what is left to
     * walk weighs under 1e-13: {the probability of the paths walked to a conversion, the weight left
     * unwalked}, so the true probability lies between the first and their sum.
     */
    private static double[] enumerate(MarkovCounts c, String removed) {
        Map<String, Map<String, Double>> p = new HashMap<>();
        c.transitions().forEach((from, tos) -> {
            double total = tos.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Double> m = new HashMap<>();
            tos.forEach((to, n) -> m.put(to, n / total));
            p.put(from, m);
        });
        double[] out = new double[2];
        walk(p, MarkovCounts.START, 1.0, removed, out);
        return out;
    }

    private static void walk(Map<String, Map<String, Double>> p, String state, double weight, String removed, double[] out) {
        if (state.equals(MarkovCounts.CONVERSION)) {
            out[0] += weight;
            return;
        }
        if (state.equals(MarkovCounts.NULL) || removed != null && removed.equals(MarkovCounts.latestChannel(state))) {
            return;
        }
        if (weight < 1e-13) {
            out[1] += weight;
            return;
        }
        for (Map.Entry<String, Double> e : p.getOrDefault(state, Map.of()).entrySet()) {
            walk(p, e.getKey(), weight * e.getValue(), removed, out);
        }
    }
}
