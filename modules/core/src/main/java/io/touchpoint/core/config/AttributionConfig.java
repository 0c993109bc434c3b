package io.touchpoint.core.config;

import io.touchpoint.core.attribution.AttributionModel;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How journeys are built and credited ({@code touchpoint.attribution}); docs/models.md.
 *
 * @param lookback touchpoints are sessions starting at most this long before the conversion
 * @param maxTouchpoints keep only the most recent this many touchpoints of a journey
 * @param models the models applied, in config order; {@code last} is always among them, as the
 *     baseline of the model comparison
 */
public record AttributionConfig(Duration lookback, int maxTouchpoints, JourneyReset journeyReset,
                                List<AttributionModel> models) implements Serializable {

    public AttributionConfig {
        models = List.copyOf(models);
    }

    /** Where a person's journey to a conversion may start. */
    public enum JourneyReset {
        /** Touchpoints before an earlier conversion still count (Google Analytics, Adobe). */
        NONE,
        /** Each journey starts after the person's previous conversion of the same goal. */
        AFTER_CONVERSION
    }
}
