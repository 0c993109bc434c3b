package io.touchpoint.core.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming matcher against a brute-force reference that follows docs/funnels.md literally: it
 * simulates every attempt (every step-1 event, and at every event that could fill the next step,
 * both taking it and skipping it, except under strict_deduplication, where it must take it), applies
 * the rules to each attempt on its own and picks the best by the documented order. Small random
 * units: up to 8 events, up to 4 steps, random masks, many equal times, every combination of modes,
 * with and without exclusions.
 */
class FunnelMatcherEquivalenceTest {

    record Ev(long time, long steps, long exclusions, String breakdown) {
    }

    /** A candidate: step times, step-1 event's breakdown and its position in processing order. */
    record Attempt(long[] times, String breakdown, int start) {
    }

    @Test
    void streamingMatcherEqualsBruteForce() {
        Random rnd = new Random(20260801L);
        List<Set<FunnelMode>> modeSets = new ArrayList<>();
        for (int bits = 0; bits < 8; bits++) {
            Set<FunnelMode> s = EnumSet.noneOf(FunnelMode.class);
            for (FunnelMode m : FunnelMode.values()) {
                if ((bits & (1 << m.ordinal())) != 0) {
                    s.add(m);
                }
            }
            modeSets.add(s);
        }
        long[] windows = {0, 1, 2, 3, 5, 1_000};
        int cases = 0;
        int[] levels = new int[5];
        for (int round = 0; round < 25_000; round++) {
            int steps = 1 + rnd.nextInt(4);
            long window = windows[rnd.nextInt(windows.length)];
            List<Exclusion> exclusions = new ArrayList<>();
            if (steps >= 2 && rnd.nextBoolean()) {
                int count = 1 + rnd.nextInt(2);
                for (int x = 0; x < count; x++) {
                    int from = 1 + rnd.nextInt(steps - 1);
                    int to = from + 1 + rnd.nextInt(steps - from);
                    exclusions.add(new Exclusion(from, to));
                }
            }
            List<Ev> events = randomEvents(rnd, steps, exclusions.size());
            for (Set<FunnelMode> modes : modeSets) {
                FunnelSpec spec = new FunnelSpec("random", steps, window, modes, exclusions);
                FunnelResult expected = bruteForce(spec, events);
                FunnelMatcher m = new FunnelMatcher(spec);
                for (Ev e : events) {
                    m.accept(e.time(), e.steps(), e.exclusions(), e.breakdown());
                }
                assertThat(m.result()).as("%s on %s", spec, events).isEqualTo(expected);
                // equal times may arrive in any order: same result
                m.reset();
                for (Ev e : shuffleGroups(rnd, events)) {
                    m.accept(e.time(), e.steps(), e.exclusions(), e.breakdown());
                }
                assertThat(m.result()).as("%s on %s, shuffled", spec, events).isEqualTo(expected);
                levels[expected.level()]++;
                cases++;
            }
        }
        assertThat(cases).isEqualTo(200_000);
        // the random units reach every level often enough to mean something
        for (int level = 0; level <= 4; level++) {
            assertThat(levels[level]).as("units at level %d", level).isGreaterThan(500);
        }
    }

    private static List<Ev> shuffleGroups(Random rnd, List<Ev> events) {
        List<Ev> out = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int j = i;
            while (j < events.size() && events.get(j).time() == events.get(i).time()) {
                j++;
            }
            List<Ev> group = new ArrayList<>(events.subList(i, j));
            java.util.Collections.shuffle(group, rnd);
            out.addAll(group);
            i = j;
        }
        return out;
    }

    private static List<Ev> randomEvents(Random rnd, int steps, int exclusionCount) {
        int n = rnd.nextInt(9);
        long[] times = new long[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(3); // many equal times
            times[i] = t;
        }
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long stepMask = 0;
            int r = rnd.nextInt(10);
            if (r < 6) {
                stepMask = 1L << rnd.nextInt(steps); // one step
            } else if (r < 8) {
                stepMask = rnd.nextLong() & ((1L << steps) - 1); // several or none
            }
            long exMask = exclusionCount > 0 && rnd.nextInt(5) == 0 ? 1L + rnd.nextInt((1 << exclusionCount) - 1) : 0;
            events.add(new Ev(times[i], stepMask, exMask, rnd.nextInt(4) == 0 ? null : "e" + rnd.nextInt(4)));
        }
        return events;
    }

    // ---- the reference --------------------------------------------------------------------------

    static FunnelResult bruteForce(FunnelSpec spec, List<Ev> input) {
        // processing order: time, then the lowest step the event matches (none: last), then arrival
        List<Ev> events = new ArrayList<>(input);
        // (then no exclusion first, by exclusion mask, by step mask, by breakdown, none last)
        events.sort(Comparator.comparingLong(Ev::time).thenComparingInt((Ev e) -> lowestStep(e, spec.steps()))
                .thenComparing(Ev::exclusions, Long::compareUnsigned)
                .thenComparing(Ev::steps, Long::compareUnsigned)
                .thenComparing(Ev::breakdown, Comparator.nullsLast(Comparator.naturalOrder())));
        List<Attempt> counted = new ArrayList<>();
        for (int s = 0; s < events.size(); s++) {
            if (matches(events.get(s), 1)) {
                follow(spec, events, s + 1, new long[] {events.get(s).time()}, events.get(s).breakdown(), s, counted);
            }
        }
        Attempt best = null;
        for (Attempt a : counted) {
            if (best == null || isBetter(a, best)) {
                best = a;
            }
        }
        return best == null ? new FunnelResult(0, new long[0], null)
                : new FunnelResult(best.times().length, best.times(), best.breakdown());
    }

    /** One attempt at level times.length, about to see event i; adds it to counted when it ends and counts. */
    private static void follow(FunnelSpec spec, List<Ev> events, int i, long[] times, String breakdown, int start,
                               List<Attempt> counted) {
        int level = times.length;
        if (level == spec.steps() || i == events.size()) {
            counted.add(new Attempt(times, breakdown, start)); // complete, or the unit's events are over
            return;
        }
        Ev e = events.get(i);
        for (int x = 0; x < spec.exclusions().size(); x++) {
            Exclusion ex = spec.exclusions().get(x);
            if ((e.exclusions() & (1L << x)) != 0 && ex.fromStep() <= level && level < ex.toStep()) {
                return; // disqualified: counts for nothing
            }
        }
        boolean dedup = spec.has(FunnelMode.STRICT_DEDUPLICATION);
        if (dedup) {
            for (int k = 2; k <= level; k++) {
                if (matches(e, k)) {
                    // strict_deduplication: repeats one of steps 2..level, so it ends the attempt
                    // even if it could also fill the next step
                    counted.add(new Attempt(times, breakdown, start));
                    return;
                }
            }
        }
        boolean canTake = matches(e, level + 1)
                && e.time() - times[0] <= spec.windowMicros()
                && (!spec.has(FunnelMode.STRICT_INCREASE) || e.time() > times[level - 1]);
        if (canTake) {
            long[] longer = java.util.Arrays.copyOf(times, level + 1);
            longer[level] = e.time();
            follow(spec, events, i + 1, longer, breakdown, start, counted);
            if (dedup) {
                return; // strict_deduplication: no skipping, the earliest event that can fill it is taken
            }
        }
        // the attempt does not take this event. strict_deduplication ends it on a repeat of step 1
        // before step 2 (from step 2 on, a step-1 event only starts another attempt); strict_order if
        // the event neither repeats the step just reached nor matches the next one
        boolean ended = dedup && level == 1 && matches(e, 1)
                || spec.has(FunnelMode.STRICT_ORDER) && !matches(e, level) && !matches(e, level + 1);
        if (ended) {
            counted.add(new Attempt(times, breakdown, start));
        } else {
            follow(spec, events, i + 1, times, breakdown, start, counted);
        }
    }

    private static boolean matches(Ev e, int step) {
        return step >= 1 && step <= 63 && (e.steps() & (1L << (step - 1))) != 0;
    }

    private static int lowestStep(Ev e, int steps) {
        for (int k = 1; k <= steps; k++) {
            if (matches(e, k)) {
                return k;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Higher level; then earlier last step; then later start; then earlier steps from the last but one down; then first step-1 event. */
    private static boolean isBetter(Attempt a, Attempt b) {
        long[] x = a.times();
        long[] y = b.times();
        if (x.length != y.length) {
            return x.length > y.length;
        }
        int k = x.length - 1;
        if (x[k] != y[k]) {
            return x[k] < y[k];
        }
        if (x[0] != y[0]) {
            return x[0] > y[0];
        }
        for (int i = k - 1; i >= 1; i--) {
            if (x[i] != y[i]) {
                return x[i] < y[i];
            }
        }
        return a.start() < b.start();
    }

    @Test
    void referenceAgreesWithTheHandWrittenTables() {
        // a few rows of FunnelMatcherTest through the reference, so the two checks check each other
        FunnelFixture f = FunnelFixture.funnel("a b c", "10s", "strict_deduplication");
        List<Ev> events = new ArrayList<>();
        for (FunnelFixture.Ev e : f.events("a@0 b@1 b@2 c@3")) {
            events.add(new Ev(e.time(), e.stepMask(), e.exclusionMask(), e.breakdown()));
        }
        assertThat(bruteForce(f.spec(), events)).isEqualTo(FunnelFixture.result("0 1"));
        FunnelFixture g = FunnelFixture.funnel("a b c", "10s").exclude("x", 2, 3);
        List<Ev> more = new ArrayList<>();
        for (FunnelFixture.Ev e : g.events("a@0 b@1 x@2 b@3 c@4")) {
            more.add(new Ev(e.time(), e.stepMask(), e.exclusionMask(), e.breakdown()));
        }
        assertThat(bruteForce(g.spec(), more)).isEqualTo(FunnelFixture.result("0 3 4"));
    }
}
