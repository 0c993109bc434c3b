package io.touchpoint.spark.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes the aggregate tables and the report of an output folder to
 * {@code touchpoint.output.aggregates-path}, a folder of their own for readers who must not see any
 * person-level table (docs/privacy.md, "Access by role").
 *
 * <p>Only {@link #TABLES} and {@link #REPORT} ever land there, each copied whole as the output
 * folder holds it (partitions included), plus {@link #PUBLISHED}. A publish copies into
 * {@code <aggregates>/_staging/<id>/}, then swaps each table folder and the report by renames (the
 * old ones are removed), then writes {@code _published.json}: a reader sees a table of one publish
 * or of the next, never half of one. Publishes into one aggregates folder take its {@code _lock}
 * in turn (exit 4 while another holds it). The output folder is read without its lock: when a
 * commit changes it during the copy, the copy is made again (up to {@link #ATTEMPTS} times).
 *
 * <p>Every command that commits tables calls {@link #publish} after its commit: {@code run} (after
 * its report), {@code report}, and commands that rewrite tables.
 */
public final class AggregatesPublisher {
    /** The aggregate tables: no id, URL or user agent in any of them. */
    public static final List<String> TABLES = List.of("attribution_summary", "model_comparison", "funnel_steps", "funnel_trends");
    public static final String REPORT = "report.html";
    public static final String PUBLISHED = "_published.json";
    static final int ATTEMPTS = 3;
    private static final String STAGING = "_staging";
    private static final String TRASH = "_old";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AggregatesPublisher() {
    }

    /** As {@link #publish(Configuration, TouchpointConfig, String, Consumer)} with the session's Hadoop configuration. */
    public static Path publish(SparkSession spark, TouchpointConfig config, String runId, Consumer<String> progress) {
        return publish(spark.sparkContext().hadoopConfiguration(), config, runId, progress);
    }

    /**
     * Publishes the aggregate tables and report.html of {@code config.outputPath()} to
     * {@code config.aggregatesPath()}; does nothing when that is empty. Call it after a commit.
     *
     * @param runId the run (or command) whose commit is published, recorded in {@code _published.json};
     *     null: the run of the output's {@code _manifests/latest.json}
     * @param progress one line when done
     * @return the aggregates folder, or null when none is configured
     * @throws TouchpointException exit 2 when the two paths nest, exit 4 while another publish holds
     *     the aggregates folder, exit 1 (naming the aggregates path) when the publish fails; the
     *     output folder's tables stay committed either way
     */
    public static Path publish(Configuration conf, TouchpointConfig config, String runId, Consumer<String> progress) {
        if (config.aggregatesPath().isEmpty()) {
            return null;
        }
        checkPaths(conf, config);
        Path target;
        FileSystem fs;
        OutputFolder source = new OutputFolder(new Path(config.outputPath()), conf);
        try {
            target = new Path(config.aggregatesPath());
            fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
                throw new IOException("it is a file, not a folder");
            }
        } catch (IOException e) {
            throw failed(config, e);
        }
        String id = runId != null ? runId : latestRunId(source);
        String publishId = (id == null ? "publish" : id) + "-" + String.format("%04x", System.nanoTime() & 0xffff);
        long t0 = System.nanoTime();
        try (OutputLock lock = OutputLock.acquire(fs, target, publishId, "publish", progress)) {
            List<String> published = new Publish(source, fs, target, publishId).run();
            ObjectNode info = JSON.createObjectNode().put("run_id", id).put("published_at", Instant.now().toString());
            var tables = info.putArray("tables");
            published.stream().filter(TABLES::contains).forEach(tables::add);
            info.put("report", published.contains(REPORT));
            Path tmp = new Path(target, "." + PUBLISHED + "." + publishId);
            try (OutputStream os = fs.create(tmp, true)) {
                os.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
            }
            Path file = new Path(target, PUBLISHED);
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                throw new IOException("rename " + tmp + " to " + file + " failed");
            }
            progress.accept(String.format(java.util.Locale.ROOT, "[publish] %d aggregate tables%s to %s, %.1f s",
                    tables.size(), published.contains(REPORT) ? " and the report" : "", target,
                    (System.nanoTime() - t0) / 1e9));
            return target;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TouchpointException te && (te.kind() == TouchpointException.Kind.CONFIG
                    || te.kind() == TouchpointException.Kind.BUSY)) {
                throw te;
            }
            throw failed(config, e);
        }
    }

    private static TouchpointException failed(TouchpointConfig config, Exception e) {
        return TouchpointException.other("Cannot publish the aggregates to touchpoint.output.aggregates-path = "
                        + config.aggregatesPath() + " (" + e.getMessage() + ")",
                "Check that folder and your access to it, then publish again with bin/touchpoint report; the tables in "
                        + config.outputPath() + " are committed.", e);
    }

    /**
     * Stops before any work when the aggregates path is the output path, lies inside it or holds it
     * (exit 2, naming both): readers of the aggregates would see the person-level tables.
     */
    public static void checkPaths(Configuration conf, TouchpointConfig config) {
        if (config.aggregatesPath().isEmpty()) {
            return;
        }
        String agg;
        String out;
        try {
            agg = qualified(conf, config.aggregatesPath());
            out = qualified(conf, config.outputPath());
        } catch (IOException | IllegalArgumentException e) {
            throw TouchpointException.config("touchpoint.output.aggregates-path", config.aggregatesPath(),
                    "The aggregates path cannot be checked (" + e.getMessage() + ")", "Check the path and your access to it.");
        }
        String problem = agg.equals(out) ? "The aggregates path is the output path"
                : agg.startsWith(out + "/") ? "The aggregates path lies inside the output path"
                : out.startsWith(agg + "/") ? "The aggregates path holds the output path" : null;
        if (problem != null) {
            throw TouchpointException.config("touchpoint.output.aggregates-path", config.aggregatesPath(),
                    problem + " (touchpoint.output.path = " + config.outputPath() + "), so its readers would see the"
                            + " person-level tables", "Give a folder outside the output folder, e.g. a sibling of it.");
        }
    }

    private static String qualified(Configuration conf, String path) throws IOException {
        Path p = new Path(path);
        String s = p.getFileSystem(conf).makeQualified(p).toUri().normalize().toString();
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String latestRunId(OutputFolder source) {
        Path latest = new Path(new Path(source.path(), OutputFolder.MANIFESTS), "latest.json");
        try (InputStream in = source.fs().open(latest)) {
            return JSON.readTree(in).path("run_id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** A file to copy as listed: a commit that replaces it changes its length or time. */
    private record Source(Path path, long length, long modified) {
        static Source of(FileStatus s) {
            return new Source(s.getPath(), s.getLen(), s.getModificationTime());
        }
    }

    /** One publish, under the aggregates folder's lock. */
    private static final class Publish {
        private final OutputFolder source;
        private final FileSystem fs;
        private final Path target;
        private final Path stage;

        Publish(OutputFolder source, FileSystem fs, Path target, String publishId) {
            this.source = source;
            this.fs = fs;
            this.target = target;
            this.stage = new Path(new Path(target, STAGING), publishId);
        }

        /** Copies, swaps and returns what the aggregates folder now holds (tables and report). */
        List<String> run() throws IOException {
            // What killed publishes left: only a publish writes here, and this one holds the lock.
            Path root = new Path(target, STAGING);
            if (fs.exists(root)) {
                fs.delete(root, true);
            }
            List<String> names = new ArrayList<>(TABLES);
            names.add(REPORT);
            TreeMap<String, Source> files = null;
            for (int attempt = 1; files == null; attempt++) {
                fs.delete(stage, true);
                TreeMap<String, Source> before = listing(names);
                try {
                    copy(before);
                    if (before.equals(listing(names))) {
                        files = before;
                    }
                } catch (java.io.FileNotFoundException e) {
                    // a commit removed a file while it was copied: copied again
                }
                if (files == null && attempt >= ATTEMPTS) {
                    throw new IOException("the output folder " + source.path() + " changed during each of " + ATTEMPTS
                            + " copies (runs committing)");
                }
            }
            List<String> present = new ArrayList<>();
            Path trash = new Path(stage, TRASH);
            fs.mkdirs(trash);
            for (String name : names) {
                Path staged = new Path(stage, name);
                Path live = new Path(target, name);
                boolean has = fs.exists(staged);
                if (fs.exists(live)) {
                    rename(live, new Path(trash, name));
                }
                if (has) {
                    rename(staged, live);
                    present.add(name);
                }
            }
            fs.delete(stage, true);
            if (fs.exists(root) && fs.listStatus(root).length == 0) {
                fs.delete(root, true);
            }
            return present;
        }

        /**
         * Every file the copy takes, by its path relative to the output folder, when the output
         * holds no commit in progress (else null entries make two listings differ).
         */
        private TreeMap<String, Source> listing(List<String> names) throws IOException {
            TreeMap<String, Source> out = new TreeMap<>();
            FileSystem src = source.fs();
            Path staging = new Path(source.path(), OutputFolder.STAGING);
            if (src.exists(staging)) {
                for (FileStatus run : src.listStatus(staging)) {
                    if (src.exists(new Path(run.getPath(), OutputFolder.JOURNAL))) {
                        out.put("\u0000committing " + run.getPath().getName(), new Source(run.getPath(), -1, System.nanoTime()));
                    }
                }
            }
            for (String name : names) {
                Path p = new Path(source.path(), name);
                if (!src.exists(p)) {
                    continue;
                }
                FileStatus s = src.getFileStatus(p);
                if (s.isFile()) {
                    out.put(name, Source.of(s));
                    continue;
                }
                out.put(name + "/", new Source(p, -1, 0)); // an empty table folder is copied too
                walk(src, p, name, out);
            }
            return out;
        }

        private void walk(FileSystem src, Path dir, String rel, TreeMap<String, Source> out) throws IOException {
            for (FileStatus s : src.listStatus(dir)) {
                String n = s.getPath().getName();
                if (n.startsWith(".") || n.startsWith("_")) {
                    continue; // not part of the table for any reader (checksums, markers)
                }
                if (s.isDirectory()) {
                    walk(src, s.getPath(), rel + "/" + n, out);
                } else {
                    out.put(rel + "/" + n, Source.of(s));
                }
            }
        }

        private void copy(TreeMap<String, Source> files) throws IOException {
            FileSystem src = source.fs();
            for (var e : files.entrySet()) {
                if (e.getKey().startsWith("\u0000")) {
                    continue;
                }
                if (e.getKey().endsWith("/")) {
                    fs.mkdirs(new Path(stage, e.getKey().substring(0, e.getKey().length() - 1)));
                    continue;
                }
                try (InputStream in = src.open(e.getValue().path());
                     OutputStream out = fs.create(new Path(stage, e.getKey()), true)) {
                    in.transferTo(out);
                }
            }
        }

        private void rename(Path from, Path to) throws IOException {
            if (!fs.rename(from, to)) {
                throw new IOException("rename " + from + " to " + to + " failed");
            }
        }
    }
}
