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
     * {@code >= 0}, summing to {@code 1 - offJourneyCredit(journey)} (within 1e-9), which is 1 for
     * every model but {@code hybrid}. Depends on nothing but the journey.
     */
    double[] credits(Journey journey);

    /**
     * The credit of the conversion that no touchpoint of the journey can hold, in [0, 1]: it belongs
     * to the journey's {@link Journey#selfReportedChannel()}, a channel with no touchpoint in the
     * journey (a podcast, "dark social"). Only {@code hybrid} has any; 0 by default, and for every
     * journey without a self-reported answer. Together with {@link #credits} it sums to 1. The
     * person pass writes it as a credit row with that channel and no touchpoint (docs/tables.md).
     */
    default double offJourneyCredit(Journey journey) {
        return 0;
    }
}
