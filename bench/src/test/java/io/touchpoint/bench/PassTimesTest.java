package io.touchpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PassTimesTest {
    @Test
    void thePassesAndTheDriverAddUpToTheTotal() {
        Map<String, Long> split = PassTimes.split(10_000, Map.of(PassTimes.INGEST, 3_000L, PassTimes.SESSIONS, 4_000L,
                PassTimes.PERSON, 2_000L));
        assertThat(split).containsExactly(Map.entry(PassTimes.INGEST, 3_000L), Map.entry(PassTimes.SESSIONS, 4_000L),
                Map.entry(PassTimes.PERSON, 2_000L), Map.entry("driver", 1_000L));
    }

    @Test
    void stageTimesNeverExceedTheTotal() {
        // Listener clocks and the driver's clock differ by milliseconds; the split stays a partition of the total.
        Map<String, Long> split = PassTimes.split(1_000, Map.of(PassTimes.INGEST, 700L, PassTimes.SESSIONS, 400L));
        assertThat(split.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
        assertThat(split.get("driver")).isZero();
        assertThat(split.get(PassTimes.PERSON)).isZero();
    }

    @Test
    void stagesAreToldApartByTheirOrder() {
        // As Spark reports them for the compute run (ids with gaps where a later job skipped a stage), out of order.
        java.util.List<PassTimes.Stage> stages = java.util.List.of(new PassTimes.Stage(9, 100),
                new PassTimes.Stage(5, 2_000), new PassTimes.Stage(0, 3_000), new PassTimes.Stage(2, 4_000));
        assertThat(PassTimes.byRole(stages)).containsOnly(Map.entry(PassTimes.INGEST, 3_000L),
                Map.entry(PassTimes.SESSIONS, 4_000L), Map.entry(PassTimes.PERSON, 2_100L));
    }
}
