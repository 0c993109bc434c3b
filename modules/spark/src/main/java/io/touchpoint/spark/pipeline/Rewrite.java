package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.output.OutputFolder;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.SerializableConf;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.output.TaskReports;
import io.touchpoint.spark.session.SessionizedSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A rewrite of committed tables by a command that is not a run ({@code erase}, {@code retention}):
 * it stages the rows that stay of the date partitions it changes, recounts the aggregates of those
 * dates from the person-level tables as they will be ({@code attribution_summary} from
 * {@code attribution_credit}, {@code funnel_trends} from {@code funnel_progress}) and the summaries
 * over every date ({@code model_comparison}, {@code funnel_steps}), then commits all of it in one
 * journal ({@link OutputFolder#commitChanges}).
 */
final class Rewrite {
    /** The tables whose rows belong to people, with the partition column of each (quarantine has none). */
    static final List<TableSpec> PERSON_TABLES = List.of(Tables.EVENTS, Tables.SESSIONS, Tables.CONVERSIONS,
            Tables.ATTRIBUTION_CREDIT, Tables.JOURNEYS, Tables.FUNNEL_PROGRESS);

    private final SparkSession spark;
    private final TouchpointConfig config;
    private final OutputFolder folder;
    private final String runId;
    private final OutputFolder.Changes changes = new OutputFolder.Changes();
    /** Rows removed per table. */
    private final Map<String, Long> removed = new LinkedHashMap<>();
    /** Partition folders changed per table. */
    private final Map<String, Set<String>> touched = new LinkedHashMap<>();

    Rewrite(SparkSession spark, TouchpointConfig config, OutputFolder folder, String runId) {
        this.spark = spark;
        this.config = config;
        this.folder = folder;
        this.runId = runId;
    }

    OutputFolder.Changes changes() {
        return changes;
    }

    Map<String, Long> removed() {
        return removed;
    }

    Map<String, Set<String>> touched() {
        return touched;
    }

    boolean exists(TableSpec t) {
        try {
            return folder.fs().exists(folder.table(t.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed partition folders ({@code column=YYYY-MM-DD}) of {@code t}, sorted. */
    List<String> partitions(TableSpec t) {
        List<String> out = new ArrayList<>();
        try {
            Path dir = folder.table(t.name());
            if (folder.fs().exists(dir)) {
                for (FileStatus s : folder.fs().listStatus(dir)) {
                    String n = s.getPath().getName();
                    if (s.isDirectory() && n.startsWith(t.partitionColumn() + "=")) {
                        out.add(n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** A date value as Spark hands it over: {@code LocalDate} with the Java 8 time API on, else {@code java.sql.Date}. */
    static LocalDate localDate(Object v) {
        return v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate();
    }

    static LocalDate dateOf(String partition) {
        return LocalDate.parse(partition.substring(partition.indexOf('=') + 1));
    }

    /** The committed rows of {@code t}: of the given partitions, or all (null). */
    Dataset<Row> committed(TableSpec t, Collection<String> partitions) {
        Path dir = folder.table(t.name());
        if (partitions == null || !t.partitioned()) {
            return spark.read().schema(t.schema()).parquet(dir.toString());
        }
        return spark.read().schema(t.schema()).option("basePath", dir.toString())
                .parquet(partitions.stream().map(p -> new Path(dir, p).toString()).toArray(String[]::new));
    }

    /**
     * Removes the rows of {@code t} that {@code remove} selects: one job finds the dates they are
     * on and how many, a second stages those dates without them.
     *
     * @return the rows removed
     */
    long removeRows(TableSpec t, Column remove) {
        if (!exists(t)) {
            return 0;
        }
        if (!t.partitioned()) {
            long n = committed(t, null).where(remove).count();
            if (n > 0) {
                stage(t, committed(t, null).where(remove.equalTo(lit(false)).or(remove.isNull())));
                changes.replaceTable(t);
                touched.put(t.name(), Set.of());
            }
            removed.merge(t.name(), n, Long::sum);
            return n;
        }
        Set<String> dates = new TreeSet<>();
        long n = 0;
        for (Row r : committed(t, null).where(remove).groupBy(col(t.partitionColumn())).agg(count(lit(1)).as("n")).collectAsList()) {
            dates.add(t.partitionColumn() + "=" + localDate(r.get(0)));
            n += r.getLong(1);
        }
        if (!dates.isEmpty()) {
            stage(t, committed(t, dates).where(remove.equalTo(lit(false)).or(remove.isNull())));
            changes.replacePartitions(t, dates);
            touched.computeIfAbsent(t.name(), k -> new TreeSet<>()).addAll(dates);
        }
        removed.merge(t.name(), n, Long::sum);
        return n;
    }

    /**
     * Sets {@code columns} to null in the rows of {@code t} that {@code select} selects (after any
     * removal this run staged for the same dates: the staged rows are read, not the committed ones).
     *
     * @return the rows changed
     */
    long scrubRows(TableSpec t, Column select, List<String> columns) {
        if (!exists(t)) {
            return 0;
        }
        Dataset<Row> current = afterCommit(t);
        if (current == null) {
            return 0;
        }
        Set<String> dates = new TreeSet<>();
        long n = 0;
        for (Row r : current.where(select).groupBy(col(t.partitionColumn())).agg(count(lit(1)).as("n")).collectAsList()) {
            dates.add(t.partitionColumn() + "=" + localDate(r.get(0)));
            n += r.getLong(1);
        }
        if (dates.isEmpty()) {
            return 0;
        }
        // The dates this run already staged for t are staged again, with the rest: the staging is one overwrite.
        dates.addAll(touched.getOrDefault(t.name(), Set.of()));
        Object[] days = dates.stream().map(d -> lit(dateOf(d).toString()).cast("date")).toArray();
        // The selection once, before any column changes (it may read the columns it clears); stage() leaves it out.
        Dataset<Row> rows = current.where(col(t.partitionColumn()).isin(days)).withColumn("_scrub", select);
        for (String c : columns) {
            rows = rows.withColumn(c, when(col("_scrub"), lit(null).cast(t.schema().apply(c).dataType())).otherwise(col(c)));
        }
        // Staged through a local checkpoint: the staged folder is overwritten with rows read from it.
        stage(t, rows.localCheckpoint());
        changes.replacePartitions(t, dates);
        touched.computeIfAbsent(t.name(), k -> new TreeSet<>()).addAll(dates);
        return n;
    }

    /** Drops whole partitions of {@code t} (their rows counted from the Parquet footers). */
    void dropPartitions(TableSpec t, Collection<String> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long n = 0;
        for (String p : partitions) {
            n += Footers.rows(folder.fs(), new Path(folder.table(t.name()), p));
        }
        changes.replacePartitions(t, partitions);
        touched.computeIfAbsent(t.name(), k -> new TreeSet<>()).addAll(partitions);
        removed.merge(t.name(), n, Long::sum);
    }

    /** Writes {@code rows} (of {@code t}'s columns) into {@code t}'s staged folder, by date partition. */
    private void stage(TableSpec t, Dataset<Row> rows) {
        var writer = rows.select(SessionizedSchema.columns(t.schema().fieldNames())).write().mode(SaveMode.Overwrite)
                .option("compression", "snappy");
        if (t.partitioned()) {
            writer = writer.partitionBy(t.partitionColumn());
        }
        writer.parquet(folder.staged(runId, t.name()).toString());
    }

    /** The rows of {@code t} as the commit will leave them: staged partitions, and the committed ones it keeps. */
    private Dataset<Row> afterCommit(TableSpec t) {
        Set<String> replaced = changes.partitions().getOrDefault(t, Set.of());
        List<String> kept = partitions(t).stream().filter(p -> !replaced.contains(p)).toList();
        Dataset<Row> out = kept.isEmpty() ? null : committed(t, kept);
        Path staged = folder.staged(runId, t.name());
        List<String> stagedDates = replaced.stream().filter(p -> exists(new Path(staged, p))).toList();
        if (!stagedDates.isEmpty()) {
            Dataset<Row> s = spark.read().schema(t.schema()).option("basePath", staged.toString())
                    .parquet(stagedDates.stream().map(p -> new Path(staged, p).toString()).toArray(String[]::new));
            out = out == null ? s : out.unionByName(s);
        }
        return out;
    }

    private boolean exists(Path p) {
        try {
            return folder.fs().exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Recounts what the changed person-level partitions feed: attribution_summary of the
     * conversion dates whose credits changed (from attribution_credit, summed exactly),
     * funnel_trends of the entry dates whose progress changed (from funnel_progress), and
     * model_comparison and funnel_steps over every date. Tables a {@code sessionise} output lacks
     * are left alone.
     */
    void recountAggregates() {
        SerializableConf conf = new SerializableConf(folder.conf());
        TaskReports reports = new TaskReports();
        spark.sparkContext().register(reports, "touchpoint-" + runId);
        if (exists(Tables.ATTRIBUTION_SUMMARY) && exists(Tables.ATTRIBUTION_CREDIT)) {
            Set<String> creditDates = touched.getOrDefault(Tables.ATTRIBUTION_CREDIT.name(), Set.of());
            Set<String> dropped = touched.getOrDefault(Tables.ATTRIBUTION_SUMMARY.name(), Set.of());
            Set<String> summaryDates = new TreeSet<>();
            creditDates.forEach(d -> summaryDates.add(Tables.ATTRIBUTION_SUMMARY.partitionColumn() + "=" + dateOf(d)));
            // The dates recounted (not dropped whole, as retention drops them): their costs stay.
            List<String> recounted = summaryDates.stream().filter(d -> !dropped.contains(d)).toList();
            summaryDates.addAll(dropped);
            if (!creditDates.isEmpty()) {
                Path staged = folder.staged(runId, Tables.ATTRIBUTION_CREDIT.name());
                List<String> present = creditDates.stream().filter(p -> exists(new Path(staged, p))).toList();
                Dataset<Row> rows = null;
                if (!present.isEmpty()) {
                    rows = spark.read().schema(Tables.ATTRIBUTION_CREDIT.schema()).option("basePath", staged.toString())
                            .parquet(present.stream().map(p -> new Path(staged, p).toString()).toArray(String[]::new))
                            .select(col("goal"), col("model"), col("channel"), col("campaign"), col("credit").as("conversions"),
                                    // hybrid's off-journey credit rows have no touchpoint: not counted as one
                                    col("revenue_credit").as("revenue"),
                                    org.apache.spark.sql.functions.when(col("touchpoint_index").isNull(), lit(0L)).otherwise(lit(1L))
                                            .as("touchpoints"), lit(null).cast("double").as("cost"),
                                    lit(null).cast("double").as("cpa"), lit(null).cast("double").as("roas"), col("conversion_date"));
                }
                // Each key's cost from the summary rows replaced, also where its conversions drop to 0 (or none remain).
                Set<String> committedDates = new TreeSet<>(partitions(Tables.ATTRIBUTION_SUMMARY));
                List<String> costDates = recounted.stream().filter(committedDates::contains).toList();
                if (!costDates.isEmpty()) {
                    Dataset<Row> costs = SummaryAggregate.costRows(committed(Tables.ATTRIBUTION_SUMMARY, costDates));
                    rows = rows == null ? costs : rows.unionByName(costs);
                }
                if (rows != null) {
                    // As the run's summary: exact sums of the credits, one file per date.
                    SummaryAggregate.write(SummaryAggregate.of(rows), folder.staged(runId, Tables.ATTRIBUTION_SUMMARY.name()));
                }
            }
            if (!summaryDates.isEmpty()) {
                changes.replacePartitions(Tables.ATTRIBUTION_SUMMARY, summaryDates);
                touched.computeIfAbsent(Tables.ATTRIBUTION_SUMMARY.name(), k -> new TreeSet<>()).addAll(summaryDates);
                // report.min-people counts people from attribution_credit as it will be after the commit.
                Comparison comparison = Comparison.of(config, afterCommit(Tables.ATTRIBUTION_SUMMARY),
                        config.report().minPeople() > 0 ? afterCommit(Tables.ATTRIBUTION_CREDIT) : null);
                TableSpec spec = comparison.table();
                PassOutput.Task cmp = new PassOutput("comparison", reports, List.of(TableSink.Plan.of(spec,
                        folder.staged(runId, spec.name()), conf, spec.schema(), DateRange.ALL))).open();
                comparison.rows().forEach(r -> cmp.sink(spec.name()).write(r));
                cmp.finish();
                changes.replaceTable(spec);
                if (exists(SelfReported.spec(List.of(), Map.of()))) {
                    // What people said, counted again from the conversions the commit leaves.
                    SelfReported said = SelfReported.of(config, afterCommit(Tables.CONVERSIONS), comparison);
                    PassOutput.Task t = new PassOutput("self-reported", reports, List.of(TableSink.Plan.of(said.table(),
                            folder.staged(runId, said.table().name()), conf, said.table().schema(), DateRange.ALL))).open();
                    said.rows().forEach(r -> t.sink(said.table().name()).write(r));
                    t.finish();
                    changes.replaceTable(said.table());
                }
            }
        }
        if (touched.containsKey(Tables.JOURNEYS.name()) && exists(ConversionPaths.SPEC)) {
            // The conversion paths, counted again from the journeys the commit leaves.
            ConversionPaths.write(spark, afterCommit(Tables.JOURNEYS), folder.staged(runId, ConversionPaths.SPEC.name()));
            changes.replaceTable(ConversionPaths.SPEC);
        }
        if (exists(Tables.FUNNEL_PROGRESS) && exists(Tables.FUNNEL_STEPS) && !config.funnels().all().isEmpty()) {
            Set<String> progressDates = touched.getOrDefault(Tables.FUNNEL_PROGRESS.name(), Set.of());
            Set<String> trendDates = new TreeSet<>();
            progressDates.forEach(d -> trendDates.add(Tables.FUNNEL_TRENDS.partitionColumn() + "=" + dateOf(d)));
            trendDates.addAll(touched.getOrDefault(Tables.FUNNEL_TRENDS.name(), Set.of()));
            if (!trendDates.isEmpty()) {
                Dataset<Row> progress = afterCommit(Tables.FUNNEL_PROGRESS);
                Map<String, Long> trends = new HashMap<>();
                if (progress != null && !progressDates.isEmpty()) {
                    Object[] days = progressDates.stream().map(d -> lit(dateOf(d).toString()).cast("date")).toArray();
                    for (Row r : progress.where(col("entered_date").isin(days))
                            .groupBy(col("funnel"), col("entered_date"), col("level")).agg(count(lit(1)).as("n")).collectAsList()) {
                        trends.put(r.getString(0) + "\t" + localDate(r.get(1)).toEpochDay() + "\t" + r.getInt(2), r.getLong(3));
                    }
                }
                FunnelSummaries f = FunnelSummaries.of(spark, config, trends, null, progress == null ? List.of() : List.of(progress));
                PassOutput.Task written = new PassOutput("summary", reports, List.of(
                        TableSink.Plan.of(Tables.FUNNEL_STEPS, folder.staged(runId, Tables.FUNNEL_STEPS.name()), conf,
                                Tables.FUNNEL_STEPS.schema(), DateRange.ALL),
                        TableSink.Plan.of(Tables.FUNNEL_TRENDS, folder.staged(runId, Tables.FUNNEL_TRENDS.name()), conf,
                                Tables.FUNNEL_TRENDS.schema(), DateRange.ALL))).open();
                f.stepRows().forEach(r -> written.sink(Tables.FUNNEL_STEPS.name()).write(r));
                f.trendRows().forEach(r -> written.sink(Tables.FUNNEL_TRENDS.name()).write(r));
                written.finish();
                changes.replaceTable(Tables.FUNNEL_STEPS);
                changes.replacePartitions(Tables.FUNNEL_TRENDS, trendDates);
                touched.computeIfAbsent(Tables.FUNNEL_TRENDS.name(), k -> new TreeSet<>()).addAll(trendDates);
            }
        }
    }

    /** Commits everything staged, and the files put in {@link #changes()}. */
    void commit() {
        // The report counts what went: it goes with the commit (a kill after the journal must not
        // leave a report that still counts an erased person); the command writes it again after.
        if (exists(new Path(folder.path(), "report.html"))) {
            changes.delete("report.html");
        }
        io.touchpoint.spark.output.Pause.at("rewrite-staged"); // a crash test's point: everything staged, no journal yet
        folder.commitChanges(runId, changes);
    }
}
