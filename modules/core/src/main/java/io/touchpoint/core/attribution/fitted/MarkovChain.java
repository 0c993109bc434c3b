package io.touchpoint.core.attribution.fitted;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Solves the absorbing Markov chain of {@link MarkovCounts}: the probability of reaching
 * {@link MarkovCounts#CONVERSION} from {@link MarkovCounts#START}, and each channel's removal
 * effect, by linear algebra, not simulation, so the result depends on nothing but the counts.
 *
 * <p>With transition probabilities p(i → j) = count(i → j) / count(i → any), the conversion
 * probabilities x of the transient states solve x = Q x + r (Q among transient states, r into
 * conversion). <b>Removing a channel</b> sends every transition into a state entered by that
 * channel to {@link MarkovCounts#NULL} (a journey that would have touched it is lost): the same
 * system without those states. Removal effect of channel c = 1 − P(conversion without c) /
 * P(conversion). Up to {@link #DIRECT_LIMIT} transient states the systems are solved directly (LU
 * decomposition, commons-math3); above, by Gauss-Seidel sweeps over the sparse rows, each state's
 * self-transition divided out, until no probability moves by more than {@link #TOLERANCE}.
 */
public final class MarkovChain {
    /** Transient states up to which the systems are solved by LU decomposition. */
    public static final int DIRECT_LIMIT = 600;
    /** The iterative solver stops when no conversion probability changes by more than this. */
    public static final double TOLERANCE = 1e-13;

    private MarkovChain() {
    }

    /**
     * A fitted chain: P(conversion), each channel's removal effect, and the conversions and value
     * shared out in proportion to the removal effects (they sum to the counted conversions and value).
     *
     * @param removalEffects channel to its removal effect, in [0, 1], by channel name
     * @param conversions channel to its share of the conversions
     * @param value channel to its share of the value
     * @param states the chain's transient states (start included)
     */
    public record Result(double conversionProbability, Map<String, Double> removalEffects, Map<String, Double> conversions,
                         Map<String, Double> value, int states) {
    }

    public static Result solve(MarkovCounts counts) {
        return solve(counts, DIRECT_LIMIT);
    }

    /** With the direct solver up to {@code directLimit} transient states (tests compare the two solvers). */
    static Result solve(MarkovCounts counts, int directLimit) {
        Map<String, Map<String, Long>> t = counts.transitions();
        // Transient states: start first, then every state with outgoing transitions, by name (a stable order).
        List<String> states = new ArrayList<>();
        states.add(MarkovCounts.START);
        new TreeSet<>(t.keySet()).stream().filter(s -> !s.equals(MarkovCounts.START)).forEach(states::add);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < states.size(); i++) {
            index.put(states.get(i), i);
        }
        int n = states.size();
        // Sparse rows: the transient successors and their probabilities, and the probability of converting next.
        int[][] next = new int[n][];
        double[][] p = new double[n][];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            Map<String, Long> out = t.getOrDefault(states.get(i), Map.of());
            double total = out.values().stream().mapToLong(Long::longValue).sum();
            List<Integer> js = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            for (Map.Entry<String, Long> e : new TreeMap<>(out).entrySet()) {
                if (e.getKey().equals(MarkovCounts.CONVERSION)) {
                    r[i] = e.getValue() / total;
                } else if (index.containsKey(e.getKey())) {
                    js.add(index.get(e.getKey()));
                    ps.add(e.getValue() / total);
                }
            }
            next[i] = js.stream().mapToInt(Integer::intValue).toArray();
            p[i] = ps.stream().mapToDouble(Double::doubleValue).toArray();
        }
        // The channel each state was entered by.
        Map<String, boolean[]> entered = new TreeMap<>();
        for (int i = 1; i < n; i++) {
            String c = MarkovCounts.latestChannel(states.get(i));
            if (c != null) {
                entered.computeIfAbsent(c, x -> new boolean[n])[i] = true;
            }
        }
        boolean direct = n <= directLimit;
        double base = probability(next, p, r, new boolean[n], direct);
        Map<String, Double> effects = new LinkedHashMap<>();
        for (Map.Entry<String, boolean[]> e : entered.entrySet()) {
            double without = probability(next, p, r, e.getValue(), direct);
            effects.put(e.getKey(), base <= 0 ? 0.0 : Math.max(0.0, Math.min(1.0, 1 - without / base)));
        }
        double sum = effects.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> conversions = new LinkedHashMap<>();
        Map<String, Double> value = new LinkedHashMap<>();
        effects.forEach((c, re) -> {
            double share = sum <= 0 ? 0.0 : re / sum;
            conversions.put(c, counts.conversions() * share);
            value.put(c, counts.value() * share);
        });
        return new Result(base, effects, conversions, value, n);
    }

    /** P(conversion) from start with the states {@code removed} sent to null. */
    private static double probability(int[][] next, double[][] p, double[] r, boolean[] removed, boolean direct) {
        return direct ? direct(next, p, r, removed) : iterative(next, p, r, removed);
    }

    /** Solves (I − Q) x = r over the states kept, by LU decomposition. */
    private static double direct(int[][] next, double[][] p, double[] r, boolean[] removed) {
        int n = r.length;
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a.setEntry(i, i, 1.0);
            if (removed[i]) {
                continue; // x_i = 0
            }
            b[i] = r[i];
            for (int k = 0; k < next[i].length; k++) {
                int j = next[i][k];
                if (!removed[j]) {
                    a.addToEntry(i, j, -p[i][k]);
                }
            }
        }
        return new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b, false)).getEntry(0);
    }

    /** Gauss-Seidel sweeps of x_i = (Σ_{j≠i} p_ij x_j + r_i) / (1 − p_ii) until nothing moves by more than TOLERANCE. */
    private static double iterative(int[][] next, double[][] p, double[] r, boolean[] removed) {
        int n = r.length;
        double[] x = new double[n];
        for (int sweep = 0; sweep < 1_000_000; sweep++) {
            double moved = 0;
            for (int i = n - 1; i >= 0; i--) { // later states first: a journey's states mostly lead to later ones
                if (removed[i]) {
                    continue;
                }
                double self = 0;
                double s = r[i];
                for (int k = 0; k < next[i].length; k++) {
                    int j = next[i][k];
                    if (j == i) {
                        self = p[i][k];
                    } else if (!removed[j]) {
                        s += p[i][k] * x[j];
                    }
                }
                double v = self >= 1 ? 0 : s / (1 - self);
                moved = Math.max(moved, Math.abs(v - x[i]));
                x[i] = v;
            }
            if (moved <= TOLERANCE) {
                break;
            }
        }
        return x[0];
    }
}
