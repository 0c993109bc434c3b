package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.pipeline.Retention;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code touchpoint retention}: storage limitation (GDPR Art. 5(1)(e)) over an output folder. */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Drops every date partition older than the retention period from every table (quarantine of older"
                + " runs, manifests and markers included), recounts the summaries and says what it dropped."
                + " One atomic commit (docs/privacy.md#retention).")
final class RetentionCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--keep", paramLabel = "DAYS", description = "How long to keep, in days: 760d (default: touchpoint.privacy.retention).")
    String keep;

    @Override
    public Integer call() throws Exception {
        if (keep != null) {
            options.set = new java.util.ArrayList<>(options.set);
            options.set.add("touchpoint.privacy.retention=" + keep); // validated as the config key is
        }
        TouchpointConfig config = options.load();
        Duration d = config.privacy().retention();
        if (d.isZero()) {
            throw TouchpointException.config("touchpoint.privacy.retention", "0", "No retention period is set",
                    "Give one, e.g. touchpoint retention --keep 760d, or set touchpoint.privacy.retention.");
        }
        SparkSession spark = SparkRuntime.start(options);
        io.touchpoint.spark.output.AggregatesPublisher.checkPaths(spark.sparkContext().hadoopConfiguration(), config); // exit 2
        boolean hadReport = MaintenanceOutputs.hasReport(spark, config);
        Retention.Result r = Retention.run(spark, config, d, Versions.touchpoint(), System.out::println);
        System.out.printf(Locale.ROOT, "Kept every date from %s on (%d days).%n", r.cutoff(), d.toDays());
        r.dates().forEach((t, dates) -> System.out.printf(Locale.ROOT, "  %-20s %,10d rows in %d dates dropped (%s .. %s)%n",
                t, r.dropped().getOrDefault(t, 0L), dates.size(), dates.get(0).substring(dates.get(0).indexOf('=') + 1),
                dates.get(dates.size() - 1).substring(dates.get(dates.size() - 1).indexOf('=') + 1)));
        if (r.dropped().getOrDefault("quarantine", 0L) > 0) {
            System.out.printf(Locale.ROOT, "  %-20s %,10d rows of older runs dropped%n", "quarantine", r.dropped().get("quarantine"));
        }
        if (!r.files().isEmpty()) {
            System.out.printf(Locale.ROOT, "  %d manifests and markers of older runs and dates removed%n", r.files().size());
        }
        if (r.droppedAnything()) {
            MaintenanceOutputs.refresh(spark, config, r.runId(), hadReport, System.out);
        }
        return 0;
    }
}
