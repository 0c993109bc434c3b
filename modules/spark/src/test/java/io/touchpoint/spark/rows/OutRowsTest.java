package io.touchpoint.spark.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Output rows in Spark's own form: every type converted, unread columns null, repeated strings encoded once. */
class OutRowsTest {
    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("person_id", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("day", DataTypes.DateType)
            .add("times", DataTypes.createArrayType(DataTypes.TimestampType, false))
            .add("n", DataTypes.LongType)
            .add("url", DataTypes.StringType);

    @Test
    void javaAndSparkValuesBecomeTheSameRow() {
        OutRows out = new OutRows(SCHEMA, new int[] {6});
        Instant at = Instant.parse("2026-03-01T10:00:00.000123Z");
        long micros = 1_772_359_200_000_123L;
        InternalRow java = out.row(new Object[] {"E", "p1", at, LocalDate.of(2026, 3, 1),
            new Instant[] {at, at.plusSeconds(1)}, 5L, "https://x/"});
        InternalRow spark = out.row(new Object[] {UTF8String.fromString("E"), "p1", micros, 20_513,
            new long[] {micros, micros + 1_000_000}, 5L, null});

        for (InternalRow r : new InternalRow[] {java, spark}) {
            assertThat(r.getUTF8String(0).toString()).isEqualTo("E");
            assertThat(r.getUTF8String(1).toString()).isEqualTo("p1");
            assertThat(r.getLong(2)).isEqualTo(micros);
            assertThat(r.getInt(3)).isEqualTo((int) LocalDate.of(2026, 3, 1).toEpochDay()).isEqualTo(20_513);
            assertThat(r.getArray(4).toLongArray()).containsExactly(micros, micros + 1_000_000);
            assertThat(r.getLong(5)).isEqualTo(5L);
            assertThat(r.isNullAt(6)).as("unread").isTrue();
        }
    }

    @Test
    void aStringThatRepeatsTheLastRowsIsEncodedOnce() {
        OutRows out = new OutRows(SCHEMA, new int[0]);
        String person = "person-1";
        UTF8String first = out.row(new Object[] {"E", person, null, null, null, null, null}).getUTF8String(1);
        assertThat(out.row(new Object[] {"S", person, null, null, null, null, null}).getUTF8String(1)).isSameAs(first);
        // An equal string that is another object is encoded again (ids are compared by identity, not content).
        UTF8String other = out.row(new Object[] {"E", new String(person), null, null, null, null, null}).getUTF8String(1);
        assertThat(other).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void fewValuedColumnsRememberEveryValue() {
        OutRows out = new OutRows(SCHEMA, new int[0]);
        UTF8String e = out.row(new Object[] {"E", null, null, null, null, null, null}).getUTF8String(0);
        out.row(new Object[] {"S", null, null, null, null, null, null});
        assertThat(out.row(new Object[] {new String("E"), null, null, null, null, null, null}).getUTF8String(0)).isSameAs(e);
    }
}
