package io.touchpoint.core.attribution;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code position_based(first=0.4,last=0.4)}: {@code first} to the first touchpoint, {@code last}
 * to the last, the rest split evenly over the touchpoints in between. With one touchpoint it gets
 * everything; with two they split in the ratio first : last (0.5 / 0.5 when both are 0).
 * U-shaped is 0.4 / 0.4, J-shaped 0.2 / 0.6, inverse J 0.6 / 0.2.
 *
 * @param first share of the first touchpoint, in [0, 1]
 * @param last share of the last touchpoint, in [0, 1]; first + last &lt;= 1
 */
public record PositionBasedModel(double first, double last) implements AttributionModel {

    static final String NAME = "position_based";
    static final double DEFAULT_FIRST = 0.4;
    static final double DEFAULT_LAST = 0.4;

    static final ModelInfo INFO = new ModelInfo(NAME,
            "Share 'first' to the first touchpoint, 'last' to the last, the rest evenly to those in between"
                    + " (two touchpoints: in the ratio first:last). U-shaped 0.4/0.4, J-shaped 0.2/0.6, inverse J 0.6/0.2.",
            List.of(new ParamInfo("first", ModelParams.formatNumber(DEFAULT_FIRST),
                            "share of the first touchpoint, 0 to 1"),
                    new ParamInfo("last", ModelParams.formatNumber(DEFAULT_LAST),
                            "share of the last touchpoint, 0 to 1; first + last <= 1")));

    public PositionBasedModel {
        String problem = problem(first, last);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": first=" + first + ", last=" + last);
        }
        first += 0.0; // -0.0 -> 0.0
        last += 0.0;
    }

    static PositionBasedModel create(ModelParams params) {
        double first = params.getDouble("first", DEFAULT_FIRST);
        double last = params.getDouble("last", DEFAULT_LAST);
        String problem = problem(first, last);
        if (problem != null) {
            throw params.invalid(problem,
                    "Give first and last as shares between 0 and 1 that add up to at most 1, e.g. "
                            + NAME + "(first=0.4,last=0.4), (first=0.2,last=0.6) or (first=0.6,last=0.2).");
        }
        return new PositionBasedModel(first, last);
    }

    private static String problem(double first, double last) {
        if (!(first >= 0 && first <= 1)) {
            return NAME + " first must be between 0 and 1 (was " + ModelParams.formatNumber(first) + ")";
        }
        if (!(last >= 0 && last <= 1)) {
            return NAME + " last must be between 0 and 1 (was " + ModelParams.formatNumber(last) + ")";
        }
        // exact decimal sum, so 0.7 + 0.3 is 1, not 1.0000000000000002
        if (BigDecimal.valueOf(first).add(BigDecimal.valueOf(last)).compareTo(BigDecimal.ONE) > 0) {
            return NAME + " first + last must be at most 1 (was " + ModelParams.formatNumber(first) + " + "
                    + ModelParams.formatNumber(last) + ")";
        }
        return null;
    }

    @Override
    public String name() {
        return ModelParams.canonicalName(NAME, "first", first, "last", last);
    }

    @Override
    public double[] credits(Journey journey) {
        int n = journey.touchpoints().size();
        double[] c = new double[n];
        if (n == 1) {
            c[0] = 1;
        } else if (n == 2) {
            double sum = first + last;
            c[0] = sum == 0 ? 0.5 : first / sum;
            c[1] = sum == 0 ? 0.5 : last / sum;
        } else {
            c[0] = first;
            c[n - 1] = last;
            double middle = Math.max(0.0, 1.0 - first - last) / (n - 2);
            for (int i = 1; i < n - 1; i++) {
                c[i] = middle;
            }
        }
        return c;
    }
}
