package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code hybrid(base=linear,self_reported=0.5)}: a conversion with a self-reported answer
 * ({@link Journey#selfReportedChannel()}, "how did you hear about us?") gives the share
 * {@code self_reported} of its credit to the answered channel and the rest, 1 − self_reported, by
 * the base model; without an answer it is the base model (docs/models.md, "Hybrid: self-reported
 * attribution").
 *
 * <ul>
 *   <li>When touchpoints of the answered channel are in the journey (channel names compared
 *       exactly), the share is split equally over them: the answer names a channel, not a visit.
 *       Every touchpoint also keeps (1 − self_reported) × its base credit.</li>
 *   <li>When none is (a podcast, word of mouth: "dark social"), no touchpoint can hold the share:
 *       the touchpoints get (1 − self_reported) × their base credits and the share is
 *       {@link #offJourneyCredit}, the answered channel's credit outside the journey.</li>
 * </ul>
 *
 * @param base the base model, a built-in other than hybrid with its default parameters (so the
 *     canonical name, which names it bare, parses back)
 * @param selfReported share of the answered channel, in [0, 1]
 */
public record HybridModel(AttributionModel base, double selfReported) implements AttributionModel {

    static final String NAME = "hybrid";
    static final String DEFAULT_BASE = LinearModel.INFO.name();
    static final double DEFAULT_SHARE = 0.5;

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Self-reported: with an answer, 'self_reported' to the answered channel's touchpoints (or off the journey"
                    + " when it has none), the rest by the base model; without one, the base model.",
            List.of(new ParamInfo("base", DEFAULT_BASE,
                            "the model for the rest: any other built-in by its bare name, with its defaults"),
                    new ParamInfo("self_reported", ModelParams.formatNumber(DEFAULT_SHARE),
                            "share of the self-reported channel, 0 to 1")));

    public HybridModel {
        if (base == null) {
            throw new IllegalArgumentException("hybrid needs a base model");
        }
        AttributionModel defaults = AttributionModels.baseModel(bare(base.name()));
        if (defaults == null || !defaults.equals(base)) {
            throw new IllegalArgumentException("hybrid base must be a built-in model other than hybrid, with its default"
                    + " parameters (was " + base.name() + ")");
        }
        if (!(selfReported >= 0 && selfReported <= 1)) {
            throw new IllegalArgumentException("hybrid self_reported must be between 0 and 1 (was " + selfReported + ")");
        }
        selfReported += 0.0; // -0.0 -> 0.0
    }

    static HybridModel create(ModelParams params) {
        String example = " e.g. " + ModelParams.canonicalName(NAME, "base", DEFAULT_BASE, "self_reported", DEFAULT_SHARE)
                + " or hybrid(base=time_decay,self_reported=0.3).";
        String baseName = params.getString("base", DEFAULT_BASE);
        AttributionModel base = AttributionModels.baseModel(baseName);
        if (base == null) {
            throw params.invalid(NAME.equals(baseName) ? "hybrid cannot be the base of hybrid"
                            : "Unknown base model '" + baseName + "' of hybrid",
                    "Name one of " + AttributionModels.baseNames() + " (it takes its default parameters),"
                            + example);
        }
        double share = params.getDouble("self_reported", DEFAULT_SHARE);
        if (!(share >= 0 && share <= 1)) {
            throw params.invalid("hybrid self_reported must be between 0 and 1 (was " + ModelParams.formatNumber(share) + ")",
                    "Give self_reported as a share between 0 and 1," + example);
        }
        return new HybridModel(base, share);
    }

    private static String bare(String name) {
        int p = name.indexOf('(');
        return p < 0 ? name : name.substring(0, p);
    }

    @Override
    public String name() {
        return ModelParams.canonicalName(NAME, "base", bare(base.name()), "self_reported", selfReported);
    }

    @Override
    public double[] credits(Journey journey) {
        double[] c = base.credits(journey);
        String answer = journey.selfReportedChannel();
        if (answer == null) {
            return c;
        }
        List<Touchpoint> tps = journey.touchpoints();
        int answered = 0;
        for (Touchpoint tp : tps) {
            if (answer.equals(tp.channel())) {
                answered++;
            }
        }
        double rest = 1 - selfReported;
        for (int i = 0; i < c.length; i++) {
            c[i] *= rest;
            if (answered > 0 && answer.equals(tps.get(i).channel())) {
                c[i] += selfReported / answered;
            }
        }
        return c;
    }

    @Override
    public double offJourneyCredit(Journey journey) {
        String answer = journey.selfReportedChannel();
        if (answer == null) {
            return 0;
        }
        for (Touchpoint tp : journey.touchpoints()) {
            if (answer.equals(tp.channel())) {
                return 0;
            }
        }
        return selfReported;
    }
}
