package io.touchpoint.spark.ingest;

import io.touchpoint.core.ingest.EventNormalizer;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * {@link ParquetValidation} of Spark's rows: the canonical columns as text, then the file path, the
 * row number and the typed event time (the row layout {@link ParquetInput} selects).
 */
final class ParquetRows extends ParquetValidation {
    private final Iterator<InternalRow> in;

    ParquetRows(Iterator<InternalRow> in, EventNormalizer normalizer, FileRanks ranks, CarriedColumns carried) {
        super(normalizer, ranks, carried);
        this.in = in;
    }

    @Override
    public boolean hasNext() {
        return in.hasNext();
    }

    @Override
    public InternalRow next() {
        InternalRow r = in.next();
        startRow();
        for (int i = 0; i < N; i++) {
            set(i, r.isNullAt(i) ? null : r.getUTF8String(i));
        }
        file(r.getUTF8String(N));
        return validated(r.getLong(N + 1), r.isNullAt(N + 2) ? null : r.getLong(N + 2));
    }
}
