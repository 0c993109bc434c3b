package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Comparison;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the model comparison (Matomo's "compare models") for the top channels of each goal; with a
 * spend file, the goal's cost (and the part on channels no model credited) and each channel's cost.
 */
final class ComparisonPrinter {
    static final int TOP_CHANNELS = 10;

    private ComparisonPrinter() {
    }

    static void print(PrintStream out, TouchpointConfig config, Comparison c) {
        List<String> keys = List.copyOf(c.keys().values());
        String last = c.keys().get("last");
        for (var goal : config.goals().all()) {
            List<Comparison.Line> every = c.allLines().stream().filter(x -> goal.name().equals(x.goal())).toList();
            List<Comparison.Line> rows = c.lines().stream().filter(x -> goal.name().equals(x.goal())).toList();
            if (every.isEmpty()) {
                out.printf("%nNo conversions for goal %s.%n", goal.name());
                continue;
            }
            double total = every.stream().mapToDouble(x -> x.conversions(last)).sum();
            double revenue = every.stream().mapToDouble(x -> x.revenue(last)).sum();
            boolean spend = every.stream().anyMatch(x -> x.cost() != null);
            String cost = "";
            if (spend) {
                // Every channel's cost, also of those hidden for min-people: a total names no one.
                double all = every.stream().filter(x -> x.cost() != null).mapToDouble(Comparison.Line::cost).sum();
                double unspent = every.stream().filter(x -> x.cost() != null && keys.stream().noneMatch(k -> x.conversions(k) > 0))
                        .mapToDouble(Comparison.Line::cost).sum();
                cost = String.format(Locale.ROOT, ", cost %,.2f %s (%,.2f on channels no model credited)", all,
                        config.report().currency(), unspent);
            }
            out.printf(Locale.ROOT, "%nModel comparison, goal %s: %,.0f conversions, revenue %,.2f%s (conversions credited"
                    + " per channel; top %d channels by last touch)%n", goal.name(), total, revenue, cost, TOP_CHANNELS);
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-26s", "channel"));
            if (spend) {
                header.append(String.format(Locale.ROOT, " %12s", "cost"));
            }
            keys.forEach(m -> header.append(String.format(Locale.ROOT, " %15s", shorten(m))));
            out.println(header);
            rows.stream().limit(TOP_CHANNELS).forEach(x -> {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-26s", x.channel()));
                if (spend) {
                    line.append(x.cost() == null ? String.format(Locale.ROOT, " %12s", "-") : String.format(Locale.ROOT, " %,12.2f", x.cost()));
                }
                keys.forEach(m -> line.append(String.format(Locale.ROOT, " %15.1f", x.conversions(m))));
                out.println(line);
            });
            if (every.size() > rows.size()) {
                out.printf(Locale.ROOT, "  (%d channels that fewer than %d people make up are hidden: report.min-people)%n",
                        every.size() - rows.size(), config.report().minPeople());
            }
        }
        out.println("All channels, revenue, CPA and ROAS: bin/touchpoint sql \"SELECT * FROM model_comparison\"");
    }

    private static String shorten(String key) {
        return key.length() <= 15 ? key : key.substring(0, 14) + "…";
    }
}
