package io.touchpoint.spark.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.privacy.ErasureList;
import io.touchpoint.core.privacy.Pseudonyms;
import io.touchpoint.spark.output.OutputFolder;
import io.touchpoint.spark.output.OutputLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code touchpoint erase} (GDPR Art. 17): removes a person from every table of an output folder,
 * recounts the aggregates of the dates they were on, records the erasure in {@code _audit/erasures}
 * without the id, and adds their ids to the erasure list that every later run honours
 * ({@link ErasureList}), all in one atomic commit (docs/privacy.md#erasure).
 */
public final class Erasures {
    static final String LIST = "_audit/erasure-list";
    static final String AUDIT = "_audit/erasures";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Erasures() {
    }

    /** Which id names the person to erase. */
    public enum Kind {
        USER_ID("user_id"), VISITOR_ID("visitor_id"), PERSON_ID("person_id");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /**
     * What an erasure did.
     *
     * @param people the people found (0: the id is in no table; it is still listed, so no later run brings it in)
     * @param removed rows removed per table
     * @param listed erasure-list entries added
     */
    public record Result(String runId, int people, Map<String, Long> removed, int listed, String auditPath) {
    }

    /**
     * The erasure list of an output folder, or null when nothing was ever erased there.
     *
     * @param pseudonyms the run's pseudonyms, or null
     */
    public static ErasureList list(OutputFolder folder, Pseudonyms pseudonyms) {
        List<String> lines = new ArrayList<>();
        Path dir = new Path(folder.path(), LIST);
        try {
            if (!folder.fs().exists(dir)) {
                return null;
            }
            for (FileStatus s : folder.fs().listStatus(dir)) {
                if (s.getPath().getName().endsWith(".txt")) {
                    try (InputStream in = folder.fs().open(s.getPath())) {
                        lines.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the erasure list " + dir, e);
        }
        try {
            ErasureList list = ErasureList.of(Pseudonyms.ofSecret(folder.secret()), lines);
            return list.isEmpty() ? null : list;
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config("touchpoint.output.path", dir.toString(), "The erasure list is damaged ("
                    + e.getMessage() + ")", "Restore " + dir + " from a backup: every later run must honour it.");
        }
    }

    /**
     * Erases the person {@code id} names from {@code config.outputPath()}.
     *
     * @param version Touchpoint's version, for the audit record
     */
    public static Result erase(SparkSession spark, TouchpointConfig config, Kind kind, String id, String version,
                               Consumer<String> progress) {
        if (id == null || id.isBlank()) {
            throw TouchpointException.config("--" + kind.column().replace('_', '-'), "\"\"", "No id given",
                    "Give the id to erase, e.g. touchpoint erase --user-id jane@example.com.");
        }
        String given = id.strip();
        Instant started = Instant.now();
        String runId = Pipeline.newRunId(started);
        OutputFolder folder = new OutputFolder(new Path(config.outputPath()), spark.sparkContext().hadoopConfiguration());
        Pseudonyms pseudonyms = Pseudonyms.of(config.privacy(), System::getenv);
        try {
            if (!folder.fs().exists(folder.table(Tables.EVENTS.name()))) {
                throw TouchpointException.config("touchpoint.output.path", config.outputPath(), "The output folder holds no tables",
                        "Give the --output (or --config) your runs write to.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputLock lock = OutputLock.acquire(folder.fs(), folder.path(), runId, "erase", progress)) {
            folder.recover(runId, progress);
            folder.begin(runId, "erase", started);
            try {
                return erase(spark, config, folder, runId, started, kind, given, pseudonyms, version, progress);
            } catch (RuntimeException | Error e) {
                ObjectNode failed = JSON.createObjectNode().put("run_id", runId).put("command", "erase").put("status", "failed")
                        .put("started_at", started.toString()).put("error", String.valueOf(e.getMessage()));
                try {
                    folder.fail(runId, JSON.writeValueAsBytes(failed));
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private static Result erase(SparkSession spark, TouchpointConfig config, OutputFolder folder, String runId, Instant started,
                                Kind kind, String given, Pseudonyms pseudonyms, String version, Consumer<String> progress) {
        Pseudonyms secret = Pseudonyms.ofSecret(folder.secret());
        Rewrite rewrite = new Rewrite(spark, config, folder, runId);
        // The id as the tables hold it: its pseudonym when pseudonyms are on (a stored pseudonym given as is also matches).
        Set<String> stored = new TreeSet<>();
        stored.add(given);
        if (pseudonyms != null && kind != Kind.PERSON_ID) {
            stored.add(pseudonyms.apply(given));
        }
        Dataset<Row> events = rewrite.committed(Tables.EVENTS, null);
        Set<String> people = new TreeSet<>();
        if (kind == Kind.PERSON_ID) {
            people.addAll(stored);
        }
        for (Row r : events.where(col(kind.column()).isin(stored.toArray())).select("person_id").distinct().collectAsList()) {
            people.add(r.getString(0));
        }
        // Every id of those people: a later run over the raw logs must not bring any of them back.
        Set<String> visitors = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        if (kind == Kind.VISITOR_ID) {
            visitors.addAll(stored);
        } else if (kind == Kind.USER_ID) {
            users.addAll(stored);
        }
        Set<String> found = new TreeSet<>(); // as the tables hold them: pseudonyms when those are on
        for (Row r : events.where(col("person_id").isin(people.toArray())).select("visitor_id", "user_id").distinct().collectAsList()) {
            visitors.add(r.getString(0));
            found.add(r.getString(0));
            if (!r.isNullAt(1)) {
                users.add(r.getString(1));
                found.add(r.getString(1));
            }
        }
        Set<String> units = new TreeSet<>(people);
        if (rewrite.exists(Tables.SESSIONS)) {
            for (Row r : rewrite.committed(Tables.SESSIONS, null).where(col("person_id").isin(people.toArray()))
                    .select("session_id").collectAsList()) {
                units.add(r.getString(0)); // units of session funnels
            }
        }
        Column person = col("person_id").isin(people.toArray());
        Column visitor = col("visitor_id").isin(visitors.toArray());
        rewrite.removeRows(Tables.EVENTS, person.or(visitor).or(col("user_id").isin(users.toArray())));
        rewrite.removeRows(Tables.SESSIONS, person.or(visitor));
        rewrite.removeRows(Tables.CONVERSIONS, person);
        rewrite.removeRows(Tables.ATTRIBUTION_CREDIT, person);
        rewrite.removeRows(Tables.JOURNEYS, person);
        // A colleague's account journey keeps its credit, but not the erased person's id or session.
        rewrite.scrubRows(Tables.ATTRIBUTION_CREDIT, col("touchpoint_person_id").isin(people.toArray()),
                List.of("touchpoint_person_id", "session_id"));
        rewrite.removeRows(Tables.FUNNEL_PROGRESS, col("unit_id").isin(units.toArray()));
        Set<String> named = new TreeSet<>(visitors);
        named.addAll(users);
        named.add(given);
        Column inRaw = lit(false);
        for (String n : named) {
            inRaw = inRaw.or(col("raw").contains(n));
        }
        rewrite.removeRows(Tables.QUARANTINE, inRaw);
        rewrite.recountAggregates();

        // The erasure list: keyed hashes, never an id (docs/privacy.md#erasure).
        Set<String> entries = new TreeSet<>();
        entries.add(ErasureList.secretEntry(secret, given));
        if (pseudonyms != null) {
            if (kind != Kind.PERSON_ID) {
                entries.add(ErasureList.pseudonymEntry(pseudonyms.apply(given)));
            }
            found.forEach(v -> entries.add(ErasureList.pseudonymEntry(v)));
        } else {
            found.forEach(v -> entries.add(ErasureList.secretEntry(secret, v)));
        }
        rewrite.changes().putFile(LIST + "/" + runId + ".txt", (String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8));

        Map<String, Long> removed = new LinkedHashMap<>(rewrite.removed());
        ObjectNode audit = JSON.createObjectNode().put("run_id", runId).put("command", "erase").put("status", "succeeded")
                .put("started_at", started.toString()).put("finished_at", Instant.now().toString())
                .put("touchpoint_version", version).put("id_kind", kind.column())
                .put("id_hash", "hmac-sha256:" + secret.apply(given)).put("people", people.size())
                .put("erasure_list_entries", entries.size());
        audit.set("rows_removed", JSON.valueToTree(removed));
        ObjectNode dates = audit.putObject("partitions_rewritten");
        rewrite.touched().forEach((t, d) -> dates.set(t, JSON.valueToTree(d)));
        String auditPath = AUDIT + "/" + runId + ".json";
        try {
            rewrite.changes().putFile(auditPath, JSON.writeValueAsBytes(audit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rewrite.commit();
        progress.accept(String.format(java.util.Locale.ROOT, "[erase] %d %s, %,d rows removed from %d tables; %d erasure-list entries",
                people.size(), people.size() == 1 ? "person" : "people", removed.values().stream().mapToLong(Long::longValue).sum(),
                removed.values().stream().filter(n -> n > 0).count(), entries.size()));
        return new Result(runId, people.size(), removed, entries.size(), new Path(folder.path(), auditPath).toString());
    }
}
