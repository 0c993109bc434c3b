package io.touchpoint.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of one run, written as JSON next to the tables: what ran, with which effective
 * config, what it read and wrote, and how long each stage took. Schedulers and audits read it.
 *
 * @param config the effective configuration as JSON
 * @param tables table name to its path and row count
 * @param stages stage name to rows in/out and elapsed milliseconds
 * @param crm what became of the CRM input's rows, or null without one
 */
public record RunManifest(
        String runId,
        String command,
        Instant startedAt,
        Instant finishedAt,
        String touchpointVersion,
        String sparkVersion,
        String config,
        IngestCounts counts,
        Map<String, TableInfo> tables,
        Map<String, StageInfo> stages,
        String status,
        String error,
        java.util.List<String> notes,
        Map<String, Long> spark,
        CrmCounts crm) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunManifest {
        tables = Map.copyOf(tables);
        stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        notes = java.util.List.copyOf(notes);
        spark = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(spark));
    }

    /** A successful run's manifest, without notes or Spark metrics. */
    public RunManifest(String runId, String command, Instant startedAt, Instant finishedAt, String touchpointVersion,
                       String sparkVersion, String config, IngestCounts counts, Map<String, TableInfo> tables,
                       Map<String, StageInfo> stages) {
        this(runId, command, startedAt, finishedAt, touchpointVersion, sparkVersion, config, counts, tables, stages,
                "succeeded", null, java.util.List.of(), Map.of(), null);
    }

    /** The record of a run that failed: its tables were not committed; {@code error} says why. */
    public static RunManifest failed(String runId, String command, Instant startedAt, Instant finishedAt,
                                     String touchpointVersion, String sparkVersion, String config, String error) {
        return new RunManifest(runId, command, startedAt, finishedAt, touchpointVersion, sparkVersion, config,
                new IngestCounts(0, 0, Map.of(), 0, Map.of()), Map.of(), Map.of(), "failed", error, java.util.List.of(), Map.of(),
                null);
    }

    /** One written table. */
    public record TableInfo(String path, long rows) {
    }

    /** One stage of the run, for the progress lines and the manifest. */
    public record StageInfo(long rowsIn, long rowsOut, long millis) {
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run_id", runId);
        root.put("command", command);
        root.put("status", status);
        if (error != null) {
            root.put("error", error);
        }
        root.put("started_at", startedAt.toString());
        root.put("finished_at", finishedAt.toString());
        root.put("touchpoint_version", touchpointVersion);
        root.put("spark_version", sparkVersion);
        ObjectNode c = root.putObject("counts");
        c.put("rows_read", counts.read());
        c.put("accepted", counts.accepted());
        c.put("quarantined", counts.quarantinedTotal());
        c.set("quarantined_by_reason", MAPPER.valueToTree(new java.util.TreeMap<>(counts.quarantined())));
        c.put("duplicates", counts.duplicates());
        c.put("skipped", counts.skippedTotal());
        c.set("skipped_by_reason", MAPPER.valueToTree(new java.util.TreeMap<>(counts.skipped())));
        c.set("adjusted_by_reason", MAPPER.valueToTree(new java.util.TreeMap<>(counts.adjusted())));
        c.put("reconciles", counts.reconciles());
        if (crm != null) {
            ObjectNode k = c.putObject("crm");
            k.put("rows_read", crm.read());
            k.put("matched", crm.matched());
            k.put("unmatched", crm.unmatchedTotal());
            k.set("unmatched_by_reason", MAPPER.valueToTree(crm.unmatchedSorted()));
            k.put("skipped", crm.skippedTotal());
            k.set("skipped_by_reason", MAPPER.valueToTree(crm.skippedSorted()));
            k.put("reconciles", crm.reconciles());
        }
        root.set("notes", MAPPER.valueToTree(notes));
        root.set("spark", MAPPER.valueToTree(spark));
        ObjectNode t = root.putObject("tables");
        new java.util.TreeMap<>(tables).forEach((name, info) -> t.putObject(name).put("path", info.path()).put("rows", info.rows()));
        ObjectNode s = root.putObject("stages");
        stages.forEach((name, info) -> s.putObject(name).put("rows_in", info.rowsIn()).put("rows_out", info.rowsOut())
                .put("elapsed_ms", info.millis()));
        try {
            JsonNode cfg = MAPPER.readTree(config);
            root.set("config", cfg);
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
