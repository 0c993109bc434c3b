package io.touchpoint.spark.ingest;

import io.touchpoint.core.ingest.CanonicalColumn;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.RawRecord;
import io.touchpoint.spark.rows.OutRows;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One task's Parquet rows validated into rows of {@link ParsedSchema}, without Spark's row encoders;
 * a subclass reads each row's canonical columns (as text) from what Spark scanned:
 * <ul>
 *   <li>the file path is compared with the previous row's as bytes and decoded once per file, not
 *       once per row;</li>
 *   <li>a value that passes through unchanged (ids, names, URLs) goes out as the very Spark string
 *       it came in as; the values the pass makes itself (statuses, sources, media) are converted by
 *       {@link OutRows}, as the other passes' are.</li>
 * </ul>
 */
abstract class ParquetValidation implements Iterator<InternalRow> {
    static final int N = CanonicalColumn.COUNT;
    /** For each output column, the input column whose value it may pass through unchanged, or -1. */
    private static final int[] PASSED = new int[ParsedSchema.SCHEMA.size()];
    private static final int INPUT_FILE = ParsedSchema.SCHEMA.fieldIndex("input_file");

    static {
        String[] names = ParsedSchema.SCHEMA.fieldNames();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            PASSED[i] = CanonicalColumn.byName(name).or(() -> CanonicalColumn.byName("utm_" + name))
                    .map(Enum::ordinal).orElse(-1);
        }
    }

    private final EventNormalizer normalizer;
    private final FileRanks ranks;
    private final CarriedColumns carried;
    private final OutRows out = new OutRows(ParsedSchema.SCHEMA, new int[0]);
    /** The current row's input values, as Java strings and as the Spark strings they came from. */
    private String[] fields;
    private final UTF8String[] utf8 = new UTF8String[N];
    private UTF8String fileUtf8;
    private String file;
    private int fileRank;

    ParquetValidation(EventNormalizer normalizer, FileRanks ranks, CarriedColumns carried) {
        this.normalizer = normalizer;
        this.ranks = ranks;
        this.carried = carried;
    }

    /** Starts a row: its canonical columns are set next. */
    protected final void startRow() {
        fields = new String[N];
    }

    /** Column {@code i} of the current row as Spark holds it (null or empty: absent). */
    protected final void set(int i, UTF8String u) {
        boolean empty = u == null || u.numBytes() == 0;
        utf8[i] = empty ? null : u;
        fields[i] = empty ? null : u.toString();
    }

    /** Column {@code i} of the current row, a value the input holds typed, as text. */
    protected final void setText(int i, String text) {
        utf8[i] = null;
        fields[i] = text == null || text.isEmpty() ? null : text;
    }

    /** The current row's file (rows come file by file). */
    protected final void file(UTF8String path) {
        if (!path.equals(fileUtf8)) {
            fileUtf8 = path.copy();
            file = fileUtf8.toString();
            fileRank = ranks.rank(file);
        }
    }

    /** The current row, validated. */
    protected final InternalRow validated(long line, Long timeMicros) {
        Object[] v = ParsedSchema.values(RawRecord.typed(file, line, fields, timeMicros), normalizer, fileRank, carried);
        for (int i = 0; i < v.length; i++) {
            int from = PASSED[i];
            if (v[i] == null) {
                continue;
            }
            if (from >= 0 && v[i] == fields[from] && utf8[from] != null) {
                // Unchanged: the input's own bytes. The next operator copies this row before the next is read.
                v[i] = utf8[from];
            } else if (i == INPUT_FILE && v[i] == file) {
                v[i] = fileUtf8;
            }
        }
        return out.row(v); // the rest: the values the pass made itself
    }
}
