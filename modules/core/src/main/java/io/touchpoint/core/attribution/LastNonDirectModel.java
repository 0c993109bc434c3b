package io.touchpoint.core.attribution;

import java.util.List;

/**
 * {@code last_non_direct}: all credit to the last touchpoint whose channel is not {@code Direct};
 * when every touchpoint is Direct, to the last one.
 */
public record LastNonDirectModel() implements AttributionModel {

    static final ModelInfo INFO = new ModelInfo("last_non_direct",
            "All credit to the last touchpoint whose channel is not Direct; all Direct: to the last touchpoint.",
            List.of());

    static LastNonDirectModel create(ModelParams params) {
        return new LastNonDirectModel();
    }

    @Override
    public String name() {
        return INFO.name();
    }

    @Override
    public double[] credits(Journey journey) {
        List<Touchpoint> tps = journey.touchpoints();
        double[] c = new double[tps.size()];
        int winner = tps.size() - 1;
        for (int i = tps.size() - 1; i >= 0; i--) {
            if (!tps.get(i).isDirect()) {
                winner = i;
                break;
            }
        }
        c[winner] = 1;
        return c;
    }
}
