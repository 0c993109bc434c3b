package io.touchpoint.spark.output;

import io.touchpoint.core.config.DateRange;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * One task's writer of one table: rows go to one file per date partition they fall in (opened
 * when the first row of that date comes), rows dated outside the run's range are left out, and
 * closing hands back the files written. Rows come in the pass's own layout; the table's columns
 * are picked from it by name.
 */
public final class TableSink {
    /** What a task needs to write a table (made on the driver, shipped with the pass). */
    public record Plan(TableSpec table, String stagedDir, SerializableConf conf, int[] from, int partitionAt,
                       long firstDay, long lastDay) implements Serializable {
        /**
         * @param rows the layout of the rows the pass hands the sink: must hold every column of the table
         * @param conf the Hadoop configuration, one instance for all of a run's plans (a closure
         *     serialises a shared instance once; it is a few hundred KB)
         */
        public static Plan of(TableSpec table, Path stagedDir, SerializableConf conf, StructType rows, DateRange range) {
            io.touchpoint.spark.rows.Layout layout = io.touchpoint.spark.rows.Layout.of(rows);
            int[] from = layout.at(table.dataSchema().fieldNames());
            int partitionAt = table.partitioned() ? layout.at(table.partitionColumn()) : -1;
            long first = range.isAll() ? Long.MIN_VALUE : range.from().toEpochDay();
            long last = range.isAll() ? Long.MAX_VALUE : range.to().toEpochDay();
            return new Plan(table, stagedDir.toString(), conf, from, partitionAt, first, last);
        }
    }

    private final Plan plan;
    private final String fileName;
    private final Map<Integer, PartWriter> byDay = new HashMap<>();
    private final Map<Integer, String> folders = new HashMap<>();
    private PartWriter single;
    /** Rows of each date not yet handed to its file, and how many in all. */
    private final Map<Integer, List<InternalRow>> held = new HashMap<>();
    private int heldRows;
    private final org.apache.spark.sql.types.DataType[] types;
    private final int[] identity;
    /** Rows held before they are written: about 20 MB of a table's rows per task. */
    static final int HELD_ROWS = 32_768;
    private final List<Path> opened = new ArrayList<>();

    /** @param fileName the name of each file this sink writes (one per partition folder) */
    TableSink(Plan plan, String fileName) {
        this.plan = plan;
        this.fileName = fileName;
        StructType schema = plan.table().dataSchema();
        this.types = new org.apache.spark.sql.types.DataType[schema.size()];
        this.identity = new int[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.fields()[i].dataType();
            identity[i] = i;
        }
    }

    /**
     * Writes the row unless its date is outside the range; true when written. A partitioned
     * table's rows are gathered by date and handed to each date's file in runs: rows come in
     * visitor or person order, every one of another date, and writing each straight to its own
     * file touched a different writer's buffers and dictionaries per row (cache misses were most
     * of the writing time). The row may change after this call; its values may not.
     */
    public boolean write(InternalRow row) {
        if (plan.partitionAt() < 0) {
            if (single == null) {
                single = open(null, plan.from());
            }
            single.write(row);
            return true;
        }
        int day = row.getInt(plan.partitionAt());
        if (day < plan.firstDay() || day > plan.lastDay()) {
            return false;
        }
        List<InternalRow> rows = held.get(day);
        if (rows == null) {
            rows = new ArrayList<>();
            held.put(day, rows);
        }
        rows.add(project(row));
        if (++heldRows >= HELD_ROWS) {
            flush();
        }
        return true;
    }

    /** The table's columns of the row, in a row of their own (the pass may null its columns after). */
    private InternalRow project(InternalRow row) {
        int[] from = plan.from();
        Object[] values = new Object[from.length];
        for (int i = 0; i < from.length; i++) {
            values[i] = row.isNullAt(from[i]) ? null : row.get(from[i], types[i]);
        }
        return new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(values);
    }

    /** Hands the rows held to their dates' files, date by date. */
    private void flush() {
        for (Map.Entry<Integer, List<InternalRow>> e : held.entrySet()) {
            List<InternalRow> rows = e.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            PartWriter w = byDay.get(e.getKey());
            if (w == null) {
                w = open(e.getKey(), identity);
                byDay.put(e.getKey(), w);
            }
            for (InternalRow r : rows) {
                w.write(r);
            }
            rows.clear();
        }
        heldRows = 0;
    }

    /** Whether a row of this epoch day would be written (rows outside the range are not). */
    public boolean inRange(int day) {
        return day >= plan.firstDay() && day <= plan.lastDay();
    }

    private PartWriter open(Integer day, int[] from) {
        String folder = day == null ? null : plan.table().partitionColumn() + "=" + LocalDate.ofEpochDay(day);
        Path dir = new Path(plan.stagedDir());
        Path file = new Path(folder == null ? dir : new Path(dir, folder), fileName);
        opened.add(file);
        if (day != null) {
            folders.put(day, folder);
        }
        return new PartWriter(file, plan.conf().get(), plan.table().dataSchema(), from);
    }

    /** Closes every file; returns them. */
    List<WrittenFile> close() {
        flush();
        List<WrittenFile> out = new ArrayList<>();
        if (single != null) {
            single.close();
            out.add(new WrittenFile(plan.table().name(), fileName, null, single.rows()));
        }
        for (Map.Entry<Integer, PartWriter> e : byDay.entrySet()) {
            e.getValue().close();
            String folder = folders.get(e.getKey());
            out.add(new WrittenFile(plan.table().name(), folder + "/" + fileName, folder, e.getValue().rows()));
        }
        byDay.clear();
        single = null;
        return out;
    }

    /** After a failure: closes what it can and removes every file it opened. */
    void abort() {
        held.clear();
        for (PartWriter w : byDay.values()) {
            closeQuietly(w);
        }
        if (single != null) {
            closeQuietly(single);
        }
        for (Path p : opened) {
            try {
                FileSystem fs = p.getFileSystem(plan.conf().get());
                fs.delete(p, false);
            } catch (IOException | RuntimeException e) {
                // staging is removed as a whole after the run; this only frees space early
            }
        }
    }

    private static void closeQuietly(PartWriter w) {
        try {
            w.close();
        } catch (RuntimeException e) {
            // the file is deleted next
        }
    }
}
