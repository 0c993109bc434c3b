package io.touchpoint.spark.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** A visitor's rows come back in order, from memory or, past the limit, from a local file. */
class VisitorRowsTest {
    private static final org.apache.spark.sql.types.StructType SCHEMA = new org.apache.spark.sql.types.StructType()
            .add("id", "string").add("t", "long").add("visitor", "string").add("user", "string").add("x", "double");

    /** Spark's binary row, as the sort hands them to the visitor pass (copied, as the pass keeps them). */
    private static InternalRow row(int i) {
        return org.apache.spark.sql.catalyst.expressions.UnsafeProjection.create(SCHEMA).apply(new GenericInternalRow(
                new Object[] {UTF8String.fromString("e" + i), i * 1_000_000L, UTF8String.fromString("visitor"),
                    i % 3 == 0 ? null : UTF8String.fromString("user" + i), 1.5 * i})).copy();
    }

    @Test
    void rowsPastTheLimitGoToAFileAndComeBackInOrderAndTheFileIsRemoved() {
        try (VisitorRows rows = new VisitorRows(3)) {
            for (int visitor = 0; visitor < 2; visitor++) { // reused from one visitor to the next
                List<InternalRow> added = new ArrayList<>();
                for (int i = 0; i < 2_500; i++) {
                    added.add(row(i));
                    rows.add(added.get(i));
                }
                assertThat(rows.spilling()).isTrue();
                List<InternalRow> back = new ArrayList<>();
                rows.drain(back::add);
                assertThat(back).isEqualTo(added);
                assertThat(rows.spilling()).isFalse();
                assertThat(rows.isEmpty()).isTrue();
            }
        }
    }

    @Test
    void rowsWithinTheLimitStayInMemory() {
        VisitorRows rows = new VisitorRows(3);
        rows.add(row(1));
        rows.add(row(2));
        rows.add(row(3));
        assertThat(rows.spilling()).isFalse();
        List<InternalRow> back = new ArrayList<>();
        rows.drain(back::add);
        assertThat(back).containsExactly(row(1), row(2), row(3));
    }

    @Test
    void rowsThatAreNotBinaryAreSpilledToo() {
        try (VisitorRows rows = new VisitorRows(1)) {
            List<InternalRow> added = List.of(new GenericInternalRow(new Object[] {UTF8String.fromString("a"), 1L}),
                    new GenericInternalRow(new Object[] {null, 2L}), new GenericInternalRow(new Object[] {UTF8String.fromString("c"), 3L}));
            added.forEach(rows::add);
            assertThat(rows.spilling()).isTrue();
            List<InternalRow> back = new ArrayList<>();
            rows.drain(back::add);
            assertThat(back).isEqualTo(added);
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new VisitorRows(0)).hasMessageContaining("at least 1, got 0");
    }
}
