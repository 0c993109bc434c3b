package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code w_shaped(first=0.3,lead=0.3,opportunity=0.3)}: the milestone model of Marketo Measure and
 * HubSpot with three milestones, the first touch, the lead-creation touch and the
 * opportunity-creation touch (each the touchpoint that started last at or before the journey's
 * {@link Journey#LEAD} or {@link Journey#OPPORTUNITY} time). The shares of missing milestones go
 * equally to the present ones; the rest, 1 − first − lead − opportunity (0.1 by default), goes
 * equally to the other touchpoints. The rules are those of {@link MilestoneShares} and
 * docs/models.md.
 *
 * @param first share of the first touchpoint, in [0, 1]
 * @param lead share of the lead-creation touch, in [0, 1]
 * @param opportunity share of the opportunity-creation touch, in [0, 1]; first + lead + opportunity &lt;= 1
 */
public record WShapedModel(double first, double lead, double opportunity) implements AttributionModel {

    static final String NAME = "w_shaped";
    private static final List<String> PARAMS = MilestoneShares.W_SHAPED;
    private static final double[] DEFAULTS = {0.3, 0.3, 0.3};

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Milestones (CRM stages of touchpoint.attribution.milestones): 'first', 'lead' and 'opportunity' to the"
                    + " first touchpoint and the last touchpoints at or before the lead and opportunity stages,"
                    + " the rest evenly to the others.",
            MilestoneShares.params(PARAMS, DEFAULTS));

    public WShapedModel {
        MilestoneShares.check(NAME, PARAMS, first, lead, opportunity);
        first += 0.0; // -0.0 -> 0.0
        lead += 0.0;
        opportunity += 0.0;
    }

    static WShapedModel create(ModelParams params) {
        double[] v = MilestoneShares.read(params, NAME, PARAMS, DEFAULTS);
        return new WShapedModel(v[0], v[1], v[2]);
    }

    @Override
    public String name() {
        return MilestoneShares.name(NAME, PARAMS, first, lead, opportunity);
    }

    @Override
    public double[] credits(Journey journey) {
        return MilestoneShares.credits(journey, PARAMS, first, lead, opportunity);
    }
}
