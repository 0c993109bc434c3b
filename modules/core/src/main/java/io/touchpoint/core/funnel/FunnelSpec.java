package io.touchpoint.core.funnel;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What the matcher needs of a funnel: step count (1..63), window in microseconds (&gt;= 0, inclusive),
 * modes, and exclusions (index i is bit i of the exclusion mask passed to {@link FunnelMatcher#accept}).
 */
public record FunnelSpec(String name, int steps, long windowMicros, Set<FunnelMode> modes, List<Exclusion> exclusions)
        implements Serializable {

    /** A step is a bit of a {@code long} mask. */
    public static final int MAX_STEPS = 63;
    /** An exclusion is a bit of a {@code long} mask. */
    public static final int MAX_EXCLUSIONS = 64;

    public FunnelSpec {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("Funnel " + name + " needs 1 to " + MAX_STEPS + " steps, got " + steps);
        }
        if (windowMicros < 0) {
            throw new IllegalArgumentException("Funnel " + name + " needs a window >= 0, got " + windowMicros + " µs");
        }
        modes = modes == null ? Set.of() : Set.copyOf(modes);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        if (exclusions.size() > MAX_EXCLUSIONS) {
            throw new IllegalArgumentException("Funnel " + name + " has " + exclusions.size() + " exclusions, at most "
                    + MAX_EXCLUSIONS + " are supported");
        }
        for (Exclusion e : exclusions) {
            if (e.toStep() > steps) {
                throw new IllegalArgumentException("Exclusion " + e + " of funnel " + name + " names a step after the last ("
                        + steps + ")");
            }
        }
    }

    public boolean has(FunnelMode mode) {
        return modes.contains(mode);
    }
}
