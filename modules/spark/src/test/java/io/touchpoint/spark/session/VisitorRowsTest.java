package io.touchpoint.spark.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** A visitor's rows come back in order, from memory or, past the limit, from a local file. */
class VisitorRowsTest {
    private static Row row(int i) {
        return RowFactory.create("e" + i, Instant.ofEpochSecond(i), "visitor", i % 3 == 0 ? null : "user" + i, 1.5 * i);
    }

    @Test
    void rowsPastTheLimitGoToAFileAndComeBackInOrderAndTheFileIsRemoved() {
        try (VisitorRows rows = new VisitorRows(3)) {
            for (int visitor = 0; visitor < 2; visitor++) { // reused from one visitor to the next
                List<Row> added = new ArrayList<>();
                for (int i = 0; i < 2_500; i++) { // past a stream reset (every 1,000 rows)
                    added.add(row(i));
                    rows.add(added.get(i));
                }
                assertThat(rows.spilling()).isTrue();
                List<Row> back = new ArrayList<>();
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
        List<Row> back = new ArrayList<>();
        rows.drain(back::add);
        assertThat(back).containsExactly(row(1), row(2), row(3));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new VisitorRows(0)).hasMessageContaining("at least 1, got 0");
    }
}
