package io.touchpoint.core.attribution.fitted;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Shapley values of channels over journeys (issue 21, part 4), from mergeable statistics: per set
 * of channels a journey touched, how many journeys, conversions and how much value.
 *
 * <p>The game: the worth v(S) of a set S of channels is taken over the journeys whose channel set
 * is contained in S (Zhao et al. 2018, "Shapley value methods for attribution modeling in online
 * advertising"):
 * <ul>
 *   <li>{@link Worth#CONVERSIONS} (default): their conversions (and, for value, their value). The
 *       game is a sum of unanimity games, so a channel's Shapley value is the sum over converting
 *       channel sets T containing it of conversions(T) / |T|, computed so, exactly, for any
 *       number of channels; the values sum to all conversions (efficiency).</li>
 *   <li>{@link Worth#CONVERSION_RATE}: their conversions over their journeys (converting or not).
 *       Exact by enumerating every coalition up to {@link #EXACT_CHANNELS} channels; above, the
 *       mean marginal contribution over {@code samples} random orders of the channels (seeded),
 *       with its standard error. The values are then scaled to sum to all conversions (and value).</li>
 * </ul>
 */
public final class ShapleyValues implements Serializable {
    /** Channels up to which the conversion-rate game is enumerated exactly. */
    public static final int EXACT_CHANNELS = 15;

    /** What a coalition of channels is worth. */
    public enum Worth {
        CONVERSIONS, CONVERSION_RATE
    }

    /** Per channel set (sorted channel names): journeys, conversions, value. */
    private final Map<List<String>, double[]> sets = new HashMap<>();

    /** Counts one journey ({@code times} identical ones) by the set of channels it touched; empty journeys are not counted. */
    public void add(Collection<String> channels, boolean converted, double value, long times) {
        if (channels.isEmpty() || times <= 0) {
            return;
        }
        double[] s = sets.computeIfAbsent(List.copyOf(new TreeSet<>(channels)), x -> new double[3]);
        s[0] += times;
        if (converted) {
            s[1] += times;
            s[2] += value * times;
        }
    }

    /** This and {@code other} together; returns this. */
    public ShapleyValues merge(ShapleyValues other) {
        other.sets.forEach((k, v) -> {
            double[] s = sets.computeIfAbsent(k, x -> new double[3]);
            for (int i = 0; i < 3; i++) {
                s[i] += v[i];
            }
        });
        return this;
    }

    /**
     * Each channel's share of the conversions and of the value, summing to all conversions and all
     * value; {@code standardError} 0 when exact.
     *
     * @param exact whether every coalition was counted (false: sampled orders)
     */
    public record Result(Map<String, Double> conversions, Map<String, Double> value, boolean exact, double standardError) {
    }

    /**
     * @param samples random orders of the channels for the conversion-rate game above {@link #EXACT_CHANNELS}
     * @param seed their seed
     */
    public Result solve(Worth worth, int samples, long seed) {
        return solve(worth, samples, seed, EXACT_CHANNELS);
    }

    /** With coalitions enumerated up to {@code exactChannels} channels (tests compare sampling with enumeration). */
    Result solve(Worth worth, int samples, long seed, int exactChannels) {
        List<String> channels = new ArrayList<>(new TreeSet<>(sets.keySet().stream().flatMap(List::stream).toList()));
        double conversions = sets.values().stream().mapToDouble(s -> s[1]).sum();
        double value = sets.values().stream().mapToDouble(s -> s[2]).sum();
        Map<String, Double> conv = new LinkedHashMap<>();
        Map<String, Double> val = new LinkedHashMap<>();
        channels.forEach(c -> {
            conv.put(c, 0.0);
            val.put(c, 0.0);
        });
        if (worth == Worth.CONVERSIONS) {
            sets.forEach((set, s) -> set.forEach(c -> {
                conv.merge(c, s[1] / set.size(), Double::sum);
                val.merge(c, s[2] / set.size(), Double::sum);
            }));
            return new Result(conv, val, true, 0);
        }
        int n = channels.size();
        Map<String, Integer> bit = new HashMap<>();
        for (int i = 0; i < n; i++) {
            bit.put(channels.get(i), i);
        }
        double[] phi;
        boolean exact = n <= exactChannels;
        double error = 0;
        if (exact) {
            phi = exactRate(n, bit);
        } else {
            double[][] sampled = sampledRate(n, bit, samples, seed);
            phi = sampled[0];
            error = sampled[1][0];
        }
        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        for (int i = 0; i < n; i++) {
            double share = sum <= 0 ? 0 : phi[i] / sum;
            conv.put(channels.get(i), conversions * share);
            val.put(channels.get(i), value * share);
        }
        // The error of the shares, in conversions.
        return new Result(conv, val, exact, sum <= 0 ? 0 : error / sum * conversions);
    }

    private int mask(List<String> set, Map<String, Integer> bit) {
        int m = 0;
        for (String c : set) {
            m |= 1 << bit.get(c);
        }
        return m;
    }

    /** Every coalition's journeys and conversions (sums over the sets it contains), then the Shapley formula. */
    private double[] exactRate(int n, Map<String, Integer> bit) {
        int size = 1 << n;
        double[] journeys = new double[size];
        double[] conversions = new double[size];
        sets.forEach((set, s) -> {
            int m = mask(set, bit);
            journeys[m] += s[0];
            conversions[m] += s[1];
        });
        for (int i = 0; i < n; i++) { // sum over subsets (zeta transform)
            for (int m = 0; m < size; m++) {
                if ((m & (1 << i)) != 0) {
                    journeys[m] += journeys[m ^ (1 << i)];
                    conversions[m] += conversions[m ^ (1 << i)];
                }
            }
        }
        double[] v = new double[size];
        for (int m = 0; m < size; m++) {
            v[m] = journeys[m] == 0 ? 0 : conversions[m] / journeys[m];
        }
        // weight(k) = k! (n - k - 1)! / n!
        double[] weight = new double[n];
        for (int k = 0; k < n; k++) {
            double w = 1.0 / n;
            for (int j = 1; j <= k; j++) {
                w *= (double) j / (n - j);
            }
            weight[k] = w;
        }
        double[] phi = new double[n];
        for (int m = 0; m < size; m++) {
            int k = Integer.bitCount(m);
            for (int i = 0; i < n; i++) {
                if ((m & (1 << i)) == 0) {
                    phi[i] += weight[k] * (v[m | (1 << i)] - v[m]);
                }
            }
        }
        return phi;
    }

    /** Mean marginal contributions over random orders: {phi, {standard error of the least certain channel}}. */
    private double[][] sampledRate(int n, Map<String, Integer> bit, int samples, long seed) {
        if (n > 63) {
            throw new IllegalArgumentException("Shapley values of at most 63 channels, not " + n);
        }
        long[] setMasks = new long[sets.size()];
        double[][] setCounts = new double[sets.size()][];
        int k = 0;
        for (Map.Entry<List<String>, double[]> e : sets.entrySet()) {
            for (String c : e.getKey()) {
                setMasks[k] |= 1L << bit.get(c);
            }
            setCounts[k++] = e.getValue();
        }
        Random random = new Random(seed);
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        int[] order = new int[n];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long coalition = 0;
            double before = 0;
            for (int i : order) {
                coalition |= 1L << i;
                double journeys = 0;
                double conversions = 0;
                for (int m = 0; m < setMasks.length; m++) {
                    if ((setMasks[m] & ~coalition) == 0) {
                        journeys += setCounts[m][0];
                        conversions += setCounts[m][1];
                    }
                }
                double after = journeys == 0 ? 0 : conversions / journeys;
                sum[i] += after - before;
                sumSq[i] += (after - before) * (after - before);
                before = after;
            }
        }
        double[] phi = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            phi[i] = sum[i] / samples;
            double variance = Math.max(0, sumSq[i] / samples - phi[i] * phi[i]);
            worst = Math.max(worst, Math.sqrt(variance / samples));
        }
        return new double[][] {phi, {worst}};
    }
}
