package io.touchpoint.spark.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;

/**
 * One visitor's rows, held until the visitor's last row has been seen (its person is the latest
 * user_id, known only then), then replayed in the order they came. A visitor's rows are few, but
 * one id can cover millions of rows (a tracker that sends a constant id, an undetected crawler):
 * past {@code inMemoryLimit} rows they go to a local file, so memory stays bounded as it does in
 * Spark's own window buffer. The rows added must be the caller's own (Spark reuses its rows). Spark's
 * binary rows ({@link UnsafeRow}, as a sort hands them out) are spilled as their bytes (a length and
 * the row), which reads back at disk speed; other rows (the public API path's) are Java-serialised.
 */
final class VisitorRows implements AutoCloseable {
    private final int inMemoryLimit;
    private final List<InternalRow> rows = new ArrayList<>();
    /** Copy buffer of {@link UnsafeRow#writeToStream}. */
    private final byte[] buffer = new byte[4096];
    private Path spillFile;
    private DataOutputStream spill;
    private long spilled;
    private int fields;
    /** Whether the spilled rows are Spark's binary rows (else Java-serialised). */
    private boolean binary;

    VisitorRows(int inMemoryLimit) {
        if (inMemoryLimit < 1) {
            throw new IllegalArgumentException("inMemoryLimit must be at least 1, got " + inMemoryLimit);
        }
        this.inMemoryLimit = inMemoryLimit;
    }

    void add(InternalRow row) {
        if (spill == null && rows.size() < inMemoryLimit) {
            rows.add(row);
            return;
        }
        try {
            if (spill == null) {
                spillFile = tempFile();
                spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
                binary = row instanceof UnsafeRow;
                fields = row.numFields();
            }
            if (binary) {
                UnsafeRow u = (UnsafeRow) row;
                spill.writeInt(u.getSizeInBytes());
                u.writeToStream(spill, buffer);
            } else {
                // Rows of the public API path (not binary): Java serialisation, slower but the same rows.
                byte[] bytes = serialise(row);
                spill.writeInt(bytes.length);
                spill.write(bytes);
            }
            spilled++;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spill a visitor's rows to " + spillFile, e);
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Hands every row held to {@code sink} in the order added, then forgets them. */
    void drain(Consumer<InternalRow> sink) {
        rows.forEach(sink);
        rows.clear();
        if (spill == null) {
            return;
        }
        try {
            spill.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spillFile), 1 << 16))) {
                for (long i = 0; i < spilled; i++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    if (binary) {
                        UnsafeRow row = new UnsafeRow(fields);
                        row.pointTo(bytes, bytes.length);
                        sink.accept(row);
                    } else {
                        sink.accept(deserialise(bytes));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read back a visitor's rows from " + spillFile, e);
        } finally {
            close();
        }
    }

    private static byte[] serialise(InternalRow row) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(b)) {
            o.writeObject(row);
        }
        return b.toByteArray();
    }

    private static InternalRow deserialise(byte[] bytes) throws IOException {
        try (java.io.ObjectInputStream o = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (InternalRow) o.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** True while rows are in a spill file (for tests). */
    boolean spilling() {
        return spill != null;
    }

    @Override
    public void close() {
        try {
            if (spill != null) {
                spill.close();
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the spill file " + spillFile, e);
        } finally {
            spill = null;
            spillFile = null;
            spilled = 0;
        }
    }

    /** In Spark's local directories when running in Spark (spark.local.dir), else the JVM's temp directory. */
    private static Path tempFile() throws IOException {
        return io.touchpoint.spark.api.SparkApis.inTask().spillFile();
    }
}
