package io.touchpoint.core.attribution;

import java.util.Arrays;
import java.util.List;

/** {@code linear}: every touchpoint gets 1/n. */
public record LinearModel() implements AttributionModel {

    static final ModelInfo INFO = new ModelInfo("linear", "Equal credit 1/n to each of the n touchpoints.", List.of());

    static LinearModel create(ModelParams params) {
        return new LinearModel();
    }

    @Override
    public String name() {
        return INFO.name();
    }

    @Override
    public double[] credits(Journey journey) {
        double[] c = new double[journey.touchpoints().size()];
        Arrays.fill(c, 1.0 / c.length);
        return c;
    }
}
