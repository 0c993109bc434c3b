package io.touchpoint.spark.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.DateRange;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned table's sink holds rows and writes them to their dates' files in runs: every row
 * lands in its date's file, in the order written, with the values it had when written (passes null
 * a row's unread columns after writing it), and rows outside the range are left out.
 */
class TableSinkTest {
    @TempDir
    Path dir;

    private static final StructType ROWS = new StructType()
            .add("pad", DataTypes.StringType)
            .add("id", DataTypes.StringType)
            .add("n", DataTypes.LongType)
            .add("day", DataTypes.DateType);
    private static final TableSpec TABLE = TableSpec.of("t", ROWS, new String[] {"id", "n", "day"}, "day");

    @Test
    void rowsLandInTheirDatesFilesInOrderWithTheValuesTheyHadWhenWritten() throws Exception {
        LocalDate first = LocalDate.of(2026, 9, 1);
        TableSink.Plan plan = TableSink.Plan.of(TABLE, new org.apache.hadoop.fs.Path(dir.toString()),
                new SerializableConf(new Configuration()), ROWS, new DateRange(first, first.plusDays(2)));
        TableSink sink = new TableSink(plan, "part-0.snappy.parquet");
        int rows = 2 * TableSink.HELD_ROWS + 123; // two flushes and a rest at close
        Map<LocalDate, List<String>> expected = new TreeMap<>();
        int outside = 0;
        for (int i = 0; i < rows; i++) {
            LocalDate day = first.plusDays(i % 4); // the fourth day is after the range
            GenericInternalRow row = new GenericInternalRow(new Object[] {UTF8String.fromString("x"),
                UTF8String.fromString("id" + i), (long) i, (int) day.toEpochDay()});
            boolean written = sink.write(row);
            row.setNullAt(1); // as a pass prunes the columns nobody downstream reads
            if (written) {
                expected.computeIfAbsent(day, d -> new ArrayList<>()).add("id" + i);
            } else {
                outside++;
            }
        }
        List<WrittenFile> files = sink.close();

        assertThat(outside).isEqualTo(rows / 4); // i % 4 == 3
        assertThat(files).extracting(WrittenFile::partition)
                .containsExactlyInAnyOrder("day=2026-09-01", "day=2026-09-02", "day=2026-09-03");
        for (WrittenFile f : files) {
            LocalDate day = LocalDate.parse(f.partition().substring("day=".length()));
            List<String> ids = new ArrayList<>();
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(dir.resolve(f.path()).toString())).build()) {
                for (Group g = r.read(); g != null; g = r.read()) {
                    ids.add(g.getString("id", 0));
                    assertThat(g.getLong("n", 0)).isEqualTo(Long.parseLong(g.getString("id", 0).substring(2)));
                }
            }
            assertThat(ids).isEqualTo(expected.get(day));
            assertThat(f.rows()).isEqualTo(ids.size());
        }
    }
}
