package io.touchpoint.core.attribution;

import java.util.List;

/** {@code last}: all credit to the last touchpoint, the converting session. */
public record LastModel() implements AttributionModel {

    static final ModelInfo INFO = new ModelInfo("last",
            "All credit to the last touchpoint (the converting session).", List.of());

    static LastModel create(ModelParams params) {
        return new LastModel();
    }

    @Override
    public String name() {
        return INFO.name();
    }

    @Override
    public double[] credits(Journey journey) {
        double[] c = new double[journey.touchpoints().size()];
        c[c.length - 1] = 1;
        return c;
    }
}
