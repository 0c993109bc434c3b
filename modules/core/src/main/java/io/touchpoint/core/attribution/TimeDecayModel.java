package io.touchpoint.core.attribution;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code time_decay(half_life=7d)}: touchpoint i gets weight 2^(-Δt_i / half_life), Δt_i = conversion
 * time − touchpoint time in microseconds, and the weights are normalised to sum 1. A touchpoint
 * one half-life further from the conversion gets half the credit.
 *
 * <p>Computed relative to the smallest Δt (the weights are 2^(-(Δt_i − min Δt) / half_life), the
 * same after normalising), so the nearest touchpoint has weight 1 and Δt of years never
 * underflows every weight to 0.
 *
 * @param halfLife the half-life, positive
 */
public record TimeDecayModel(Duration halfLife) implements AttributionModel {

    static final String NAME = "time_decay";
    static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(7);

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Weight 2^(-Δt/half_life) for a touchpoint Δt before the conversion, normalised to sum 1.",
            List.of(new ParamInfo("half_life", ModelParams.formatDuration(DEFAULT_HALF_LIFE),
                    "time after which a touchpoint's weight halves; > 0, units d, h, m, s, ms")));

    public TimeDecayModel {
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException(NAME + " half_life must be positive: " + halfLife);
        }
    }

    static TimeDecayModel create(ModelParams params) {
        Duration halfLife = params.getDuration("half_life", DEFAULT_HALF_LIFE);
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw params.invalid(NAME + " half_life must be greater than 0 (was "
                            + ModelParams.formatDuration(halfLife) + ")",
                    "Give a positive duration, e.g. " + NAME + "(half_life=7d) or " + NAME + "(half_life=12h).");
        }
        return new TimeDecayModel(halfLife);
    }

    @Override
    public String name() {
        return ModelParams.canonicalName(NAME, "half_life", halfLife);
    }

    @Override
    public double[] credits(Journey journey) {
        List<Touchpoint> tps = journey.touchpoints();
        int n = tps.size();
        // Δt_i - min Δt = latest touchpoint time - t_i: the conversion time cancels out.
        long latest = Long.MIN_VALUE;
        for (Touchpoint t : tps) {
            latest = Math.max(latest, t.timeMicros());
        }
        double halfLifeMicros = halfLife.getSeconds() * 1e6 + halfLife.getNano() / 1e3;
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long t = tps.get(i).timeMicros();
            long d = latest - t;
            double dt = d >= 0 ? d : (double) latest - (double) t; // d < 0 only on overflow
            c[i] = Math.pow(0.5, dt / halfLifeMicros);
            sum += c[i]; // >= 1: the latest touchpoint has weight 1
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }
}
