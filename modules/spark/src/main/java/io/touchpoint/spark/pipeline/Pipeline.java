package io.touchpoint.spark.pipeline;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.funnel.FunnelSteps;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.spark.ingest.IngestPass;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.output.OutputFolder;
import io.touchpoint.spark.output.OutputLock;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.output.TaskReports;
import io.touchpoint.spark.output.WrittenFile;
import io.touchpoint.spark.person.PersonPass;
import io.touchpoint.spark.session.SessionizedColumns;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.session.SparkSessionizer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The stage order of every run, in one place: {@code touchpoint run} and {@code sessionise}, under
 * {@code spark-submit} or embedded, and the benchmark all call {@link #run}.
 *
 * <ol>
 *   <li>Lock the output folder (exit 4 when another run holds it), finish or discard what killed
 *       runs left, start this run's staging folder.</li>
 *   <li>One Spark job over the events: parse and validate (quarantine written by the parsing task),
 *       one shuffle and sorted pass by visitor (events and sessions written by it), one shuffle and
 *       sorted pass by person (conversions, credits of every model and funnel progress written by
 *       it), ending in the small aggregate that writes {@code attribution_summary}. Counts reach
 *       the driver with the tasks' reports ({@link TaskReports}), never through count jobs.</li>
 *   <li>The summary tables over every date in the output (documented rules): model_comparison
 *       from the pass's sums (plus, for a range, the summary's other dates), funnel_steps from
 *       funnel_progress, funnel_trends from the pass's counts.</li>
 *   <li>Commit every table together ({@link OutputFolder#commit}), then the manifest and markers.</li>
 * </ol>
 * A failure at any point leaves the committed tables as they were and records the run as failed.
 */
public final class Pipeline {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Pipeline() {
    }

    /** A new run id: the start time and four hex digits. */
    public static String newRunId(Instant started) {
        return RUN_ID.format(started) + "-" + String.format("%04x", System.nanoTime() & 0xffff);
    }

    /**
     * What a run did.
     *
     * @param comparison the model_comparison rows (goals × channels)
     * @param notes what was empty and why, one sentence each
     */
    public record Result(RunManifest manifest, String manifestPath, IngestCounts counts, long sessions, long visitors,
                         long people, long conversions, Map<String, Long> sessionsByChannel,
                         Comparison comparison, List<FunnelSteps.Row> steps, List<String> notes) {
    }

    /**
     * Runs the pipeline into {@code config.outputPath()}.
     *
     * @param attribute the whole run (journeys, models, funnels); false: quarantine, events and sessions only
     * @param version Touchpoint's version, for the manifest
     */
    public static Result run(SparkSession spark, TouchpointConfig config, String command, boolean attribute, String version,
                             Consumer<String> progress) {
        Instant started = Instant.now();
        String runId = newRunId(started);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // The passes' Spark API for this run: the session's setting, and the tasks' (they read their job's properties).
        spark.conf().set(io.touchpoint.spark.api.SparkApis.CONF, config.sparkApi());
        spark.sparkContext().setLocalProperty(io.touchpoint.spark.api.SparkApis.CONF, config.sparkApi());
        OutputFolder folder = new OutputFolder(new Path(config.outputPath()), hadoop);
        OutputFolder.checkPath(folder.fs(), folder.path());
        io.touchpoint.spark.output.AggregatesPublisher.checkPaths(hadoop, config); // exit 2 when it nests with the output
        // Read once, before any work: without a usable key the run stops here (exit 2).
        io.touchpoint.core.privacy.Pseudonyms pseudonyms = io.touchpoint.core.privacy.Pseudonyms.of(config.privacy(), System::getenv);
        // Spend is small (days x campaigns): read whole, before the lock and any pass, so a bad row or a
        // currency other than the report's stops the run with nothing written. A range uses its dates' costs.
        io.touchpoint.core.spend.Spend spend = attribute && config.spend().enabled()
                ? io.touchpoint.spark.spend.SpendReader.read(spark, config, started).within(config.range()) : null;
        try (OutputLock lock = OutputLock.acquire(folder.fs(), folder.path(), runId, command, progress)) {
            folder.recover(runId, progress);
            folder.begin(runId, command, started);
            Result result;
            try {
                result = new Run(spark, config, command, attribute, version, progress, folder, runId, started, pseudonyms, spend).run();
            } catch (RuntimeException | Error e) {
                RunManifest failed = RunManifest.failed(runId, command, started, Instant.now(), version, spark.version(),
                        config.effective(), String.valueOf(e.getMessage()));
                try {
                    folder.fail(runId, failed.toJson().getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            if (!config.privacy().retention().isZero()) {
                // Storage limitation, after the run's commit and under the same lock. Should it fail,
                // the run's tables stay committed (its manifest says succeeded) and the error is raised.
                String retentionId = newRunId(Instant.now());
                try {
                    Retention.apply(spark, config, folder, retentionId, config.privacy().retention(), version, progress);
                } catch (RuntimeException e) {
                    try {
                        folder.discard(retentionId);
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
            return result;
        }
    }

    /** One run's state. */
    private static final class Run {
        private final SparkSession spark;
        private final TouchpointConfig config;
        private final String command;
        private final boolean attribute;
        private final String version;
        private final Consumer<String> progress;
        private final OutputFolder folder;
        private final String runId;
        private final Instant started;
        /** The run's pseudonyms of visitor and user ids, or null when they are kept. */
        private final io.touchpoint.core.privacy.Pseudonyms pseudonyms;
        /** The spend file's costs of the run's dates, or null without spend. */
        private final io.touchpoint.core.spend.Spend spend;
        private final DateRange range;
        private final Configuration hadoop;
        /** One shared copy for every table plan: a task's closure serialises it once. */
        private final io.touchpoint.spark.output.SerializableConf shippedConf;
        private final TaskReports reports = new TaskReports();
        private final boolean funnels;
        /** The run's CRM rows, or null without a CRM input (or without attribution). */
        private io.touchpoint.spark.crm.CrmRows crm;
        /** The ids erased from this output, read once for the events and the CRM rows alike. */
        private io.touchpoint.core.privacy.ErasureList erasures;
        /** The accounts file's lookup, or null without one. */
        private io.touchpoint.core.accounts.AccountMapping accounts;

        Run(SparkSession spark, TouchpointConfig config, String command, boolean attribute, String version,
            Consumer<String> progress, OutputFolder folder, String runId, Instant started,
            io.touchpoint.core.privacy.Pseudonyms pseudonyms, io.touchpoint.core.spend.Spend spend) {
            this.spark = spark;
            this.config = config;
            this.command = command;
            this.attribute = attribute;
            this.version = version;
            this.progress = progress;
            this.folder = folder;
            this.runId = runId;
            this.started = started;
            this.pseudonyms = pseudonyms;
            this.spend = spend;
            this.range = config.range();
            this.hadoop = spark.sparkContext().hadoopConfiguration();
            this.shippedConf = new io.touchpoint.spark.output.SerializableConf(hadoop);
            this.funnels = attribute && !config.funnels().all().isEmpty();
            spark.sparkContext().register(reports, "touchpoint-" + runId);
        }

        Result run() {
            List<TableSpec> tables = new ArrayList<>(List.of(Tables.QUARANTINE, Tables.EVENTS, Tables.SESSIONS));
            if (attribute) {
                tables.addAll(List.of(Tables.CONVERSIONS, Tables.ATTRIBUTION_CREDIT, Tables.ATTRIBUTION_SUMMARY, Tables.JOURNEYS));
            }
            if (funnels) {
                tables.addAll(List.of(Tables.FUNNEL_PROGRESS, Tables.FUNNEL_STEPS, Tables.FUNNEL_TRENDS));
            }
            if (attribute && io.touchpoint.spark.person.AccountPass.needed(config)) {
                tables.add(Tables.ACCOUNTS);
            }
            if (attribute && config.crm().enabled()) {
                tables.add(Tables.CRM_UNMATCHED);
                crm = readCrm();
            }
            if (config.accounts().enabled()) { // before any event: a missing file or column stops the run here (exit 3)
                accounts = io.touchpoint.spark.accounts.AccountsInput.read(spark, config.accounts(), progress);
            }
            Map<String, RunManifest.StageInfo> stages = new LinkedHashMap<>();
            SparkStages sparkStages = SparkStages.listen(spark);
            long t0 = System.nanoTime();
            passes();
            long passesMs = millis(t0);
            sparkStages.stop();
            Map<String, Long> files = rowsByTable();
            long read = reports.count(IngestPass.ACCEPTED) + total(reports.counts(IngestPass.QUARANTINED))
                    + total(reports.counts(IngestPass.SKIPPED));
            if (read == 0) {
                throw TouchpointException.input(config.input().path(), "The input holds no rows",
                        "Check touchpoint.input.path and touchpoint.input.format (" + config.input().format().configName() + ").", null);
            }
            long events = files.getOrDefault("events", 0L);
            long sessions = files.getOrDefault("sessions", 0L);
            IngestCounts counts = new IngestCounts(read, events, reports.counts(IngestPass.QUARANTINED),
                    reports.count(IngestPass.ACCEPTED) - events, reports.counts(IngestPass.SKIPPED), reports.counts(IngestPass.ADJUSTED));
            sparkStages.byPass(passesMs).forEach((name, ms) -> stages.put(name, new RunManifest.StageInfo(0, 0, ms)));
            progress.accept(String.format(java.util.Locale.ROOT, "[passes] %,d rows read, %,d events, %,d sessions%s, %.1f s",
                    read, events, sessions, attribute ? String.format(java.util.Locale.ROOT, ", %,d conversions, %,d credit rows",
                            files.getOrDefault("conversions", 0L), files.getOrDefault("attribution_credit", 0L)) : "",
                    passesMs / 1000.0));

            long t1 = System.nanoTime();
            Comparison comparison = null;
            List<FunnelSteps.Row> steps = List.of();
            PassOutput driver = new PassOutput("summary", reports, plans(tables, SUMMARIES));
            PassOutput.Task written = driver.open();
            if (attribute) {
                long summaryRows = Footers.rows(folder.fs(), folder.staged(runId, "attribution_summary"));
                files.put("attribution_summary", summaryRows);
                comparison = Comparison.of(config, summaryAfterCommit(summaryRows),
                        config.report().minPeople() > 0 ? afterCommit(Tables.ATTRIBUTION_CREDIT) : null); // people per row only for min-people
                TableSpec spec = comparison.table();
                tables.add(spec);
                PassOutput.Task cmp = new PassOutput("comparison", reports, List.of(TableSink.Plan.of(spec,
                        folder.staged(runId, spec.name()), shippedConf, spec.schema(), DateRange.ALL))).open();
                comparison.rows().forEach(r -> cmp.sink(spec.name()).write(r));
                cmp.finish();
                files.put(spec.name(), (long) comparison.rows().size());
                // GA4's conversion paths, counted from every journey the output will hold.
                Path paths = folder.staged(runId, ConversionPaths.SPEC.name());
                ConversionPaths.write(spark, afterCommit(Tables.JOURNEYS), paths);
                tables.add(ConversionPaths.SPEC);
                files.put(ConversionPaths.SPEC.name(), Footers.rows(folder.fs(), paths));
                if (crm != null || config.selfReported().enabled()) { // answers from the CRM or a form field of the events
                    SelfReported said = SelfReported.of(config, afterCommit(Tables.CONVERSIONS), comparison);
                    tables.add(said.table());
                    PassOutput.Task t = new PassOutput("self-reported", reports, List.of(TableSink.Plan.of(said.table(),
                            folder.staged(runId, said.table().name()), shippedConf, said.table().schema(), DateRange.ALL))).open();
                    said.rows().forEach(r -> t.sink(said.table().name()).write(r));
                    t.finish();
                    files.put(said.table().name(), (long) said.lines().size());
                }
            }
            if (funnels) {
                Dataset<Row> best = bestSteps();
                FunnelSummaries f = FunnelSummaries.of(spark, config, reports.counts(PersonPass.TREND), best,
                        best != null ? List.of() : progressTables());
                steps = f.steps();
                f.stepRows().forEach(r -> written.sink(Tables.FUNNEL_STEPS.name()).write(r));
                f.trendRows().forEach(r -> written.sink(Tables.FUNNEL_TRENDS.name()).write(r));
                files.put("funnel_steps", (long) f.stepRows().size());
                files.put("funnel_trends", (long) f.trendRows().size());
            }
            written.finish();
            stages.put("summaries", new RunManifest.StageInfo(0, 0, millis(t1)));

            long visitors = reports.count(SparkSessionizer.VISITORS);
            long people = reports.count(PersonPass.PEOPLE);
            // With a CRM input, its conversions count too: every conversion with a journey is a conversions row.
            long conversions = crm != null ? files.getOrDefault(Tables.CONVERSIONS.name(), 0L) : reports.count(SparkSessionizer.CONVERSIONS);
            Map<String, Long> byChannel = byCount(reports.counts(SparkSessionizer.CHANNEL));
            List<String> notes = Notes.of(config, attribute, counts, sessions, conversions, steps,
                    reports.counts(IngestPass.CONSENT_CONVERSIONS), reports.counts(IngestPass.CONSENT_VALUE_MICROS));
            Map<String, Long> metrics = new LinkedHashMap<>();
            metrics.put("shuffle_bytes", sparkStages.shuffleBytes());
            metrics.put("spill_bytes", sparkStages.spillBytes());
            io.touchpoint.core.run.CrmCounts crmCounts = null;
            if (crm != null) {
                io.touchpoint.spark.crm.CrmRows.Outcomes o = crm.outcomes(reports.counts(io.touchpoint.spark.crm.CrmRows.OUTCOME), range);
                files.put(Tables.CRM_UNMATCHED.name(), writeUnmatched(o));
                notes.add(0, io.touchpoint.spark.crm.CrmRows.note(o));
                crmCounts = o.counts();
            }
            if (accounts != null) {
                notes.add(accounts.note());
            }
            if (config.selfReported().enabled()) {
                long answered = reports.count(io.touchpoint.spark.session.SparkSessionizer.ANSWERS);
                String column = config.selfReported().column();
                notes.add(answered > 0 ? String.format(java.util.Locale.ROOT, "Self-reported answers (column %s): %,d event%s"
                        + " carried one, mapped to a channel (the text is kept nowhere).", column, answered, answered == 1 ? "" : "s")
                        : "Self-reported answers: no event carried one in column " + column + ". Check touchpoint.self-reported.column"
                        + " against the input's columns (an absent column reads as empty).");
            }
            notes.forEach(n -> progress.accept("[note] " + n));

            long t2 = System.nanoTime();
            Map<String, RunManifest.TableInfo> infos = new LinkedHashMap<>();
            for (TableSpec t : tables) {
                infos.put(t.name(), new RunManifest.TableInfo(folder.table(t.name()).toString(), files.getOrDefault(t.name(), 0L)));
            }
            stages.put("commit", new RunManifest.StageInfo(0, 0, 0));
            RunManifest manifest = new RunManifest(runId, command, started, Instant.now(), version, spark.version(),
                    config.effective(), counts, infos, stages, "succeeded", null, notes, metrics, crmCounts);
            folder.commit(runId, tables, range, manifest.toJson().getBytes(StandardCharsets.UTF_8));
            stages.put("commit", new RunManifest.StageInfo(0, 0, millis(t2)));
            progress.accept(String.format(java.util.Locale.ROOT, "[commit] %d tables, %.1f s", tables.size(), millis(t2) / 1000.0));
            String manifestPath = new Path(new Path(folder.path(), "_manifests"), runId + ".json").toString();
            return new Result(manifest, manifestPath, counts, sessions, visitors, people, conversions, byChannel,
                    comparison, steps, notes);
        }

        /** The one job over the events: every pass, every table they write, the summary's aggregate. */
        private void passes() {
            ZoneId zone = config.input().timeZone();
            EventNormalizer normalizer = new EventNormalizer(zone, config.sessions(), EventNormalizer.Limits.of(config.input(), started),
                    pseudonyms, config.privacy().scrubber())
                    .withConsent(config.privacy().consent(), config.goals())
                    .withErasures(erasures())
                    .withAccounts(accounts)
                    .withAnswers(config.selfReported().enabled() ? config.selfReported().rules() : null);
            SessionRules rules = new SessionRules(config.sessions(), zone, config.channelRules(), config.goals());
            // Access logs' visitor ids: a keyed hash of the masked address, under the pseudonym key
            // when pseudonymise is on, else the output folder's own secret (made on first use).
            io.touchpoint.core.privacy.ClientIps ips = new io.touchpoint.core.privacy.ClientIps(config.privacy().ipMask(),
                    config.input().format() != io.touchpoint.core.config.InputFormat.ACCESS_LOG ? null
                            : pseudonyms != null ? pseudonyms : io.touchpoint.core.privacy.Pseudonyms.ofSecret(folder.secret()));
            Dataset<Row> parsed = InputReader.read(spark, config.input(), normalizer, io.touchpoint.spark.ingest.CarriedColumns.ALL, ips);
            long readFrom = Long.MIN_VALUE;
            long readTo = Long.MAX_VALUE;
            if (!range.isAll()) {
                Duration timeout = config.sessions().timeout();
                Duration window = config.funnels().all().stream().map(f -> f.window()).max(Duration::compareTo).orElse(Duration.ZERO);
                readFrom = range.readFromMicros(zone, config.attribution().lookback().plus(timeout));
                readTo = range.readToMicros(zone, window.plus(timeout));
            }
            Dataset<Row> accepted = IngestPass.run(parsed, new IngestPass.Plan(runId, range, zone, readFrom, readTo,
                    new PassOutput("ingest", reports, plans(List.of(Tables.QUARANTINE), PARSED))));
            TouchpointConfig passConfig = funnels ? config : withoutFunnels(config);
            SessionizedColumns reads = PersonPass.reads(spark, passConfig, attribute);
            io.touchpoint.spark.crm.CrmLookup lookup = crm == null ? null : crm.lookup();
            Dataset<Row> sessionized = SparkSessionizer.sessionise(accepted, rules, new SparkSessionizer.Output(
                    new PassOutput("visitor", reports, plans(List.of(Tables.EVENTS, Tables.SESSIONS), SESSIONIZED)), reads,
                    config.privacy().storeUserAgent(), lookup == null || lookup.isEmpty() ? null
                            : org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(lookup)));
            if (crm != null) {
                // CRM rows keyed by a user id or an e-mail name their person: into the person pass directly.
                sessionized = sessionized.union(crm.personRows(spark));
            }
            // Grouped by account, the account pass builds the journeys and matches the account funnels.
            boolean byAccount = attribute && io.touchpoint.spark.person.AccountPass.needed(config);
            boolean accountFunnels = funnels && config.funnels().all().stream()
                    .anyMatch(f -> f.unit() == io.touchpoint.core.funnel.FunnelDefinition.Unit.ACCOUNT);
            boolean personFunnels = funnels && config.funnels().all().stream()
                    .anyMatch(f -> f.unit() != io.touchpoint.core.funnel.FunnelDefinition.Unit.ACCOUNT);
            List<TableSpec> personTables = new ArrayList<>();
            List<TableSpec> accountTables = new ArrayList<>();
            if (attribute) {
                (byAccount ? accountTables : personTables).addAll(List.of(Tables.CONVERSIONS, Tables.ATTRIBUTION_CREDIT, Tables.JOURNEYS));
            }
            if (personFunnels) {
                personTables.add(Tables.FUNNEL_PROGRESS);
                personTables.add(Tables.FUNNEL_BEST); // staged only, for funnel_steps
            }
            if (accountFunnels) {
                accountTables.add(Tables.FUNNEL_PROGRESS);
                accountTables.add(Tables.FUNNEL_BEST);
            }
            Dataset<Row> partials = PersonPass.run(passConfig, sessionized, attribute,
                    new PersonPass.Output(new PassOutput("person", reports, plans(personTables, PERSON)), range));
            if (byAccount) {
                accountTables.add(Tables.ACCOUNTS);
                Dataset<Row> staged = partials;
                if (crm != null) {
                    // CRM rows keyed by an account only: the account's, with journeys by account (else none).
                    staged = staged.union(io.touchpoint.spark.person.AccountPass.stagedWithoutPerson(passConfig,
                            crm.accountRows(spark)));
                }
                partials = io.touchpoint.spark.person.AccountPass.run(passConfig, staged, attribute,
                        new io.touchpoint.spark.person.AccountPass.Output(
                                new PassOutput("account", reports, plans(accountTables, PERSON)), range));
            }
            if (attribute) {
                // The tasks' partial sums, with the spend's costs as rows that credit nothing (a small local table).
                Dataset<Row> rows = spend == null ? partials : partials.unionByName(SummaryAggregate.spendRows(spark, spend, config));
                SummaryAggregate.write(SummaryAggregate.of(rows), folder.staged(runId, "attribution_summary"));
            } else {
                partials.foreachPartition((org.apache.spark.api.java.function.ForeachPartitionFunction<Row>) it -> {
                    while (it.hasNext()) {
                        it.next();
                    }
                });
            }
        }

        private io.touchpoint.core.privacy.ErasureList erasures() {
            if (erasures == null) {
                erasures = Erasures.list(folder, pseudonyms);
            }
            return erasures;
        }

        /**
         * The CRM export, read and checked before the passes: a missing file or column stops the run
         * here (exit 2), before any event is read.
         */
        private io.touchpoint.spark.crm.CrmRows readCrm() {
            io.touchpoint.core.crm.CrmRecords reader = new io.touchpoint.core.crm.CrmRecords(config.input().timeZone(), pseudonyms,
                    io.touchpoint.core.privacy.Pseudonyms.ofSecret(folder.secret()), erasures(),
                    config.selfReported().rules());
            List<io.touchpoint.core.crm.CrmRecord> records = io.touchpoint.spark.crm.CrmInput.read(spark, config.crm(), reader);
            progress.accept(String.format(java.util.Locale.ROOT, "[crm] %,d rows read from %s", records.size(), config.crm().path()));
            return new io.touchpoint.spark.crm.CrmRows(records, config.input().timeZone(),
                    config.attribution().unit() == io.touchpoint.core.config.AttributionConfig.Unit.ACCOUNT);
        }

        /** Writes crm_unmatched (a driver task: the rows are on the driver); returns its row count. */
        private long writeUnmatched(io.touchpoint.spark.crm.CrmRows.Outcomes o) {
            TableSpec spec = Tables.CRM_UNMATCHED;
            PassOutput.Task task = new PassOutput("crm", reports, List.of(TableSink.Plan.of(spec,
                    folder.staged(runId, spec.name()), shippedConf, spec.schema(), DateRange.ALL))).open();
            io.touchpoint.spark.rows.OutRows rows = new io.touchpoint.spark.rows.OutRows(spec.schema(), new int[0]);
            for (io.touchpoint.core.crm.CrmRecord r : o.unmatched()) {
                task.sink(spec.name()).write(rows.row(new Object[] {runId, r.file(), r.row(), r.stage(), r.timeMicros(), r.value(),
                    r.key() == null ? null : r.key().label(), r.reason(), r.detail()}));
            }
            task.finish();
            return o.unmatched().size();
        }

        /** Sink plans for {@code tables}, each fed rows of the layout {@code rows} gives it. */
        private List<TableSink.Plan> plans(List<TableSpec> tables, java.util.function.Function<TableSpec, org.apache.spark.sql.types.StructType> rows) {
            List<TableSink.Plan> out = new ArrayList<>();
            for (TableSpec t : tables) {
                org.apache.spark.sql.types.StructType layout = rows.apply(t);
                if (layout != null) {
                    out.add(TableSink.Plan.of(t, folder.staged(runId, t.name()), shippedConf, layout, range));
                }
            }
            return out;
        }

        /** attribution_summary as the commit will leave it: this run's staged rows and the dates it keeps (null: none). */
        private Dataset<Row> summaryAfterCommit(long stagedRows) {
            Dataset<Row> out = null;
            Path staged = folder.staged(runId, "attribution_summary");
            if (stagedRows > 0) {
                out = spark.read().schema(Tables.ATTRIBUTION_SUMMARY.schema()).parquet(staged.toString());
            }
            Dataset<Row> kept = kept(Tables.ATTRIBUTION_SUMMARY);
            return kept == null ? out : out == null ? kept : out.unionByName(kept);
        }

        /**
         * A table the person pass writes as the commit will leave it: this run's rows and the dates it
         * keeps (null: none). attribution_credit for report.min-people, conversions for self_reported.
         */
        private Dataset<Row> afterCommit(TableSpec spec) {
            Dataset<Row> out = null;
            if (reports.files().getOrDefault(spec.name(), List.of()).stream().anyMatch(f -> f.rows() > 0)) {
                out = spark.read().schema(spec.schema()).parquet(folder.staged(runId, spec.name()).toString());
            }
            Dataset<Row> kept = kept(spec);
            return kept == null ? out : out == null ? kept : out.unionByName(kept);
        }

        /**
         * The units' best steps as the person pass recorded them, when they are the best over every
         * date the output will hold: a run over all its input that keeps no other date of
         * funnel_progress. Null otherwise (then funnel_progress is read back, a documented rule).
         */
        private Dataset<Row> bestSteps() {
            if (!range.isAll() || kept(Tables.FUNNEL_PROGRESS) != null) {
                return null;
            }
            List<WrittenFile> files = reports.files().getOrDefault(Tables.FUNNEL_BEST.name(), List.of());
            if (files.stream().noneMatch(f -> f.rows() > 0)) {
                return spark.createDataFrame(List.of(), Tables.FUNNEL_BEST.schema());
            }
            return spark.read().schema(Tables.FUNNEL_BEST.schema()).parquet(folder.staged(runId, Tables.FUNNEL_BEST.name()).toString());
        }

        /** funnel_progress of this run and, for a range run, of the output's other dates. */
        private List<Dataset<Row>> progressTables() {
            List<Dataset<Row>> out = new ArrayList<>();
            Path staged = folder.staged(runId, "funnel_progress");
            if (reports.files().getOrDefault("funnel_progress", List.of()).stream().anyMatch(f -> f.rows() > 0)) {
                out.add(spark.read().schema(Tables.FUNNEL_PROGRESS.schema()).parquet(staged.toString()));
            }
            Dataset<Row> k = kept(Tables.FUNNEL_PROGRESS);
            if (k != null) {
                out.add(k);
            }
            return out;
        }

        /**
         * The committed partitions of {@code spec} that this run does not replace (they stay after
         * its commit, so the summaries over every date count them), or null when there are none.
         */
        private Dataset<Row> kept(TableSpec spec) {
            try {
                Path dir = folder.table(spec.name());
                if (!folder.fs().exists(dir)) {
                    return null;
                }
                java.util.Set<String> replaced = folder.replacedPartitions(spec, folder.staged(runId, spec.name()), range);
                List<String> paths = new ArrayList<>();
                for (var s : folder.fs().listStatus(dir)) {
                    String n = s.getPath().getName();
                    if (s.isDirectory() && n.startsWith(spec.partitionColumn() + "=") && !replaced.contains(n)) {
                        paths.add(s.getPath().toString());
                    }
                }
                if (paths.isEmpty()) {
                    return null;
                }
                return spark.read().schema(spec.schema()).option("basePath", dir.toString())
                        .parquet(paths.toArray(String[]::new));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private Map<String, Long> rowsByTable() {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<WrittenFile>> e : reports.files().entrySet()) {
                out.put(e.getKey(), e.getValue().stream().mapToLong(WrittenFile::rows).sum());
            }
            return out;
        }
    }

    /** The pass whose rows make each table, by the layout of its rows (null: another pass's). */
    private static final java.util.function.Function<TableSpec, org.apache.spark.sql.types.StructType> PARSED =
            t -> t == Tables.QUARANTINE ? Tables.QUARANTINE.schema() : null;
    private static final java.util.function.Function<TableSpec, org.apache.spark.sql.types.StructType> SESSIONIZED =
            t -> SessionizedSchema.SCHEMA;
    private static final java.util.function.Function<TableSpec, org.apache.spark.sql.types.StructType> PERSON =
            t -> t == Tables.FUNNEL_PROGRESS ? FunnelUnits.SCHEMA : t == Tables.FUNNEL_BEST || t == Tables.ACCOUNTS ? t.schema()
                    : t == Tables.JOURNEYS ? AttributionSchema.JOURNEYS : AttributionSchema.SCHEMA;
    private static final java.util.function.Function<TableSpec, org.apache.spark.sql.types.StructType> SUMMARIES =
            t -> t == Tables.FUNNEL_STEPS || t == Tables.FUNNEL_TRENDS ? t.schema() : null;

    static TouchpointConfig withoutFunnels(TouchpointConfig c) {
        return new TouchpointConfig(c.input(), c.outputPath(), c.aggregatesPath(), c.sessions(), c.channelRules(), c.goals(), c.attribution(),
                new Funnels(List.of()), c.report(), c.range(), c.sparkApi(), c.privacy(), c.selfReported(), c.crm(), c.spend(), c.accounts(),
                c.effective());
    }

    private static long total(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Largest first, then by name. */
    private static Map<String, Long> byCount(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> entries = new ArrayList<>(m.entrySet());
        entries.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
