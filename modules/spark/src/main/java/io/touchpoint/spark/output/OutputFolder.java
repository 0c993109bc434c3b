package io.touchpoint.spark.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.error.TouchpointException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder as runs change it: every run writes into {@code _staging/<run id>/} and then
 * commits all its tables together; readers never see a table of two runs or half a table.
 *
 * <p>The commit is a journal ({@code _staging/<run id>/_COMMIT}, written whole and then renamed into
 * place) of steps that can each be replayed: withdraw the markers the run will rewrite, then swap
 * each staged table (or, for a date range, each staged date partition) with what is in place
 * (the old one goes to the run's trash), then the manifest, {@code latest.json} and the markers.
 * Once the journal exists the run is decided: a run killed during its commit is finished by the
 * next command that opens the folder ({@link #recover}); a run killed before it is discarded and
 * recorded as failed. Each step is a rename, atomic on local disks and HDFS.
 */
public final class OutputFolder {
    static final String STAGING = "_staging";
    static final String JOURNAL = "_COMMIT";
    static final String RUN_INFO = "_RUN.json";
    static final String TRASH = "_old";
    static final String MANIFESTS = "_manifests";
    /** The schema-only file an empty table holds, so every reader sees its columns. */
    static final String EMPTY_FILE = "part-empty.snappy.parquet";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path out;
    private final Configuration conf;

    public OutputFolder(Path out, Configuration conf) {
        try {
            this.fs = out.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the output folder " + out, e);
        }
        this.out = fs.makeQualified(out);
        this.conf = conf;
    }

    public FileSystem fs() {
        return fs;
    }

    public Path path() {
        return out;
    }

    public Configuration conf() {
        return conf;
    }

    /** Where run {@code runId} stages its files. */
    public Path staging(String runId) {
        return new Path(new Path(out, STAGING), runId);
    }

    /** Where run {@code runId} stages table {@code name}. */
    public Path staged(String runId, String name) {
        return new Path(staging(runId), name);
    }

    /** The committed table's folder. */
    public Path table(String name) {
        return new Path(out, name);
    }

    /**
     * The folder's own secret: 32 random bytes made by the first run that needs one and kept in
     * {@code _secrets/key} (readable by its owner only on a local disk), for keyed hashes that must
     * stay the same from run to run when no pseudonym key is configured: access-log visitor ids
     * and the erasure list (docs/privacy.md). Readers of the tables never need it.
     */
    public byte[] secret() {
        Path file = new Path(new Path(out, "_secrets"), "key");
        try {
            if (!fs.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Path tmp = new Path(file.getParent(), "key.tmp");
                fs.mkdirs(file.getParent(), new org.apache.hadoop.fs.permission.FsPermission((short) 0700));
                write(tmp, java.util.Base64.getEncoder().encode(key));
                fs.setPermission(tmp, new org.apache.hadoop.fs.permission.FsPermission((short) 0600));
                if (!fs.rename(tmp, file) && !fs.exists(file)) {
                    throw new IOException("rename " + tmp + " to " + file + " failed");
                }
            }
            try (InputStream in = fs.open(file)) {
                return java.util.Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw TouchpointException.config("touchpoint.output.path", file.toString(), "The output folder's secret cannot be read or made ("
                    + e.getMessage() + ")", "Check your access to the output folder; delete a damaged " + file
                    + " only if no erasure list or access-log visitor id depends on it (docs/privacy.md).");
        }
    }

    /** Starts a run's staging folder, recording which run it is (for {@link #recover} if it dies). */
    public void begin(String runId, String command, Instant started) {
        ObjectNode info = JSON.createObjectNode().put("run_id", runId).put("command", command)
                .put("started_at", started.toString()).put("host", OutputLock.host()).put("pid", ProcessHandle.current().pid());
        write(new Path(staging(runId), RUN_INFO), info.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Commits run {@code runId}: its staged tables replace the committed ones (wholly, or for a
     * range only the range's date partitions of partitioned tables), then its manifest and markers.
     *
     * @param manifest the run's manifest (also written as {@code latest.json})
     */
    public void commit(String runId, List<TableSpec> tables, DateRange range, byte[] manifest) {
        Path stage = staging(runId);
        Path trash = new Path(stage, TRASH);
        List<String> steps = new ArrayList<>();
        // Markers the run rewrites are withdrawn first: a scheduler never sees "done" over a half-swapped day.
        List<String> markers = new ArrayList<>();
        if (!range.isAll()) {
            for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                markers.add("_markers/date=" + d + "/_SUCCESS");
            }
        }
        markers.add("_SUCCESS");
        for (String m : markers) {
            write(new Path(stage, m), (runId + "\n").getBytes(StandardCharsets.UTF_8));
            steps.add(step("withdraw", new Path(out, m), new Path(stage, m)));
        }
        try {
            for (TableSpec t : tables) {
                tableSteps(t, stage, trash, range, steps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the commit of run " + runId, e);
        }
        Path manifests = new Path(stage, MANIFESTS);
        write(new Path(manifests, runId + ".json"), manifest);
        write(new Path(manifests, "latest.json"), manifest);
        steps.add(step("swap", new Path(manifests, runId + ".json"), new Path(new Path(out, MANIFESTS), runId + ".json"),
                new Path(trash, MANIFESTS + "/" + runId + ".json")));
        steps.add(step("swap", new Path(manifests, "latest.json"), new Path(new Path(out, MANIFESTS), "latest.json"),
                new Path(trash, MANIFESTS + "/latest.json")));
        for (String m : markers) {
            steps.add(step("swap", new Path(stage, m), new Path(out, m), new Path(trash, m)));
        }
        journalAndReplay(runId, stage, steps);
    }

    /**
     * What a command that rewrites committed tables ({@code erase}, {@code retention}) changes,
     * staged under its run's folder and committed together by {@link #commitChanges}.
     */
    public static final class Changes {
        private final java.util.Map<TableSpec, java.util.Set<String>> partitions = new java.util.LinkedHashMap<>();
        private final List<TableSpec> tables = new ArrayList<>();
        private final java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        private final List<String> deleted = new ArrayList<>();

        /**
         * The date partitions ({@code column=YYYY-MM-DD}) of {@code t} that the run replaces: by its
         * staged partition of that name, or, when it staged none, by nothing (the date is dropped).
         */
        public Changes replacePartitions(TableSpec t, java.util.Collection<String> names) {
            partitions.computeIfAbsent(t, k -> new java.util.TreeSet<>()).addAll(names);
            return this;
        }

        /** An unpartitioned table the run replaces whole by its staged copy (an empty one when it staged nothing). */
        public Changes replaceTable(TableSpec t) {
            tables.add(t);
            return this;
        }

        /** A file (path relative to the output folder) the commit puts in place. */
        public Changes putFile(String relative, byte[] content) {
            files.put(relative, content);
            return this;
        }

        /** A file or folder (relative to the output folder) the commit removes. */
        public Changes delete(String relative) {
            deleted.add(relative);
            return this;
        }

        public java.util.Map<TableSpec, java.util.Set<String>> partitions() {
            return java.util.Collections.unmodifiableMap(partitions);
        }
    }

    /**
     * Commits what a rewriting command staged, by the same journal as {@link #commit} (so a kill
     * leaves either the old tables or, after the next command's recovery, the new ones): staged
     * partitions swapped in, partitions it staged nothing for dropped, whole tables swapped, files
     * put in place and removed. A table left without a date gets the schema-only file.
     */
    public void commitChanges(String runId, Changes changes) {
        Path stage = staging(runId);
        Path trash = new Path(stage, TRASH);
        List<String> steps = new ArrayList<>();
        try {
            for (var e : changes.partitions.entrySet()) {
                TableSpec t = e.getKey();
                Path staged = new Path(stage, t.name());
                Path target = table(t.name());
                boolean remains = false;
                for (FileStatus s : list(target)) {
                    String n = s.getPath().getName();
                    if (s.isDirectory() && n.startsWith(t.partitionColumn() + "=") && !e.getValue().contains(n)) {
                        remains = true;
                    }
                }
                for (String folder : e.getValue()) {
                    boolean stagedOne = fs.exists(new Path(staged, folder));
                    remains |= stagedOne;
                    steps.add(stagedOne ? step("swap", new Path(staged, folder), new Path(target, folder),
                            new Path(trash, t.name() + "/" + folder)) : step("drop", new Path(target, folder),
                            new Path(trash, t.name() + "/" + folder)));
                }
                if (!remains && fs.exists(target)) {
                    writeEmpty(t, new Path(stage, "_empty/" + t.name()));
                    steps.add(step("swap", new Path(stage, "_empty/" + t.name() + "/" + EMPTY_FILE), new Path(target, EMPTY_FILE),
                            new Path(trash, t.name() + "/" + EMPTY_FILE)));
                } else if (remains) {
                    steps.add(step("delete", new Path(target, EMPTY_FILE)));
                }
            }
            for (TableSpec t : changes.tables) {
                Path staged = new Path(stage, t.name());
                if (!hasDataFiles(staged)) {
                    writeEmpty(t, staged);
                }
                steps.add(step("swap", staged, table(t.name()), new Path(trash, t.name())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the commit of run " + runId, e);
        }
        for (var f : changes.files.entrySet()) {
            Path staged = new Path(new Path(stage, "_files"), f.getKey());
            write(staged, f.getValue());
            steps.add(step("swap", staged, new Path(out, f.getKey()), new Path(trash, "_files/" + f.getKey())));
        }
        for (String d : changes.deleted) {
            steps.add(step("delete", new Path(out, d)));
        }
        journalAndReplay(runId, stage, steps);
    }

    /**
     * Writes the journal whole (a temporary file renamed into place: from then on the run is
     * decided), performs its steps and removes the run's staging.
     */
    private void journalAndReplay(String runId, Path stage, List<String> steps) {
        Path journal = new Path(stage, JOURNAL);
        Path tmp = new Path(stage, JOURNAL + ".tmp");
        write(tmp, String.join("\n", steps).getBytes(StandardCharsets.UTF_8));
        try {
            if (!fs.rename(tmp, journal)) {
                throw new IOException("rename " + tmp + " to " + journal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the commit journal of run " + runId, e);
        }
        Pause.at("commit");
        replay(journal);
        delete(stage);
        removeIfEmpty(new Path(out, STAGING));
    }

    private void removeIfEmpty(Path dir) {
        try {
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            // an empty folder that starts with _ is ignored by every reader
        }
    }

    private void tableSteps(TableSpec t, Path stage, Path trash, DateRange range, List<String> steps) throws IOException {
        Path staged = new Path(stage, t.name());
        Path target = table(t.name());
        if (!t.partitioned()) {
            if (!hasDataFiles(staged)) {
                writeEmpty(t, staged);
            }
            steps.add(step("swap", staged, target, new Path(trash, t.name())));
            return;
        }
        // Partitioned: the run replaces the date partitions it owns, as Spark's dynamic partition
        // overwrite would: a range run every date of its range (also those it has no rows for), a
        // run over all its input the dates it wrote. Every other date stays.
        java.util.Set<String> replaced = replacedPartitions(t, staged, range);
        boolean partitions = false;
        for (FileStatus s : list(target)) {
            String n = s.getPath().getName();
            if (s.isDirectory() && n.startsWith(t.partitionColumn() + "=") && !replaced.contains(n)) {
                partitions = true; // a date that stays
            }
        }
        for (String folder : replaced) {
            partitions |= fs.exists(new Path(staged, folder));
            steps.add(step("swap", new Path(staged, folder), new Path(target, folder), new Path(trash, t.name() + "/" + folder)));
        }
        if (partitions) {
            steps.add(step("delete", new Path(target, EMPTY_FILE)));
        } else {
            writeEmpty(t, staged);
            steps.add(step("swap", new Path(staged, EMPTY_FILE), new Path(target, EMPTY_FILE),
                    new Path(trash, t.name() + "/" + EMPTY_FILE)));
        }
    }

    /**
     * The partition folders ({@code column=YYYY-MM-DD}) of {@code t} that a run replaces: every date
     * of its range, or without a range the dates it staged.
     */
    public java.util.Set<String> replacedPartitions(TableSpec t, Path staged, DateRange range) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (!range.isAll()) {
            for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                out.add(t.partitionColumn() + "=" + d);
            }
            return out;
        }
        for (FileStatus s : list(staged)) {
            if (s.isDirectory() && s.getPath().getName().startsWith(t.partitionColumn() + "=")) {
                out.add(s.getPath().getName());
            }
        }
        return out;
    }

    /** Writes a table with no rows: one schema-only file holding every column, partition column included. */
    private void writeEmpty(TableSpec t, Path dir) {
        int[] all = new int[t.schema().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        new PartWriter(new Path(dir, EMPTY_FILE), conf, t.schema(), all).close();
    }

    private boolean hasDataFiles(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return false;
        }
        var files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            if (files.next().getPath().getName().endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before a run, and before a reader trusts the folder: finishes the commits of runs that were
     * killed after deciding to commit, records runs that died before it as failed and removes their
     * staging, and removes what older versions left (Spark's {@code .spark-staging-*} and
     * {@code _temporary} folders). Only called by the holder of the lock, or when no run holds it.
     *
     * @param log says what it did, one line each
     */
    public void recover(String by, Consumer<String> log) {
        try {
            Path root = new Path(out, STAGING);
            if (fs.exists(root)) {
                for (FileStatus run : fs.listStatus(root)) {
                    recoverRun(run.getPath(), by, log);
                }
                if (fs.listStatus(root).length == 0) {
                    fs.delete(root, true);
                }
            }
            if (fs.exists(out)) {
                for (FileStatus t : fs.listStatus(out)) {
                    if (!t.isDirectory() || t.getPath().getName().startsWith("_")) {
                        continue;
                    }
                    for (FileStatus s : fs.listStatus(t.getPath())) {
                        String n = s.getPath().getName();
                        if (n.startsWith(".spark-staging-") || n.equals("_temporary")) {
                            fs.delete(s.getPath(), true);
                            log.accept("Removed " + s.getPath() + " (left by an interrupted write)");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover the output folder " + out, e);
        }
    }

    private void recoverRun(Path stage, String by, Consumer<String> log) throws IOException {
        String runId = stage.getName();
        Path journal = new Path(stage, JOURNAL);
        if (fs.exists(journal)) {
            replay(journal);
            delete(stage);
            log.accept("Finished the commit of run " + runId + ", which stopped while committing");
            return;
        }
        JsonNode info = JSON.createObjectNode();
        Path runInfo = new Path(stage, RUN_INFO);
        if (fs.exists(runInfo)) {
            try (InputStream in = fs.open(runInfo)) {
                info = JSON.readTree(in);
            } catch (IOException e) {
                // a run killed while writing its own record: recorded from its folder's name alone
            }
        }
        ObjectNode failed = JSON.createObjectNode().put("run_id", runId).put("status", "failed")
                .put("command", info.path("command").asText(null)).put("started_at", info.path("started_at").asText(null))
                .put("error", "The run stopped before it committed its tables (killed or crashed); found by run " + by
                        + " at " + Instant.now() + ". Nothing of it was committed: the tables are those of the runs before it.");
        Path record = new Path(new Path(out, MANIFESTS), runId + ".json");
        if (!fs.exists(record)) {
            write(record, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(failed));
        }
        delete(stage);
        log.accept("Discarded run " + runId + ", which stopped before committing (recorded as failed in " + record + ")");
    }

    /** Removes the staging of a run that found nothing to change (nothing is recorded). */
    public void discard(String runId) {
        delete(staging(runId));
        removeIfEmpty(new Path(out, STAGING));
    }

    /** Records a run that failed in this process and removes its staging; its manifest says why. */
    public void fail(String runId, byte[] manifest) {
        write(new Path(new Path(out, MANIFESTS), runId + ".json"), manifest);
        delete(staging(runId));
    }

    /** Runs every step of a journal; each is a no-op when already done, so a replay finishes what a kill cut short. */
    private void replay(Path journal) {
        List<String> steps = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(journal), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    steps.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the commit journal " + journal, e);
        }
        int i = 0;
        for (String s : steps) {
            String[] f = s.split("\t");
            try {
                switch (f[0]) {
                    case "withdraw" -> {
                        if (fs.exists(new Path(f[2]))) { // its replacement is still staged: not yet swapped in
                            fs.delete(new Path(f[1]), false);
                        }
                    }
                    case "delete" -> fs.delete(new Path(f[1]), true);
                    case "drop" -> { // a partition a rewrite emptied: into the trash, removed with the staging
                        if (fs.exists(new Path(f[1]))) {
                            fs.mkdirs(new Path(f[2]).getParent());
                            fs.delete(new Path(f[2]), true);
                            rename(new Path(f[1]), new Path(f[2]));
                        }
                    }
                    case "swap" -> swap(new Path(f[1]), new Path(f[2]), new Path(f[3]));
                    default -> throw new IllegalStateException("Unknown commit step " + s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Commit step failed: " + s, e);
            }
            if (++i == steps.size() / 2) {
                Pause.at("commit-half");
            }
        }
    }

    /** Puts {@code staged} in place of {@code target}, the old one into {@code trash}; nothing once staged is gone. */
    private void swap(Path staged, Path target, Path trash) throws IOException {
        if (!fs.exists(staged)) {
            return;
        }
        if (fs.exists(target)) {
            fs.mkdirs(trash.getParent());
            fs.delete(trash, true);
            rename(target, trash);
        }
        fs.mkdirs(target.getParent());
        rename(staged, target);
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " to " + to + " failed");
        }
    }

    private void write(Path p, byte[] bytes) {
        try (OutputStream os = fs.create(p, true)) {
            os.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + p, e);
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + p, e);
        }
    }

    private List<FileStatus> list(Path dir) throws IOException {
        return fs.exists(dir) ? List.of(fs.listStatus(dir)) : List.of();
    }

    private static String step(String op, Path... paths) {
        StringBuilder sb = new StringBuilder(op);
        for (Path p : paths) {
            sb.append('\t').append(p);
        }
        return sb.toString();
    }

    /**
     * Stops a run whose output path is a file or lies under one, before any work: otherwise it
     * would fail once the passes try to write (exit 2, naming the file).
     */
    public static void checkPath(FileSystem fs, Path output) {
        try {
            for (Path p = output; p != null; p = p.getParent()) {
                if (fs.exists(p)) {
                    if (!fs.getFileStatus(p).isDirectory()) {
                        throw TouchpointException.config("touchpoint.output.path", output.toString(),
                                p.equals(output) ? "The output path is a file, not a folder" : "The output path lies under the file " + p,
                                "Give a folder for the tables (it is created when missing), e.g. --output out.");
                    }
                    return; // the nearest existing folder: the rest is created
                }
            }
        } catch (IOException e) {
            throw TouchpointException.config("touchpoint.output.path", output.toString(),
                    "The output path cannot be checked (" + e.getMessage() + ")", "Check the path and your access to it.");
        }
    }
}
