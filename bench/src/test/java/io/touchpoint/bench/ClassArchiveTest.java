package io.touchpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the bench records its class archive, and where the recording ends up (no JVM is forked). */
class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void recordsOnceThenReusesTheArchive() throws Exception {
        Path archive = dir.resolve("classes.jsa");
        AtomicInteger recordings = new AtomicInteger();
        ClassArchive.Recorder recorder = dump -> {
            recordings.incrementAndGet();
            Files.writeString(dump, "archive");
        };

        assertThat(ClassArchive.ensure(archive, recorder)).isEqualTo(archive);
        assertThat(archive).hasContent("archive");
        assertThat(dir.resolve("classes.jsa.tmp")).doesNotExist();
        // Newer than every jar of this JVM's class path: not recorded again.
        ClassArchive.ensure(archive, recorder);
        assertThat(recordings).hasValue(1);
    }

    @Test
    void anArchiveOlderThanAJarIsRecordedAgain() throws Exception {
        Path archive = Files.writeString(dir.resolve("classes.jsa"), "old");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(0));
        ClassArchive.ensure(archive, dump -> Files.writeString(dump, "new"));
        assertThat(archive).hasContent("new");
    }

    @Test
    void aRunThatWritesNoArchiveFailsTheBench() {
        assertThatThrownBy(() -> ClassArchive.ensure(dir.resolve("classes.jsa"), dump -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("classes.jsa.tmp");
    }
}
