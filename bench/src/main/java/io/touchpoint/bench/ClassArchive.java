package io.touchpoint.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The class-data-sharing archive of the measured JVMs: the classes a Touchpoint run loads (Spark's,
 * the core's, the analyser's), recorded once by an unmeasured run and mapped by every measured
 * JVM, of every engine, as {@code bin/touchpoint run} maps its own. Recorded again when a jar of
 * the class path is newer; the JVM ignores an archive that does not match its class path.
 */
final class ClassArchive {
    private ClassArchive() {
    }

    /** An unmeasured run that writes the archive to the path it is given when its JVM exits. */
    interface Recorder {
        void record(Path dump) throws Exception;
    }

    static Path ensure(Path archive, Recorder recorder) throws Exception {
        if (Files.isRegularFile(archive) && newerThanClassPath(archive)) {
            return archive;
        }
        System.out.println("class archive: recording " + archive + " (one unmeasured run)");
        Path dump = archive.resolveSibling(archive.getFileName() + ".tmp");
        Files.deleteIfExists(dump);
        recorder.record(dump);
        if (!Files.isRegularFile(dump)) {
            throw new IllegalStateException("The JVM wrote no class archive to " + dump);
        }
        return Files.move(dump, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean newerThanClassPath(Path archive) throws Exception {
        long made = Files.getLastModifiedTime(archive).toMillis();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new).filter(File::isFile).allMatch(f -> f.lastModified() < made);
    }
}
