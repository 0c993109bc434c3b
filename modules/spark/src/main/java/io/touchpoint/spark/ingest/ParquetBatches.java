package io.touchpoint.spark.ingest;

import static org.apache.spark.sql.functions.col;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.ingest.CanonicalColumn;
import io.touchpoint.core.ingest.EventNormalizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * {@link ParquetValidation} straight from the Parquet reader's column batches: no row is built
 * between the reader and the validation (a projection into Spark's binary rows, which copied every
 * value once more, cost a tenth of a 10M run's samples).
 */
final class ParquetBatches extends ParquetValidation {
    /**
     * Where each value is in a batch.
     *
     * @param vectors for each canonical column, its vector, or -1 when the input lacks it
     * @param doubles for each canonical column, true when its vector holds doubles (read as text)
     * @param time the vector of the typed event time, or -1 when the time is read as text
     * @param rowIndex the vector of the row's 0-based index in its file
     * @param path the vector of the row's file path
     */
    record Layout(int[] vectors, boolean[] doubles, int time, int rowIndex, int path) implements Serializable {
    }

    /** A scan's column batches and where the values are in them. */
    record Scan(RDD<ColumnarBatch> rdd, Layout layout) {
    }

    /**
     * The column batches of the Parquet scan of {@code df}'s canonical columns, with the rows' files
     * and indexes; null when the scan does not yield batches (Spark's vectorised reader is off or
     * cannot read a column's type) or a column is neither text, a double nor the typed event time:
     * those inputs are read as rows.
     */
    static Scan scan(io.touchpoint.spark.api.SparkApi api, Dataset<Row> df, InputConfig input, boolean typedTime) {
        List<String> names = Arrays.asList(df.columns());
        List<Column> select = new ArrayList<>();
        List<CanonicalColumn> selected = new ArrayList<>();
        for (CanonicalColumn c : CanonicalColumn.ALL) {
            String n = input.sourceName(c);
            if (names.contains(n)) {
                DataType t = df.schema().apply(n).dataType();
                boolean time = typedTime && c == CanonicalColumn.EVENT_TIME;
                if (!time && !t.equals(DataTypes.StringType) && !t.equals(DataTypes.DoubleType)) {
                    return null;
                }
                select.add(col("`" + n + "`"));
                selected.add(c);
            }
        }
        select.add(col("_metadata.file_path"));
        select.add(col("_metadata.row_index"));
        io.touchpoint.spark.api.SparkApi.ColumnarScan scan = api.columnarScan(df.select(select.toArray(Column[]::new)));
        if (scan == null) {
            return null;
        }
        org.apache.spark.sql.types.StructField[] out = scan.columns().fields();
        int dataColumns = out.length - 2; // the scan appends the row index, then the constant file path
        int[] vectors = new int[N];
        boolean[] doubles = new boolean[N];
        Arrays.fill(vectors, -1);
        int time = -1;
        for (CanonicalColumn c : selected) {
            String n = input.sourceName(c);
            int at = -1;
            for (int i = 0; i < dataColumns && at < 0; i++) {
                at = out[i].name().equals(n) ? i : -1;
            }
            if (at < 0) {
                return null;
            }
            if (typedTime && c == CanonicalColumn.EVENT_TIME) {
                time = at;
            } else {
                vectors[c.ordinal()] = at;
                doubles[c.ordinal()] = out[at].dataType().equals(DataTypes.DoubleType);
            }
        }
        int rowIndex = dataColumns;
        int path = dataColumns + 1;
        if (!out[path].dataType().equals(DataTypes.StringType) || !out[rowIndex].dataType().equals(DataTypes.LongType)) {
            return null; // not the layout this reader knows
        }
        return new Scan(scan.batches(), new Layout(vectors, doubles, time, rowIndex, path));
    }

    private final Iterator<ColumnarBatch> in;
    private final Layout layout;
    private ColumnarBatch batch;
    private int row;

    ParquetBatches(Iterator<ColumnarBatch> in, Layout layout, EventNormalizer normalizer, FileRanks ranks,
                   CarriedColumns carried) {
        super(normalizer, ranks, carried);
        this.in = in;
        this.layout = layout;
    }

    @Override
    public boolean hasNext() {
        while (batch == null || row >= batch.numRows()) {
            if (!in.hasNext()) {
                return false;
            }
            batch = in.next();
            row = 0;
            if (batch.numRows() > 0) {
                file(batch.column(layout.path()).getUTF8String(0)); // a batch holds rows of one file
            }
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int r = row++;
        startRow();
        int[] vectors = layout.vectors();
        for (int i = 0; i < N; i++) {
            int at = vectors[i];
            if (at < 0) {
                continue;
            }
            ColumnVector v = batch.column(at);
            if (v.isNullAt(r)) {
                set(i, null);
            } else if (layout.doubles()[i]) {
                setText(i, Double.toString(v.getDouble(r)));
            } else {
                set(i, v.getUTF8String(r));
            }
        }
        ColumnVector time = layout.time() < 0 ? null : batch.column(layout.time());
        return validated(batch.column(layout.rowIndex()).getLong(r) + 1,
                time == null || time.isNullAt(r) ? null : time.getLong(r));
    }
}
