package io.touchpoint.core.funnel;

import java.io.Serializable;

/**
 * An exclusion: an event matching it while an attempt has reached step {@code fromStep} but not yet
 * {@code toStep} (1-based) disqualifies that attempt; docs/funnels.md.
 */
public record Exclusion(int fromStep, int toStep) implements Serializable {

    public Exclusion {
        if (fromStep < 1 || fromStep >= toStep) {
            throw new IllegalArgumentException("An exclusion needs 1 <= fromStep < toStep, got fromStep = " + fromStep
                    + ", toStep = " + toStep);
        }
    }

    /** Whether an attempt that has reached {@code level} (and not more) is disqualified by this exclusion. */
    public boolean covers(int level) {
        return fromStep <= level && level < toStep;
    }
}
