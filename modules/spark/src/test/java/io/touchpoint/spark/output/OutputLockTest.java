package io.touchpoint.spark.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.error.TouchpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder: a live holder stops a second run (exit 4); a dead one's lock is taken over. */
class OutputLockTest {
    @TempDir
    Path dir;

    private FileSystem fs() throws Exception {
        return FileSystem.getLocal(new Configuration());
    }

    private static String lock(long pid, String host, String started) {
        return "{\"run_id\":\"20261207T100000Z-abcd\",\"command\":\"run\",\"host\":\"" + host + "\",\"pid\":" + pid
                + ",\"started_at\":\"" + started + "\"}";
    }

    @Test
    void aLiveRunKeepsTheFolderAndIsNamed() throws Exception {
        String started = ProcessHandle.current().info().startInstant().orElseThrow().plusSeconds(1).toString();
        Files.writeString(dir.resolve("_lock"), lock(ProcessHandle.current().pid(), OutputLock.host(), started));
        assertThatThrownBy(() -> OutputLock.acquire(fs(), new org.apache.hadoop.fs.Path(dir.toString()), "r2", "run", l -> { }))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind().exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("20261207T100000Z-abcd", OutputLock.host(),
                            String.valueOf(ProcessHandle.current().pid()), started, "_lock");
                });
    }

    @Test
    void aLockWhoseProcessIdWasReusedByALaterProcessIsStale() throws Exception {
        // This process started after the lock's run: the id is the same, the run is not.
        Files.writeString(dir.resolve("_lock"), lock(ProcessHandle.current().pid(), OutputLock.host(), "2020-01-01T00:00:00Z"));
        try (OutputLock lock = OutputLock.acquire(fs(), new org.apache.hadoop.fs.Path(dir.toString()), "r5", "run", l -> { })) {
            assertThat(Files.readString(dir.resolve("_lock"))).contains("\"r5\"");
        }
    }

    @Test
    void aDeadRunsLockIsTakenOverAndReleasedAtTheEnd() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(dir.resolve("_lock"), lock(p.pid(), OutputLock.host(), "2020-01-01T00:00:00Z"));
        List<String> said = new ArrayList<>();
        try (OutputLock lock = OutputLock.acquire(fs(), new org.apache.hadoop.fs.Path(dir.toString()), "r2", "run", said::add)) {
            assertThat(Files.readString(dir.resolve("_lock"))).contains("\"r2\"");
        }
        assertThat(said).singleElement().asString().contains("20261207T100000Z-abcd", "gone");
        assertThat(dir.resolve("_lock")).doesNotExist();
    }

    @Test
    void aLockOfAnotherHostWithoutHeartbeatIsStale() throws Exception {
        Path f = dir.resolve("_lock");
        Files.writeString(f, lock(1, "another-host", "2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        try (OutputLock lock = OutputLock.acquire(fs(), new org.apache.hadoop.fs.Path(dir.toString()), "r3", "run", l -> { })) {
            assertThat(Files.readString(f)).contains("\"r3\"");
        }
        Files.writeString(f, lock(1, "another-host", "2020-01-01T00:00:00Z")); // fresh heartbeat: alive
        assertThatThrownBy(() -> OutputLock.acquire(fs(), new org.apache.hadoop.fs.Path(dir.toString()), "r4", "run", l -> { }))
                .isInstanceOf(TouchpointException.class).hasMessageContaining("another-host");
    }
}
