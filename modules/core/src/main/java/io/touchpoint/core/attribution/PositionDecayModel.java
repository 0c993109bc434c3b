package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code position_decay}: Matomo's "time decay", a linear ramp by position: the i-th of n
 * touchpoints (i = 1..n) gets i / (n(n+1)/2), so n = 4 gives 0.1, 0.2, 0.3, 0.4.
 */
public record PositionDecayModel() implements AttributionModel {

    static final ModelInfo INFO = new ModelInfo("position_decay",
            "Linear ramp by position (Matomo's \"time decay\"): the i-th of n touchpoints gets i/(n(n+1)/2).",
            List.of());

    static PositionDecayModel create(ModelParams params) {
        return new PositionDecayModel();
    }

    @Override
    public String name() {
        return INFO.name();
    }

    @Override
    public double[] credits(Journey journey) {
        int n = journey.touchpoints().size();
        double total = n * (n + 1.0) / 2.0; // exact for any list size
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = (i + 1) / total;
        }
        return c;
    }
}
