package io.touchpoint.spark.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.core.error.TouchpointException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer per output folder: {@code <output>/_lock}, created only if absent, holds the run that
 * writes (run id, host, process, start). A run that finds it held by a live run stops before any
 * Spark work (exit 4) naming that run. A lock is stale, and is taken over, when its process is gone
 * (same host) or its heartbeat (the file's modification time, refreshed every
 * {@link #HEARTBEAT}) is older than {@link #STALE_AFTER} (another host, or a process that hangs).
 */
public final class OutputLock implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    static final String NAME = "_lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path file;
    private final ScheduledExecutorService heartbeat;

    private OutputLock(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "touchpoint-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = HEARTBEAT.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the output's lock for {@code runId}, taking over a stale one (said through {@code log}).
     *
     * @throws TouchpointException (exit 4) when a live run holds it
     */
    public static OutputLock acquire(FileSystem fs, Path output, String runId, String command, Consumer<String> log) {
        Path file = new Path(output, NAME);
        String me = JSON.createObjectNode().put("run_id", runId).put("command", command).put("host", host())
                .put("pid", ProcessHandle.current().pid()).put("started_at", Instant.now().toString()).toString();
        try {
            fs.mkdirs(output);
            for (int attempt = 0; attempt < 2; attempt++) {
                if (create(fs, file, me)) {
                    return new OutputLock(fs, file);
                }
                Optional<JsonNode> holder = read(fs, file);
                String stale = holder.isEmpty() ? "unreadable" : staleness(fs, file, holder.get());
                if (stale == null) {
                    JsonNode h = holder.get();
                    throw TouchpointException.busy(output.toString(), "Another run is writing to this output folder (run "
                            + h.path("run_id").asText() + " on host " + h.path("host").asText() + ", process "
                            + h.path("pid").asText() + ", started " + h.path("started_at").asText() + ")",
                            "Wait for it to finish. If that process is gone for good, delete " + file + " and run again.");
                }
                log.accept("Taking over the lock of run " + holder.map(h -> h.path("run_id").asText()).orElse("?")
                        + " (" + stale + ")");
                fs.delete(file, false);
            }
            throw TouchpointException.busy(output.toString(), "Another run took the output folder's lock at the same moment",
                    "Run again once it has finished.");
        } catch (IOException e) {
            throw TouchpointException.input(output.toString(), "Cannot lock the output folder (" + e.getMessage() + ")",
                    "Check that the output folder is writable.", e);
        }
    }

    /** The lock's holder, when the folder is locked by a live run (readers use it to keep off a commit in progress). */
    public static Optional<JsonNode> liveHolder(FileSystem fs, Path output) {
        Path file = new Path(output, NAME);
        try {
            Optional<JsonNode> h = read(fs, file);
            return h.isPresent() && staleness(fs, file, h.get()) == null ? h : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean create(FileSystem fs, Path file, String content) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(file)) {
                return false; // some file systems report an existing file with a plain IOException
            }
            throw e;
        }
    }

    private static Optional<JsonNode> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(JSON.readTree(in));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.of(JSON.createObjectNode()); // half-written by a killed run: judged by its age
        }
    }

    /** Why the lock is stale, or null when its run is alive. */
    static String staleness(FileSystem fs, Path file, JsonNode holder) throws IOException {
        FileStatus s;
        try {
            s = fs.getFileStatus(file);
        } catch (java.io.FileNotFoundException e) {
            return "released";
        }
        long age = System.currentTimeMillis() - s.getModificationTime();
        if (holder.path("host").asText().equals(host()) && holder.has("pid")) {
            long pid = holder.path("pid").asLong();
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            Instant started = parse(holder.path("started_at").asText());
            boolean alive = p.isPresent() && p.get().isAlive() && p.get().info().startInstant()
                    .map(st -> started == null || !st.isAfter(started.plusSeconds(5))).orElse(true);
            if (!alive) {
                return "its process " + pid + " on this host is gone";
            }
            return null;
        }
        if (age > STALE_AFTER.toMillis()) {
            return "no heartbeat for " + Duration.ofMillis(age).toSeconds() + " s";
        }
        return null;
    }

    private static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void beat() {
        try {
            fs.setTimes(file, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            // a missed beat only ages the lock; the next one refreshes it
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            fs.delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the lock " + file, e);
        }
    }
}
