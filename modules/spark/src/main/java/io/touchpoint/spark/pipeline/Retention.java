package io.touchpoint.spark.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.output.OutputFolder;
import io.touchpoint.spark.output.OutputLock;
import io.touchpoint.spark.output.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Storage limitation (GDPR Art. 5(1)(e)): drops every date partition older than the retention
 * period from every table, with the quarantine of runs and the manifests and markers older than
 * it, recounts the summaries over the dates that stay, and records what it dropped in
 * {@code _audit/retention/<run id>.json}, in one atomic commit. Run after every {@code run} when
 * {@code touchpoint.privacy.retention} is set, and by {@code touchpoint retention --keep 760d}.
 */
public final class Retention {
    static final String AUDIT = "_audit/retention";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Every dated table, in the order they are dropped from. */
    private static final List<TableSpec> DATED = List.of(Tables.EVENTS, Tables.SESSIONS, Tables.CONVERSIONS,
            Tables.ATTRIBUTION_CREDIT, Tables.ATTRIBUTION_SUMMARY, Tables.JOURNEYS, Tables.FUNNEL_PROGRESS, Tables.FUNNEL_TRENDS);

    private Retention() {
    }

    /**
     * What a retention pass did.
     *
     * @param cutoff the first date kept (dates before it were dropped)
     * @param dropped rows dropped per table
     * @param files manifests and markers removed
     */
    public record Result(String runId, LocalDate cutoff, Map<String, Long> dropped, Map<String, List<String>> dates, List<String> files) {
        public boolean droppedAnything() {
            return dropped.values().stream().anyMatch(n -> n > 0) || !files.isEmpty() || !dates.isEmpty();
        }
    }

    /** The first date a retention of {@code keep} keeps on {@code today}: {@code today - keep}, counted in whole days. */
    public static LocalDate cutoff(LocalDate today, Duration keep) {
        return today.minusDays(keep.toDays());
    }

    /** {@code touchpoint retention}: takes the output's lock, then {@link #apply}. */
    public static Result run(SparkSession spark, TouchpointConfig config, Duration keep, String version, Consumer<String> progress) {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw TouchpointException.config("--keep", keep.toString(), "Retention must be at least one day",
                    "Say days, e.g. --keep 760d (HOCON reads 25m as 25 minutes).");
        }
        Instant started = Instant.now();
        String runId = Pipeline.newRunId(started);
        OutputFolder folder = new OutputFolder(new Path(config.outputPath()), spark.sparkContext().hadoopConfiguration());
        try {
            if (!folder.fs().exists(folder.table(Tables.EVENTS.name()))) {
                throw TouchpointException.config("touchpoint.output.path", config.outputPath(), "The output folder holds no tables",
                        "Give the --output (or --config) your runs write to.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputLock lock = OutputLock.acquire(folder.fs(), folder.path(), runId, "retention", progress)) {
            folder.recover(runId, progress);
            try {
                return apply(spark, config, folder, runId, keep, version, progress);
            } catch (RuntimeException e) {
                try {
                    folder.discard(runId);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /**
     * Drops what is older than {@code keep} (the caller holds the output's lock). Dates are the
     * tables' partition dates, in {@code touchpoint.input.time-zone}; quarantine rows, manifests
     * and markers are dated by the run that wrote them. Nothing older: nothing is committed.
     */
    static Result apply(SparkSession spark, TouchpointConfig config, OutputFolder folder, String runId, Duration keep,
                        String version, Consumer<String> progress) {
        Instant started = Instant.now();
        LocalDate cutoff = cutoff(LocalDate.ofInstant(started, config.input().timeZone()), keep);
        Rewrite rewrite = new Rewrite(spark, config, folder, runId);
        folder.begin(runId, "retention", started);
        Map<String, List<String>> dates = new LinkedHashMap<>();
        for (TableSpec t : DATED) {
            List<String> old = rewrite.partitions(t).stream().filter(p -> Rewrite.dateOf(p).isBefore(cutoff)).toList();
            if (!old.isEmpty()) {
                rewrite.dropPartitions(t, old);
                dates.put(t.name(), old);
            }
        }
        List<String> files = new ArrayList<>();
        String cutoffRun = cutoff.toString().replace("-", "");
        try {
            // The quarantine holds the rows of the last run that wrote it: dropped when that run is older.
            Path quarantine = folder.table(Tables.QUARANTINE.name());
            if (folder.fs().exists(quarantine)) {
                rewrite.removeRows(Tables.QUARANTINE, org.apache.spark.sql.functions.substring(
                        org.apache.spark.sql.functions.col("run_id"), 1, 8).lt(cutoffRun));
            }
            Path manifests = new Path(folder.path(), "_manifests");
            if (folder.fs().exists(manifests)) {
                for (FileStatus s : folder.fs().listStatus(manifests)) {
                    String n = s.getPath().getName();
                    if (n.endsWith(".json") && !n.equals("latest.json") && n.length() >= 8 && n.substring(0, 8).compareTo(cutoffRun) < 0
                            && n.substring(0, 8).chars().allMatch(Character::isDigit)) {
                        files.add("_manifests/" + n);
                    }
                }
            }
            Path markers = new Path(folder.path(), "_markers");
            if (folder.fs().exists(markers)) {
                for (FileStatus s : folder.fs().listStatus(markers)) {
                    String n = s.getPath().getName();
                    if (n.startsWith("date=") && LocalDate.parse(n.substring(5)).isBefore(cutoff)) {
                        files.add("_markers/" + n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> dropped = new LinkedHashMap<>(rewrite.removed());
        Result result = new Result(runId, cutoff, dropped, dates, files);
        if (!result.droppedAnything()) {
            progress.accept("[retention] nothing dated before " + cutoff + " (keep " + keep.toDays() + " days)");
            folder.discard(runId);
            return result;
        }
        rewrite.recountAggregates();
        files.forEach(f -> rewrite.changes().delete(f));
        ObjectNode audit = JSON.createObjectNode().put("run_id", runId).put("command", "retention").put("status", "succeeded")
                .put("started_at", started.toString()).put("finished_at", Instant.now().toString()).put("touchpoint_version", version)
                .put("keep_days", keep.toDays()).put("first_date_kept", cutoff.toString());
        audit.set("rows_dropped", JSON.valueToTree(dropped));
        audit.set("partitions_dropped", JSON.valueToTree(dates));
        audit.set("files_removed", JSON.valueToTree(files));
        try {
            rewrite.changes().putFile(AUDIT + "/" + runId + ".json", JSON.writeValueAsBytes(audit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rewrite.commit();
        long rows = dropped.values().stream().mapToLong(Long::longValue).sum();
        progress.accept(String.format(Locale.ROOT, "[retention] dropped everything dated before %s (keep %d days): %,d rows in %d"
                + " date partitions of %d tables, %d manifests and markers", cutoff, keep.toDays(), rows,
                dates.values().stream().mapToInt(List::size).sum(), dates.size(), files.size()));
        return result;
    }
}
