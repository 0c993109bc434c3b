package io.touchpoint.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The results as a Markdown table of medians, with the ratios the targets are stated in. */
final class BenchReport {
    private BenchReport() {
    }

    static String markdown(List<EngineResult> all, List<String> engines) {
        Map<Long, Map<String, List<EngineResult>>> bySize = new TreeMap<>();
        all.forEach(r -> bySize.computeIfAbsent(r.events(), s -> new LinkedHashMap<>())
                .computeIfAbsent(r.engine(), e -> new ArrayList<>()).add(r));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s, %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name")));
        // Touchpoint's stages are its manifest's: sessions = the visitor pass, tables = the summary
        // aggregate, the summary tables and the commit (its passes write the other tables as they go);
        // duckdb_tables's tables = its COPY statements. Start-up and the driver's share are in the total.
        sb.append("| events | engine | runs | start-up s | ingest s | sessions s | attribution s | funnels s | person pass s"
                + " | tables s | total s | events/s | peak RSS MB | shuffle MB | spill MB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<Long, Map<String, Long>> totals = new TreeMap<>();
        for (var size : bySize.entrySet()) {
            for (var e : size.getValue().entrySet()) {
                List<EngineResult> rs = e.getValue();
                long total = median(rs.stream().map(EngineResult::totalMs).toList());
                totals.computeIfAbsent(size.getKey(), k -> new LinkedHashMap<>()).put(e.getKey(), total);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %.1f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                        BenchData.label(size.getKey()), e.getKey(), rs.size(),
                        median(rs.stream().map(EngineResult::startupMs).toList()) / 1000.0,
                        stage(rs, "ingest"), stage(rs, "sessions", "visitor_pass"), stage(rs, "attribution"), stage(rs, "funnels"),
                        stage(rs, "person_pass"), stage(rs, "tables", "summary", "summaries", "commit"), total / 1000.0,
                        size.getKey() * 1000.0 / Math.max(1, total),
                        median(rs.stream().map(EngineResult::peakRssBytes).toList()) / 1e6,
                        median(rs.stream().map(EngineResult::shuffleBytes).toList()) / 1e6,
                        median(rs.stream().map(EngineResult::spillBytes).toList()) / 1e6));
            }
        }
        sb.append("\nRatios (median total time, start-up included):\n\n");
        for (var t : totals.entrySet()) {
            Map<String, Long> m = t.getValue();
            Long tp = m.get("touchpoint");
            sb.append("- ").append(BenchData.label(t.getKey())).append(": ").append(m.entrySet().stream()
                    .filter(x -> tp != null && !x.getKey().equals("touchpoint"))
                    .map(x -> String.format(Locale.ROOT, "touchpoint / %s = %.2f", x.getKey(), (double) tp / x.getValue()))
                    .collect(Collectors.joining(", ")));
            sb.append('\n');
        }
        if (totals.size() >= 2) {
            var sizes = new ArrayList<>(totals.keySet());
            long small = sizes.get(0);
            long big = sizes.get(sizes.size() - 1);
            for (String e : engines) {
                Long a = totals.get(small).get(e);
                Long b = totals.get(big).get(e);
                if (a != null && b != null) {
                    sb.append(String.format(Locale.ROOT, "- scaling %s: %s time = %.1f × the %s time%n", e,
                            BenchData.label(big), (double) b / a, BenchData.label(small)));
                }
            }
        }
        return sb.toString();
    }

    /** The median over runs of the named stages' summed time ("-" when no run has any of them). */
    private static String stage(List<EngineResult> rs, String... stages) {
        List<Long> v = rs.stream().map(r -> {
            long sum = -1;
            for (String st : stages) {
                Long ms = r.stages().get(st);
                if (ms != null) {
                    sum = Math.max(sum, 0) + ms;
                }
            }
            return sum;
        }).filter(x -> x >= 0).toList();
        return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", median(v) / 1000.0);
    }

    static long median(List<Long> values) {
        List<Long> s = values.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
