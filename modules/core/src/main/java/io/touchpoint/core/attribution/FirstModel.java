package io.touchpoint.core.attribution;

import java.util.List;

/** {@code first}: all credit to the first touchpoint. */
public record FirstModel() implements AttributionModel {

    static final ModelInfo INFO = new ModelInfo("first", "All credit to the first touchpoint.", List.of());

    static FirstModel create(ModelParams params) {
        return new FirstModel();
    }

    @Override
    public String name() {
        return INFO.name();
    }

    @Override
    public double[] credits(Journey journey) {
        double[] c = new double[journey.touchpoints().size()];
        c[0] = 1;
        return c;
    }
}
