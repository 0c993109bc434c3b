package io.touchpoint.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which long text columns a run carries past ingest (no Spark). */
class CarriedColumnsTest {
    @Test
    void droppedColumnsAreTheOnesNotCarried() {
        CarriedColumns carried = CarriedColumns.dropping(Set.of("user_agent"));
        assertThat(carried).isEqualTo(new CarriedColumns(true, true, false));
        assertThat(carried.dropped()).containsExactly("user_agent");
        assertThat(CarriedColumns.dropping(Set.copyOf(CarriedColumns.PRUNABLE))).isEqualTo(new CarriedColumns(false, false, false));
        assertThat(CarriedColumns.ALL.dropped()).isEmpty();
    }

    @Test
    void onlyTheLongTextColumnsCanBeDropped() {
        assertThatThrownBy(() -> CarriedColumns.dropping(Set.of("visitor_id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visitor_id");
    }
}
