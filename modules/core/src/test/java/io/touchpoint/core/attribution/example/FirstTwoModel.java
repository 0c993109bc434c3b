package io.touchpoint.core.attribution.example;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.Journey;
import io.touchpoint.core.attribution.ModelParams;

/**
 * The custom model of docs/models.md: the first two touchpoints share the credit, {@code first}
 * to the first and the rest to the second; a journey of one touchpoint gives it everything.
 *
 * <p>Spec: {@code io.touchpoint.core.attribution.example.FirstTwoModel(first=0.5)}.
 */
public record FirstTwoModel(double first) implements AttributionModel {

    /** Called by {@code AttributionModels.parse} with the spec's parameters. */
    public FirstTwoModel(ModelParams params) {
        this(params.getDouble("first", 0.5));
        if (first < 0 || first > 1) {
            throw params.invalid("first must be between 0 and 1", "Write e.g. first=0.5.");
        }
    }

    @Override
    public String name() {
        return ModelParams.canonicalName(getClass().getName(), "first", first);
    }

    @Override
    public double[] credits(Journey journey) {
        double[] c = new double[journey.touchpoints().size()];
        if (c.length == 1) {
            c[0] = 1;
        } else {
            c[0] = first;
            c[1] = 1 - first;
        }
        return c;
    }
}
