package io.touchpoint.jobs;

import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.spark.SessionsPipeline;
import java.io.File;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The short, human summary a run ends with. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PrintStream out, RunManifest m, SessionsPipeline.Result s, String manifestPath) {
        IngestCounts c = m.counts();
        out.println();
        out.printf(Locale.ROOT, "Rows read     %,12d%n", c.read());
        out.printf(Locale.ROOT, "  accepted    %,12d%n", c.accepted());
        out.printf(Locale.ROOT, "  quarantined %,12d  %s%n", c.quarantinedTotal(), byReason(c.quarantined()));
        out.printf(Locale.ROOT, "  duplicates  %,12d%n", c.duplicates());
        out.printf(Locale.ROOT, "  skipped     %,12d  %s%n", c.skippedTotal(), byReason(c.skipped()));
        out.printf(Locale.ROOT, "  (read = accepted + quarantined + duplicates + skipped: %s)%n", c.reconciles() ? "yes" : "NO");
        out.printf(Locale.ROOT, "Sessions      %,12d  of %,d visitors, %,d people%n", s.sessionCount(), s.visitors(), s.people());
        long total = s.sessionsByChannel().values().stream().mapToLong(Long::longValue).sum();
        out.println("Channels (share of sessions):");
        s.sessionsByChannel().forEach((ch, n) -> out.printf(Locale.ROOT, "  %-26s %,10d  %5.1f%%%n", ch, n, 100.0 * n / total));
        out.println("Tables (Parquet):");
        new java.util.TreeMap<>(m.tables()).forEach((name, t) ->
                out.printf(Locale.ROOT, "  %-20s %,10d rows  %s%n", name, t.rows(), display(t.path())));
        out.println("Manifest: " + display(manifestPath));
        String output = m.tables().get("sessions").path();
        output = output.substring(0, output.length() - "/sessions".length());
        out.println("Query them: bin/touchpoint sql " + (output.equals("out") ? "" : "--output " + display(output) + " ")
                + "\"SELECT channel, count(*) AS sessions FROM sessions GROUP BY channel ORDER BY 2 DESC\"");
    }

    private static String byReason(Map<String, Long> m) {
        return m.isEmpty() ? "" : m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Local paths as absolute file paths, anything else (hdfs:, s3a:) as is. */
    private static String display(String path) {
        return path.startsWith("file:") ? path.substring(5) : path.contains(":") ? path : new File(path).getAbsolutePath();
    }
}
