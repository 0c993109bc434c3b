package io.touchpoint.core.funnel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Matches one unit (a person or a session) at a time against one funnel and returns its best attempt
 * (docs/funnels.md is the definition). Memory is O(steps) per unit plus one group of events with equal
 * timestamps; not thread-safe.
 *
 * <p>How it works. Every step-1 event starts an attempt; an attempt at level j may take any later
 * event matching step j + 1 within the window, or skip it (it may use a later event instead), so the
 * attempts of a unit form a tree. The rules that end an attempt (strict_order, strict_deduplication)
 * or disqualify it (exclusions) depend only on its level and the event, so all attempts at one level
 * live and die together. Of those, two per level are enough (one under strict_deduplication, below):
 * <ul>
 *   <li>{@code next[j]}: the one that started <em>latest</em>. Any event another attempt at level j
 *       could take, it can take too (the window counts from the start), and what it makes of it is
 *       reported no worse, so new attempts at level j + 1 are only made from it;</li>
 *   <li>{@code best[j]}: the one that reached level j <em>first</em> (ties: started latest), the
 *       attempt reported if level j is where the unit ends.</li>
 * </ul>
 * An event's transitions are computed from the states as they were before it, so one event fills
 * one step of an attempt. A level ended by a strict rule hands {@code best[j]} to the result; a level
 * disqualified by an exclusion drops it. Under strict_increase the attempts that reached a level at
 * the current timestamp ({@code fresh[j]}) cannot advance until the next timestamp.
 *
 * <p>strict_deduplication, as ClickHouse's windowFunnel has it: an attempt may not skip; it takes the
 * earliest event that can fill its next step and so leaves its level. An event repeating one of
 * steps 2 … j ends the attempts at level j, even one it could move up, and a step-1 event ends those
 * still at level 1 (unless it moves them up) while it starts its own. So the event that brings an
 * attempt to a level ends whatever was there, and each level holds at most one attempt:
 * {@code best[j]}, which is also {@code next[j]} or {@code fresh[j]}.
 *
 * <p>Remaining ties, for a fully determined result: the attempt with the earlier times at the
 * steps before the last (compared from the last but one down to step 2), then the one whose step-1
 * event comes first in processing order. Equal-time events are processed in an order fixed by their
 * matches and breakdown (see {@link #flush}), so the result never depends on the order in which
 * events with the same time arrive.
 */
public final class FunnelMatcher implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SMALL_GROUP = 16;
    private static final int LARGE_GROUP = 4096;

    private final FunnelSpec spec;
    private final int steps;
    private final long window;
    private final boolean strictOrder;
    private final boolean strictDedup;
    private final boolean strictIncrease;
    private final long stepBits;
    private final long exclusionBits;
    /** coveredBy[j]: the exclusions (as a mask) that disqualify an attempt at level j. */
    private final long[] coveredBy;
    /**
     * filled[j]: under strict_deduplication, steps 2 … j as a mask: an event of one of them ends an
     * attempt at level j and never moves it up. 0 in the other modes.
     */
    private final long[] filled;

    // per-unit state, index = level 1 .. steps-1 (level steps is final and goes to result at once)
    private final Attempt[] next;
    private final Attempt[] fresh;
    private final Attempt[] best;
    private final Attempt[] arriving;
    private Attempt result;
    private long sequence;

    // the pending group of events with equal timestamps
    private boolean pending;
    private long groupTime;
    private int groupSize;
    private long[] groupSteps = new long[SMALL_GROUP];
    private boolean groupMayStart = true;
    private long[] groupExclusions = new long[SMALL_GROUP];
    private String[] groupBreakdowns = new String[SMALL_GROUP];

    public FunnelMatcher(FunnelSpec spec) {
        this.spec = spec;
        this.steps = spec.steps();
        this.window = spec.windowMicros();
        this.strictOrder = spec.has(FunnelMode.STRICT_ORDER);
        this.strictDedup = spec.has(FunnelMode.STRICT_DEDUPLICATION);
        this.strictIncrease = spec.has(FunnelMode.STRICT_INCREASE);
        this.stepBits = (1L << steps) - 1;
        List<Exclusion> exclusions = spec.exclusions();
        this.exclusionBits = exclusions.size() == 64 ? -1L : (1L << exclusions.size()) - 1;
        this.coveredBy = new long[steps + 1];
        for (int x = 0; x < exclusions.size(); x++) {
            for (int j = 1; j <= steps; j++) {
                if (exclusions.get(x).covers(j)) {
                    coveredBy[j] |= 1L << x;
                }
            }
        }
        this.filled = new long[steps + 1];
        for (int j = 1; strictDedup && j <= steps; j++) {
            filled[j] = ((1L << j) - 1) & ~1L;
        }
        this.next = new Attempt[steps + 1];
        this.fresh = new Attempt[steps + 1];
        this.best = new Attempt[steps + 1];
        this.arriving = new Attempt[steps + 1];
        reset();
    }

    public FunnelSpec spec() {
        return spec;
    }

    /** Starts a new unit. */
    public void reset() {
        Arrays.fill(next, null);
        Arrays.fill(fresh, null);
        Arrays.fill(best, null);
        result = null;
        sequence = 0;
        pending = false;
        if (groupSteps.length > LARGE_GROUP) {
            groupSteps = new long[SMALL_GROUP];
            groupExclusions = new long[SMALL_GROUP];
            groupBreakdowns = new String[SMALL_GROUP];
        } else {
            Arrays.fill(groupBreakdowns, 0, groupSize, null);
        }
        groupSize = 0;
    }

    /**
     * The unit's events in time order (equal times in any order). Bit k of {@code stepMask}: the event
     * matches step k + 1; bit x of {@code exclusionMask}: it matches exclusion x; {@code breakdown}: the
     * event's breakdown value (may be null). Events matching nothing must be passed too (strict_order).
     *
     * @throws IllegalArgumentException when the time is earlier than the previous event's
     */
    public void accept(long timeMicros, long stepMask, long exclusionMask, String breakdown) {
        accept(timeMicros, stepMask, exclusionMask, breakdown, true);
    }

    /**
     * As {@link #accept(long, long, long, String)}; with {@code mayStart} false a step-1 event
     * does not start an attempt (it still counts as a step-1 event for the strict modes). Used by
     * {@link EntryDayFunnels}, where only the entry day's step-1 events start attempts.
     */
    public void accept(long timeMicros, long stepMask, long exclusionMask, String breakdown, boolean mayStart) {
        if (pending && timeMicros != groupTime) {
            if (timeMicros < groupTime) {
                throw new IllegalArgumentException("Events of a unit must come in time order: " + timeMicros
                        + " µs after " + groupTime + " µs (funnel " + spec.name() + ")");
            }
            flush();
        }
        if (!pending) {
            pending = true;
            groupTime = timeMicros;
            groupMayStart = mayStart; // one time, one day: the same for the whole group
        }
        if (groupSize == groupSteps.length) {
            int n = groupSize * 2;
            groupSteps = Arrays.copyOf(groupSteps, n);
            groupExclusions = Arrays.copyOf(groupExclusions, n);
            groupBreakdowns = Arrays.copyOf(groupBreakdowns, n);
        }
        groupSteps[groupSize] = stepMask & stepBits;
        groupExclusions[groupSize] = exclusionMask & exclusionBits;
        groupBreakdowns[groupSize] = breakdown;
        groupSize++;
    }

    /** The unit's result; call after its last event. */
    public FunnelResult result() {
        flush();
        Attempt r = result;
        for (int j = 1; j < steps; j++) {
            r = better(best[j], r);
        }
        return r == null ? FunnelResult.none() : new FunnelResult(r.times.length, r.times, r.breakdown);
    }

    /**
     * Processes the pending group in a fixed order that does not depend on the order the events
     * arrived in: by lowest matching step (events matching no step last), then events matching no
     * exclusion first (then by exclusion mask), then by step mask, then by breakdown value (none last).
     */
    private void flush() {
        if (!pending) {
            return;
        }
        pending = false;
        int n = groupSize;
        if (n == 1) {
            process(groupTime, groupSteps[0], groupExclusions[0], groupBreakdowns[0]);
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, this::compareInGroup);
            for (int i : order) {
                process(groupTime, groupSteps[i], groupExclusions[i], groupBreakdowns[i]);
            }
        }
        Arrays.fill(groupBreakdowns, 0, n, null);
        groupSize = 0;
        if (strictIncrease) {
            for (int j = 1; j < steps; j++) {
                if (fresh[j] != null) {
                    next[j] = laterStart(fresh[j], next[j]);
                    fresh[j] = null;
                }
            }
        }
    }

    private int compareInGroup(int i, int k) {
        int c = Integer.compare(Long.numberOfTrailingZeros(groupSteps[i]), Long.numberOfTrailingZeros(groupSteps[k]));
        if (c == 0) {
            c = Long.compareUnsigned(groupExclusions[i], groupExclusions[k]);
        }
        if (c == 0) {
            c = Long.compareUnsigned(groupSteps[i], groupSteps[k]);
        }
        if (c == 0) {
            String a = groupBreakdowns[i];
            String b = groupBreakdowns[k];
            c = a == null ? (b == null ? 0 : 1) : (b == null ? -1 : a.compareTo(b));
        }
        return c;
    }

    private void process(long t, long stepMask, long exclusionMask, String breakdown) {
        long seq = sequence++;
        // 1. transitions from the states before this event (next[] holds only earlier timestamps
        //    under strict_increase, as fresh[] is kept apart until the group ends)
        for (int j = 1; j < steps; j++) {
            Attempt a = next[j];
            if (a != null && (stepMask & (1L << j)) != 0 && (exclusionMask & coveredBy[j]) == 0
                    && (stepMask & filled[j]) == 0 && t - a.times[0] <= window) {
                arriving[j + 1] = a.advance(t);
            }
        }
        // 2. this event ends or disqualifies whole levels
        for (int j = 1; j < steps; j++) {
            if (best[j] == null) {
                continue;
            }
            if (strictDedup && arriving[j + 1] != null) {
                clear(j); // its one attempt moved up: under strict_deduplication it cannot also wait
            } else if ((exclusionMask & coveredBy[j]) != 0) {
                clear(j);
            } else if (ends(j, stepMask)) {
                result = better(best[j], result);
                clear(j);
            }
        }
        // 3. the attempts it advanced, and the attempt it starts
        for (int j = 2; j <= steps; j++) {
            if (arriving[j] != null) {
                arrive(j, arriving[j]);
                arriving[j] = null;
            }
        }
        if ((stepMask & 1L) != 0 && groupMayStart) {
            arrive(1, new Attempt(new long[] {t}, breakdown, seq));
        }
    }

    /**
     * Whether a strict rule ends an attempt at level j (1 <= j < steps) on an event with these steps
     * that did not move it up.
     */
    private boolean ends(int j, long stepMask) {
        if (strictOrder && (stepMask & (3L << (j - 1))) == 0) {
            return true; // neither repeats step j nor matches step j + 1
        }
        // strict_deduplication: repeats one of steps 2..j, or step 1 before step 2. A step-1 event
        // after step 2 only starts another attempt, as ClickHouse restarts only its chain's step 1
        return strictDedup && (stepMask & (j == 1 ? 1L : filled[j])) != 0;
    }

    private void arrive(int level, Attempt a) {
        if (level == steps) {
            result = better(a, result);
            return;
        }
        best[level] = better(a, best[level]);
        if (strictIncrease) {
            fresh[level] = laterStart(a, fresh[level]);
        } else {
            next[level] = laterStart(a, next[level]);
        }
    }

    private void clear(int j) {
        next[j] = null;
        fresh[j] = null;
        best[j] = null;
    }

    /** The attempt to report: higher level, then reached its level first, then started later, then ties. */
    private static Attempt better(Attempt a, Attempt b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.times.length != b.times.length) {
            return a.times.length > b.times.length ? a : b;
        }
        int k = a.times.length - 1;
        if (a.times[k] != b.times[k]) {
            return a.times[k] < b.times[k] ? a : b;
        }
        if (a.times[0] != b.times[0]) {
            return a.times[0] > b.times[0] ? a : b;
        }
        return tieBreak(a, b, k - 1);
    }

    /** The attempt (same level) to advance: started later, then as {@link #better}. */
    private static Attempt laterStart(Attempt a, Attempt b) {
        if (b == null) {
            return a;
        }
        if (a.times[0] != b.times[0]) {
            return a.times[0] > b.times[0] ? a : b;
        }
        return tieBreak(a, b, a.times.length - 1);
    }

    /** Same start: earlier times at steps from..2 (index from down to 1), then earlier step-1 event. */
    private static Attempt tieBreak(Attempt a, Attempt b, int from) {
        for (int i = from; i >= 1; i--) {
            if (a.times[i] != b.times[i]) {
                return a.times[i] < b.times[i] ? a : b;
            }
        }
        return a.startSequence <= b.startSequence ? a : b;
    }

    /** One attempt: the times of the steps it filled, and its step-1 event's breakdown and position. */
    private record Attempt(long[] times, String breakdown, long startSequence) implements Serializable {
        Attempt advance(long t) {
            long[] longer = Arrays.copyOf(times, times.length + 1);
            longer[times.length] = t;
            return new Attempt(longer, breakdown, startSequence);
        }
    }
}
