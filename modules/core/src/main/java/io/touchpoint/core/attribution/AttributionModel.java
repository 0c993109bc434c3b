package io.touchpoint.core.attribution;

import java.io.Serializable;

/**
 * An attribution model: splits the credit of a conversion over the touchpoints of its journey.
 *
 * <p>Implementations are pure, stateless and serialisable (the Spark job ships them to executors),
 * and two models are equal exactly when their names are equal; records do this for free. The
 * normative definitions of the built-in models are in docs/models.md.
 */
public interface AttributionModel extends Serializable {

    /**
     * Canonical, parseable name with every parameter, e.g. {@code "time_decay(half_life=7d)"} or
     * {@code "first"}: {@code AttributionModels.parse(key, name())} gives an equal model.
     */
    String name();

    /**
     * Credit per touchpoint, in the order of {@code journey.touchpoints()}: each finite and
     * {@code >= 0}, summing to 1 (within 1e-9). Depends on nothing but the journey.
     */
    double[] credits(Journey journey);
}
