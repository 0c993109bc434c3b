package io.touchpoint.core.generate;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** The generator's single random source with the few draws it needs; one stream keeps runs reproducible. */
final class Rand {
    private final RandomGenerator rng;

    Rand(long seed) {
        this.rng = new Well19937c(seed);
    }

    /** For commons-math3 distributions, which must draw from this same stream. */
    RandomGenerator generator() {
        return rng;
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    double uniform() {
        return rng.nextDouble();
    }

    /** Uniform in [lo, hi]. */
    int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** Uniform in [lo, hi). */
    long between(long lo, long hi) {
        return lo + (long) (rng.nextDouble() * (hi - lo));
    }

    <T> T pick(List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    /** Index drawn with probability proportional to its weight. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    <T> T pick(List<T> items, double[] weights) {
        return items.get(weighted(weights));
    }

    /** Random characters from {@code alphabet}, for click ids and short links. */
    String token(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
