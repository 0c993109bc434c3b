package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code u_shaped(first=0.5,lead=0.5)}: the milestone model of Marketo Measure and HubSpot with
 * two milestones, the first touch and the lead-creation touch (the touchpoint that started last at
 * or before the journey's {@link Journey#LEAD} time). A missing lead milestone gives its share to
 * the first touch; the rest, 1 − first − lead (0 by default), goes equally to the other
 * touchpoints. The rules are those of {@link MilestoneShares} and docs/models.md.
 *
 * <p>Not {@code position_based}'s "U-shaped" (first and last touchpoint): here the second peak is
 * the lead creation, which is the last touchpoint only when the lead was created by the converting
 * session.
 *
 * @param first share of the first touchpoint, in [0, 1]
 * @param lead share of the lead-creation touch, in [0, 1]; first + lead &lt;= 1
 */
public record UShapedModel(double first, double lead) implements AttributionModel {

    static final String NAME = "u_shaped";
    private static final List<String> PARAMS = MilestoneShares.U_SHAPED;
    private static final double[] DEFAULTS = {0.5, 0.5};

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Milestones (CRM stages of touchpoint.attribution.milestones): 'first' to the first touchpoint, 'lead' to"
                    + " the last touchpoint at or before the lead stage, the rest evenly to the others.",
            MilestoneShares.params(PARAMS, DEFAULTS));

    public UShapedModel {
        MilestoneShares.check(NAME, PARAMS, first, lead);
        first += 0.0; // -0.0 -> 0.0
        lead += 0.0;
    }

    static UShapedModel create(ModelParams params) {
        double[] v = MilestoneShares.read(params, NAME, PARAMS, DEFAULTS);
        return new UShapedModel(v[0], v[1]);
    }

    @Override
    public String name() {
        return MilestoneShares.name(NAME, PARAMS, first, lead);
    }

    @Override
    public double[] credits(Journey journey) {
        return MilestoneShares.credits(journey, PARAMS, first, lead);
    }
}
