package io.touchpoint.core.attribution;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A conversion and its touchpoints in journey order: chronological, the converting session last.
 *
 * @param conversionId the conversion
 * @param goal the conversion goal
 * @param conversionTimeMicros time of the conversion, UTC epoch microseconds
 * @param value the conversion's value (revenue)
 * @param touchpoints the touchpoints, never empty; an immutable copy
 */
public record Journey(String conversionId, String goal, long conversionTimeMicros, double value,
                      List<Touchpoint> touchpoints) implements Serializable {

    public Journey {
        touchpoints = List.copyOf(Objects.requireNonNull(touchpoints, "touchpoints"));
        if (touchpoints.isEmpty()) {
            throw new IllegalArgumentException("A journey has at least one touchpoint (conversion " + conversionId + ")");
        }
    }

    /** Number of touchpoints, at least 1. */
    public int size() {
        return touchpoints.size();
    }
}
