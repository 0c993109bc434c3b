package io.touchpoint.core.config;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.Journey;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How journeys are built and credited ({@code touchpoint.attribution}); docs/models.md.
 *
 * @param lookback touchpoints are sessions starting at most this long before the conversion
 * @param maxTouchpoints keep only the most recent this many touchpoints of a journey
 * @param models the models applied, in config order; {@code last} is always among them, as the
 *     baseline of the model comparison
 * @param milestones the CRM stage names of the milestone roles of the milestone models
 *     ({@code touchpoint.attribution.milestones})
 * @param unit whose journeys are built ({@code touchpoint.attribution.unit}): a person's, or an
 *     account's (the sessions of every person of the account, docs/accounts.md)
 */
public record AttributionConfig(Duration lookback, int maxTouchpoints, JourneyReset journeyReset,
                                List<AttributionModel> models, MilestoneStages milestones, Unit unit) implements Serializable {

    public AttributionConfig {
        models = List.copyOf(models);
        Objects.requireNonNull(milestones, "milestones");
        Objects.requireNonNull(unit, "unit");
    }

    /** Person journeys. */
    public AttributionConfig(Duration lookback, int maxTouchpoints, JourneyReset journeyReset,
                             List<AttributionModel> models, MilestoneStages milestones) {
        this(lookback, maxTouchpoints, journeyReset, models, milestones, Unit.PERSON);
    }

    /** Person journeys, with the default milestone stages. */
    public AttributionConfig(Duration lookback, int maxTouchpoints, JourneyReset journeyReset,
                             List<AttributionModel> models) {
        this(lookback, maxTouchpoints, journeyReset, models, MilestoneStages.DEFAULT);
    }

    /** Whose sessions make a journey ({@code touchpoint.attribution.unit}). */
    public enum Unit {
        /** The converting person's sessions, of all their visitors. */
        PERSON,
        /**
         * The sessions of every person of the converting person's account (docs/accounts.md); a
         * person without an account is an account of one, so their journeys are their own.
         */
        ACCOUNT
    }

    /** This config with journeys of {@code unit}. */
    public AttributionConfig withUnit(Unit unit) {
        return new AttributionConfig(lookback, maxTouchpoints, journeyReset, models, milestones, unit);
    }

    /** Where a person's journey to a conversion may start. */
    public enum JourneyReset {
        /** Touchpoints before an earlier conversion still count (Google Analytics, Adobe). */
        NONE,
        /** Each journey starts after the person's previous conversion of the same goal. */
        AFTER_CONVERSION
    }

    /**
     * The CRM stage name of each milestone role ({@code touchpoint.attribution.milestones}).
     *
     * <p>The milestone models are created from their spec alone, so they read milestone times by
     * role ({@link Journey#LEAD}, {@link Journey#OPPORTUNITY}, {@link Journey#WON}); this maps the
     * CRM's stage names to those roles where the journey is built, so renaming a stage is a config
     * change, not a model parameter. The stages come from the CRM input (docs/crm.md).
     *
     * @param lead the stage whose first time is the lead creation, default {@code lead_created}
     * @param opportunity the stage of opportunity creation, default {@code opportunity_created}
     * @param won the stage of a won deal, default {@code closed_won}
     */
    public record MilestoneStages(String lead, String opportunity, String won) implements Serializable {

        /** lead_created, opportunity_created, closed_won, as Marketo Measure and HubSpot name them. */
        public static final MilestoneStages DEFAULT =
                new MilestoneStages("lead_created", "opportunity_created", "closed_won");

        public MilestoneStages {
            Objects.requireNonNull(lead, "lead");
            Objects.requireNonNull(opportunity, "opportunity");
            Objects.requireNonNull(won, "won");
        }

        /**
         * The milestones of a journey: stage times keyed by CRM stage name to times keyed by role.
         * Stages that are no milestone are dropped; a milestone stage without a time is missing.
         *
         * @param stageTimes CRM stage name to the first time the person or account reached it, UTC
         *     epoch microseconds
         */
        public Map<String, Long> roleTimes(Map<String, Long> stageTimes) {
            Map<String, Long> out = new LinkedHashMap<>();
            put(out, Journey.LEAD, stageTimes.get(lead));
            put(out, Journey.OPPORTUNITY, stageTimes.get(opportunity));
            put(out, Journey.WON, stageTimes.get(won));
            return Map.copyOf(out);
        }

        private static void put(Map<String, Long> out, String role, Long time) {
            if (time != null) {
                out.put(role, time);
            }
        }
    }
}
