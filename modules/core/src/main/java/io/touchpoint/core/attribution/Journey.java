package io.touchpoint.core.attribution;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A conversion and its touchpoints in journey order: chronological, the converting session last.
 *
 * <p>The milestones are the CRM stages the milestone models ({@code u_shaped}, {@code w_shaped},
 * {@code full_path}, docs/models.md) hang their shares on. They are keyed by <b>role</b>, not by
 * the CRM's stage name: {@link #LEAD}, {@link #OPPORTUNITY}, {@link #WON}. Whoever builds the
 * journey maps the stage names of {@code touchpoint.attribution.milestones} to roles (see
 * {@link io.touchpoint.core.config.AttributionConfig.MilestoneStages#roleTimes(Map)}), so the models,
 * which are created from their spec alone, need no config. The CRM input fills them
 * (docs/crm.md); without one every journey has none and the milestone models see every
 * milestone but the first touch as missing.
 *
 * @param conversionId the conversion
 * @param goal the conversion goal
 * @param conversionTimeMicros time of the conversion, UTC epoch microseconds
 * @param value the conversion's value (revenue)
 * @param touchpoints the touchpoints, never empty; an immutable copy
 * @param milestones role ({@link #LEAD}, {@link #OPPORTUNITY}, {@link #WON}) to the first time the
 *     conversion's person or account reached that CRM stage, UTC epoch microseconds; empty when
 *     unknown; an immutable copy without nulls. Other keys are allowed and ignored by the built-in
 *     models.
 * @param selfReportedChannel the channel the person named when asked how they heard of us (a form
 *     or CRM field, mapped to a channel name of docs/channels.md), read by the {@code hybrid} model
 *     (docs/models.md); null when there is no answer, and a blank answer is read as none. It may
 *     name a channel no touchpoint has (a podcast). The CRM input's answers fill it (docs/crm.md);
 *     without one every journey has no answer and {@code hybrid} gives the base model's
 *     credits.
 */
public record Journey(String conversionId, String goal, long conversionTimeMicros, double value,
                      List<Touchpoint> touchpoints, Map<String, Long> milestones, String selfReportedChannel)
        implements Serializable {

    /** Milestone role of the lead-creation stage ({@code lead_created} by default). */
    public static final String LEAD = "lead";
    /** Milestone role of the opportunity-creation stage ({@code opportunity_created} by default). */
    public static final String OPPORTUNITY = "opportunity";
    /** Milestone role of the closed-won stage ({@code closed_won} by default). */
    public static final String WON = "won";

    public Journey {
        touchpoints = List.copyOf(Objects.requireNonNull(touchpoints, "touchpoints"));
        if (touchpoints.isEmpty()) {
            throw new IllegalArgumentException("A journey has at least one touchpoint (conversion " + conversionId + ")");
        }
        milestones = Map.copyOf(Objects.requireNonNull(milestones, "milestones"));
        selfReportedChannel = selfReportedChannel == null || selfReportedChannel.isBlank() ? null : selfReportedChannel.strip();
    }

    /** A journey without a self-reported answer (no CRM/form data for it). */
    public Journey(String conversionId, String goal, long conversionTimeMicros, double value,
                   List<Touchpoint> touchpoints, Map<String, Long> milestones) {
        this(conversionId, goal, conversionTimeMicros, value, touchpoints, milestones, null);
    }

    /** A journey without milestones and self-reported answer (no CRM data), as every journey is built today. */
    public Journey(String conversionId, String goal, long conversionTimeMicros, double value,
                   List<Touchpoint> touchpoints) {
        this(conversionId, goal, conversionTimeMicros, value, touchpoints, Map.of(), null);
    }

    /** Number of touchpoints, at least 1. */
    public int size() {
        return touchpoints.size();
    }
}
