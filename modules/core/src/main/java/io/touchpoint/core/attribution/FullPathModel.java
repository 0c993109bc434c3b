package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code full_path(first=0.225,lead=0.225,opportunity=0.225,won=0.225)}: the milestone model of
 * Marketo Measure and HubSpot with four milestones, the first touch and the lead-creation,
 * opportunity-creation and closed-won touches (each the touchpoint that started last at or before
 * the journey's {@link Journey#LEAD}, {@link Journey#OPPORTUNITY} or {@link Journey#WON} time). The
 * shares of missing milestones go equally to the present ones; the rest, 1 − the four shares (0.1
 * by default), goes equally to the other touchpoints. The rules are those of
 * {@link MilestoneShares} and docs/models.md.
 *
 * @param first share of the first touchpoint, in [0, 1]
 * @param lead share of the lead-creation touch, in [0, 1]
 * @param opportunity share of the opportunity-creation touch, in [0, 1]
 * @param won share of the closed-won touch, in [0, 1]; first + lead + opportunity + won &lt;= 1
 */
public record FullPathModel(double first, double lead, double opportunity, double won) implements AttributionModel {

    static final String NAME = "full_path";
    private static final List<String> PARAMS = MilestoneShares.FULL_PATH;
    private static final double[] DEFAULTS = {0.225, 0.225, 0.225, 0.225};

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Milestones (CRM stages of touchpoint.attribution.milestones): 'first', 'lead', 'opportunity' and 'won'"
                    + " to the first touchpoint and the last touchpoints at or before the lead, opportunity and"
                    + " closed-won stages, the rest evenly to the others.",
            MilestoneShares.params(PARAMS, DEFAULTS));

    public FullPathModel {
        MilestoneShares.check(NAME, PARAMS, first, lead, opportunity, won);
        first += 0.0; // -0.0 -> 0.0
        lead += 0.0;
        opportunity += 0.0;
        won += 0.0;
    }

    static FullPathModel create(ModelParams params) {
        double[] v = MilestoneShares.read(params, NAME, PARAMS, DEFAULTS);
        return new FullPathModel(v[0], v[1], v[2], v[3]);
    }

    @Override
    public String name() {
        return MilestoneShares.name(NAME, PARAMS, first, lead, opportunity, won);
    }

    @Override
    public double[] credits(Journey journey) {
        return MilestoneShares.credits(journey, PARAMS, first, lead, opportunity, won);
    }
}
