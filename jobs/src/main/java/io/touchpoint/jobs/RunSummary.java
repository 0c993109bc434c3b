package io.touchpoint.jobs;

import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.pipeline.Pipeline;
import java.io.File;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The short, human summary a run ends with. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PrintStream out, Pipeline.Result r) {
        RunManifest m = r.manifest();
        IngestCounts c = r.counts();
        out.println();
        out.printf(Locale.ROOT, "Rows read     %,12d%n", c.read());
        out.printf(Locale.ROOT, "  accepted    %,12d%n", c.accepted());
        out.printf(Locale.ROOT, "  quarantined %,12d  %s%n", c.quarantinedTotal(), byReason(c.quarantined()));
        out.printf(Locale.ROOT, "  duplicates  %,12d%n", c.duplicates());
        out.printf(Locale.ROOT, "  skipped     %,12d  %s%n", c.skippedTotal(), byReason(c.skipped()));
        out.printf(Locale.ROOT, "  (read = accepted + quarantined + duplicates + skipped: %s)%n", c.reconciles() ? "yes" : "NO");
        out.printf(Locale.ROOT, "Sessions      %,12d  of %,d visitors, %,d people%n", r.sessions(), r.visitors(), r.people());
        long total = r.sessionsByChannel().values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            out.println("Channels (share of sessions):");
            r.sessionsByChannel().forEach((ch, n) -> out.printf(Locale.ROOT, "  %-26s %,10d  %5.1f%%%n", ch, n, 100.0 * n / total));
        }
        if (!r.notes().isEmpty()) {
            out.println("Notes (empty results, consent, erasures, adjusted times; every table is still written):");
            r.notes().forEach(n -> out.println("  " + n));
        }
        out.println("Tables (Parquet):");
        new java.util.TreeMap<>(m.tables()).forEach((name, t) ->
                out.printf(Locale.ROOT, "  %-20s %,10d rows  %s%n", name, t.rows(), display(t.path())));
        out.println("Manifest: " + display(r.manifestPath()));
        String output = m.tables().get("sessions").path();
        output = output.substring(0, output.length() - "/sessions".length());
        String shown = display(output);
        out.println("Query them: bin/touchpoint sql "
                + (shown.equals(new File("out").getAbsolutePath()) ? "" : "--output " + shown + " ")
                + "\"SELECT channel, count(*) AS sessions FROM sessions GROUP BY channel ORDER BY 2 DESC\"");
    }

    private static String byReason(Map<String, Long> m) {
        return m.isEmpty() ? "" : m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Local paths as absolute file paths, anything else (hdfs:, s3a:) as is. */
    static String display(String path) {
        return path.startsWith("file:") ? path.substring(5) : path.contains(":") ? path : new File(path).getAbsolutePath();
    }
}
