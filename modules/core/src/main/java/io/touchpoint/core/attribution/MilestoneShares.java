package io.touchpoint.core.attribution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic shared by the milestone models {@code u_shaped}, {@code w_shaped} and
 * {@code full_path} (docs/models.md, "Milestone models"): the parameters are {@code first} and then
 * one share per milestone role, each named like the role ({@code lead}, {@code opportunity},
 * {@code won}, the keys of {@link Journey#milestones()}).
 *
 * <ul>
 *   <li>The first touch is touchpoint 1, always present. The touch of a role is the touchpoint whose
 *       session started last <b>at or before</b> the role's stage time (the later in journey order on
 *       equal times); the role is missing when the journey has no time for it or no touchpoint
 *       started by then. A stage time after the conversion is not missing: its touch is the latest
 *       touchpoint, usually the converting session.</li>
 *   <li>Each present milestone gets its share; the shares of the missing ones are split equally
 *       over the present ones (first included). A touchpoint that is the touch of several milestones
 *       gets all their shares.</li>
 *   <li>The rest, 1 − the sum of all shares, is split equally over the touchpoints that are no
 *       milestone's touch; when every touchpoint is one, over all of them (each distinct touchpoint
 *       once, however many milestones it is the touch of).</li>
 * </ul>
 */
final class MilestoneShares {

    /** Parameter names in canonical order: first, then the roles. */
    static final List<String> U_SHAPED = List.of("first", Journey.LEAD);
    static final List<String> W_SHAPED = List.of("first", Journey.LEAD, Journey.OPPORTUNITY);
    static final List<String> FULL_PATH = List.of("first", Journey.LEAD, Journey.OPPORTUNITY, Journey.WON);

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "first", "share of the first touchpoint, 0 to 1",
            Journey.LEAD, "share of the lead-creation touch (last touchpoint at or before the lead stage), 0 to 1",
            Journey.OPPORTUNITY, "share of the opportunity-creation touch, 0 to 1",
            Journey.WON, "share of the closed-won touch, 0 to 1");

    private MilestoneShares() {
    }

    /** The parameter descriptions of {@code touchpoint models}; the last one states the sum rule. */
    static List<ParamInfo> params(List<String> names, double... defaults) {
        List<ParamInfo> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String d = DESCRIPTIONS.get(names.get(i));
            if (i == names.size() - 1) {
                d += "; " + String.join(" + ", names) + " <= 1";
            }
            out.add(new ParamInfo(names.get(i), ModelParams.formatNumber(defaults[i]), d));
        }
        return out;
    }

    /** The parameters of a spec, defaults for the missing ones; a config error when out of range. */
    static double[] read(ModelParams params, String model, List<String> names, double... defaults) {
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.getDouble(names.get(i), defaults[i]);
        }
        String problem = problem(model, names, values);
        if (problem != null) {
            throw params.invalid(problem, "Give " + and(names) + " as shares between 0 and 1 that add up to at most 1, e.g. "
                    + ModelParams.canonicalName(model, namesAndValues(names, defaults)) + ".");
        }
        return values;
    }

    /** What is wrong with these values, or null: each must be in [0, 1], their exact sum at most 1. */
    static String problem(String model, List<String> names, double... values) {
        BigDecimal sum = BigDecimal.ZERO;
        List<String> written = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                return model + " " + names.get(i) + " must be between 0 and 1 (was " + format(values[i]) + ")";
            }
            // exact decimal sum, so 0.3 + 0.3 + 0.4 is 1, not 1.0000000000000002
            sum = sum.add(BigDecimal.valueOf(values[i]));
            written.add(ModelParams.formatNumber(values[i]));
        }
        if (sum.compareTo(BigDecimal.ONE) > 0) {
            return model + " " + String.join(" + ", names) + " must be at most 1 (was " + String.join(" + ", written) + ")";
        }
        return null;
    }

    /** For the records' constructors: an IllegalArgumentException when the values are out of range. */
    static void check(String model, List<String> names, double... values) {
        String problem = problem(model, names, values);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * The credits of {@code journey}.
     *
     * @param names the parameter names, {@code first} and then the roles
     * @param shares the parameter values in that order, checked by {@link #problem}
     */
    static double[] credits(Journey journey, List<String> names, double... shares) {
        List<Touchpoint> tps = journey.touchpoints();
        int n = tps.size();
        int[] touch = new int[names.size()];
        double missing = 0;
        int present = 0;
        for (int m = 0; m < touch.length; m++) {
            touch[m] = m == 0 ? 0 : touch(tps, journey.milestones().get(names.get(m)));
            if (touch[m] < 0) {
                missing += shares[m];
            } else {
                present++;
            }
        }
        double[] c = new double[n];
        boolean[] isTouch = new boolean[n];
        int touches = 0;
        for (int m = 0; m < touch.length; m++) {
            if (touch[m] >= 0) {
                c[touch[m]] += shares[m] + missing / present; // present >= 1: the first touch
                if (!isTouch[touch[m]]) {
                    isTouch[touch[m]] = true;
                    touches++;
                }
            }
        }
        // the exact decimal rest, so the default 0.3 * 3 leaves 0.1, not 0.10000000000000009, and shares
        // whose exact sum is 1 (checked by problem) leave 0, never a rounded negative
        BigDecimal exact = BigDecimal.ONE;
        for (double share : shares) {
            exact = exact.subtract(BigDecimal.valueOf(share));
        }
        double rest = exact.doubleValue();
        int others = n - touches;
        for (int i = 0; i < n; i++) {
            if (others == 0) {
                c[i] += rest / n; // every touchpoint is a milestone touch
            } else if (!isTouch[i]) {
                c[i] += rest / others;
            }
        }
        return c;
    }

    /**
     * Index of the touchpoint with the latest start at or before {@code time}, the later in journey
     * order on ties; -1 if none.
     */
    private static int touch(List<Touchpoint> tps, Long time) {
        int best = -1;
        if (time == null) {
            return best;
        }
        // by start time, not simply the last in journey order: the converting session is last even
        // when it started before a session on another device, which is then the later touch
        for (int i = 0; i < tps.size(); i++) {
            long t = tps.get(i).timeMicros();
            if (t <= time && (best < 0 || t >= tps.get(best).timeMicros())) {
                best = i;
            }
        }
        return best;
    }

    private static Object[] namesAndValues(List<String> names, double... values) {
        Object[] out = new Object[names.size() * 2];
        for (int i = 0; i < names.size(); i++) {
            out[2 * i] = names.get(i);
            out[2 * i + 1] = values[i];
        }
        return out;
    }

    static String name(String model, List<String> names, double... values) {
        return ModelParams.canonicalName(model, namesAndValues(names, values));
    }

    private static String and(List<String> names) {
        return names.size() == 2 ? names.get(0) + " and " + names.get(1)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String format(double value) {
        return Double.isFinite(value) ? ModelParams.formatNumber(value) : String.valueOf(value);
    }
}
