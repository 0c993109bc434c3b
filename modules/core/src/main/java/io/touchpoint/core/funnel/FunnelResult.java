package io.touchpoint.core.funnel;

import java.util.Arrays;
import java.util.Objects;

/**
 * The best attempt of one unit (docs/funnels.md). {@code level} 0 = the unit never matched step 1
 * ({@code stepTimesMicros} empty, {@code breakdown} null). Otherwise {@code stepTimesMicros[i]} is the
 * time of the event that filled step i + 1 and {@code breakdown} is the breakdown value of the step-1 event.
 */
public record FunnelResult(int level, long[] stepTimesMicros, String breakdown) {

    private static final FunnelResult NONE = new FunnelResult(0, new long[0], null);

    public FunnelResult {
        Objects.requireNonNull(stepTimesMicros, "stepTimesMicros");
        if (level < 0 || stepTimesMicros.length != level) {
            throw new IllegalArgumentException("level " + level + " needs that many step times, got " + stepTimesMicros.length);
        }
        stepTimesMicros = stepTimesMicros.clone();
    }

    /** The result of a unit that never matched step 1. */
    public static FunnelResult none() {
        return NONE;
    }

    /** A copy of the step times (the record is immutable). */
    @Override
    public long[] stepTimesMicros() {
        return stepTimesMicros.clone();
    }

    /** Time of step {@code step} (1-based, at most {@code level}), without copying the array. */
    public long stepTime(int step) {
        return stepTimesMicros[step - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunnelResult r && level == r.level && Arrays.equals(stepTimesMicros, r.stepTimesMicros)
                && Objects.equals(breakdown, r.breakdown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, Arrays.hashCode(stepTimesMicros), breakdown);
    }

    @Override
    public String toString() {
        return "FunnelResult[level=" + level + ", stepTimesMicros=" + Arrays.toString(stepTimesMicros)
                + ", breakdown=" + breakdown + "]";
    }
}
