package io.touchpoint.jobs;

import io.touchpoint.spark.funnel.FunnelSteps;
import java.io.PrintStream;
import java.util.Locale;

/** Prints every funnel's steps (all units) with units and conversion rates. */
final class FunnelPrinter {
    private FunnelPrinter() {
    }

    static void print(PrintStream out, java.util.List<FunnelSteps.Row> steps) {
        String current = null;
        for (FunnelSteps.Row s : steps) {
            if (!s.breakdown().equals("all")) {
                continue;
            }
            if (!s.funnel().equals(current)) {
                current = s.funnel();
                out.printf("%nFunnel %s%n  %-4s %-22s %10s %10s %10s %10s %14s%n", current, "step", "name", "units",
                        "from prev", "from start", "dropped", "median time");
            }
            out.printf(Locale.ROOT, "  %-4d %-22s %,10d %10s %10s %,10d %14s%n", s.stepIndex(), s.stepName(), s.units(),
                    percent(s.fromPrevious()), percent(s.fromStart()), s.dropped(), duration(s.medianSeconds()));
        }
        out.println("Per breakdown and day: bin/touchpoint sql \"SELECT * FROM funnel_steps\", funnel_trends");
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
