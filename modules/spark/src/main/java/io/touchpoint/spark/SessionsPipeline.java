package io.touchpoint.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.core.run.RunManifest;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.output.TableWriter;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.session.SparkSessionizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The first stage of every run: raw log → quarantine, events and sessions tables.
 *
 * <p>Spark jobs: one that parses the input (cached) and counts it by disposition, one that writes
 * the quarantine, one sorted pass by visitor that builds events and sessions (cached) and counts
 * them, then one write per table. The input is read once.
 */
public final class SessionsPipeline {
    private SessionsPipeline() {
    }

    /** What the stage produced; the datasets stay cached for later stages until {@link #release}. */
    public record Result(IngestCounts counts, Dataset<Row> events, Dataset<Row> sessions,
                         Map<String, RunManifest.TableInfo> tables, Map<String, RunManifest.StageInfo> stages,
                         Map<String, Long> sessionsByChannel, long visitors, long people, long conversions,
                         Dataset<Row> cached) {
        public long sessionCount() {
            return tables.get("sessions").rows();
        }

        public void release() {
            cached.unpersist();
        }
    }

    public static Result run(SparkSession spark, TouchpointConfig config, String runId, Consumer<String> progress) {
        Map<String, RunManifest.StageInfo> stages = new LinkedHashMap<>();
        Map<String, RunManifest.TableInfo> tables = new HashMap<>();
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions());
        SessionRules rules = new SessionRules(config.sessions(), config.input().timeZone(), config.channelRules(),
                config.goals());

        long t0 = System.nanoTime();
        DateRange range = config.range();
        Dataset<Row> parsed = InputReader.read(spark, config.input(), normalizer).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> quarantined = new HashMap<>();
        Map<String, Long> skipped = new HashMap<>();
        long read = 0;
        long acceptedRows = 0;
        // With a range, accepted rows dated outside it are counted as skipped (outside_range).
        Column inRange = inRange(col("event_time"), config);
        for (Row r : parsed.groupBy(col("status"), col("reason"), inRange.as("in_range")).count().collectAsList()) {
            long n = r.getLong(3);
            read += n;
            switch (r.getString(0)) {
                case ParsedSchema.ACCEPTED -> {
                    if (r.getBoolean(2)) {
                        acceptedRows += n;
                    } else {
                        skipped.merge(OUTSIDE_RANGE, n, Long::sum);
                    }
                }
                case ParsedSchema.QUARANTINED -> quarantined.merge(r.getString(1), n, Long::sum);
                default -> skipped.merge(r.getString(1), n, Long::sum);
            }
        }
        if (read == 0) {
            parsed.unpersist();
            throw io.touchpoint.core.error.TouchpointException.input(config.input().path(), "The input holds no rows",
                    "Check touchpoint.input.path and touchpoint.input.format (" + config.input().format().configName() + ").", null);
        }
        Dataset<Row> quarantine = parsed.where(col("status").equalTo(ParsedSchema.QUARANTINED))
                .select(lit(runId).as("run_id"), col("input_file"), col("input_line"), col("reason"), col("detail"),
                        col("raw"));
        long quarantinedTotal = quarantined.values().stream().mapToLong(Long::longValue).sum();
        tables.put("quarantine", new RunManifest.TableInfo(
                TableWriter.write(quarantine, config.outputPath(), "quarantine", null), quarantinedTotal));
        stages.put("ingest", stage(progress, "ingest", read, acceptedRows, t0));

        long t1 = System.nanoTime();
        Dataset<Row> accepted = parsed.where(col("status").equalTo(ParsedSchema.ACCEPTED));
        Dataset<Row> sessionized = SparkSessionizer.sessionise(accepted, range.isAll() ? null : readWindow(config), rules,
                io.touchpoint.spark.session.SessionizedColumns.ALL)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> kinds = new HashMap<>();
        sessionized.where(inRange(coalesce(col("session_date"), col("event_date")), range)).groupBy("kind").count()
                .collectAsList().forEach(r -> kinds.put(r.getString(0), r.getLong(1)));
        long eventRows = kinds.getOrDefault(SessionizedSchema.EVENT, 0L);
        long sessionRows = kinds.getOrDefault(SessionizedSchema.SESSION, 0L);
        parsed.unpersist();
        Dataset<Row> events = sessionized.where(col("kind").equalTo(SessionizedSchema.EVENT).and(inRange(col("event_date"), range)))
                .select(SessionizedSchema.columns(SessionizedSchema.EVENTS_COLUMNS));
        Dataset<Row> sessions = sessionized.where(col("kind").equalTo(SessionizedSchema.SESSION)
                        .and(inRange(col("session_date"), range)))
                .select(SessionizedSchema.columns(SessionizedSchema.SESSIONS_COLUMNS));
        tables.put("events", new RunManifest.TableInfo(
                TableWriter.write(events, config.outputPath(), "events", "event_date", range), eventRows));
        tables.put("sessions", new RunManifest.TableInfo(
                TableWriter.write(sessions, config.outputPath(), "sessions", "session_date", range), sessionRows));
        Map<String, Long> byChannel = new LinkedHashMap<>();
        sessions.groupBy("channel").count().orderBy(col("count").desc(), col("channel"))
                .collectAsList().forEach(r -> byChannel.put(r.getString(0), r.getLong(1)));
        Row who = sessions.agg(countDistinct("visitor_id"), countDistinct("person_id")).first();
        stages.put("sessions", stage(progress, "sessions", acceptedRows, sessionRows, t1));

        IngestCounts counts = new IngestCounts(read, eventRows, quarantined, acceptedRows - eventRows, skipped);
        return new Result(counts, events, sessions, tables, stages, byChannel, who.getLong(0), who.getLong(1),
                kinds.getOrDefault(SessionizedSchema.CONVERSION, 0L), sessionized);
    }

    /** Skip reason of accepted rows dated outside the run's --from/--to range. */
    public static final String OUTSIDE_RANGE = "outside_range";

    /** True for a date column inside the range (always, without one). */
    public static Column inRange(Column date, DateRange range) {
        return range.isAll() ? lit(true)
                : date.between(lit(java.sql.Date.valueOf(range.from())), lit(java.sql.Date.valueOf(range.to())));
    }

    /** True for an event time whose local date is inside the range. */
    private static Column inRange(Column eventTime, TouchpointConfig config) {
        return inRange(to_date(from_utc_timestamp(eventTime, config.input().timeZone().getId())), config.range());
    }

    /**
     * The events a range run reads: from {@code from − lookback − timeout} (so journeys and the
     * sessions at the edge are rebuilt whole) to {@code to + 1 day + timeout + the longest funnel window}.
     */
    private static Column readWindow(TouchpointConfig config) {
        DateRange range = config.range();
        java.time.ZoneId zone = config.input().timeZone();
        java.time.Duration timeout = config.sessions().timeout();
        java.time.Duration funnel = config.funnels().all().stream().map(f -> f.window())
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO);
        long from = range.readFromMicros(zone, config.attribution().lookback().plus(timeout));
        long to = range.readToMicros(zone, funnel.plus(timeout));
        Column micros = org.apache.spark.sql.functions.unix_micros(col("event_time"));
        return micros.geq(lit(from)).and(micros.lt(lit(to)));
    }

    private static RunManifest.StageInfo stage(Consumer<String> progress, String name, long in, long out, long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        progress.accept(String.format(java.util.Locale.ROOT, "[%s] %,d rows in, %,d out, %.1f s", name, in, out, ms / 1000.0));
        return new RunManifest.StageInfo(in, out, ms);
    }
}
