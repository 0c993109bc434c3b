package io.touchpoint.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of PathSegments' Javadoc, and the rules it follows for every length. */
class PathSegmentsTest {
    @ParameterizedTest(name = "{0} touches: early {1}, middle {2}, late {3}")
    @CsvSource({"1, 0, 0, 1", "2, 1, 0, 1", "3, 1, 1, 1", "4, 1, 2, 1", "5, 1, 2, 2", "6, 2, 2, 2", "7, 2, 3, 2",
        "8, 2, 4, 2", "10, 3, 4, 3", "12, 3, 6, 3"})
    void splits(int touches, int early, int middle, int late) {
        List<Integer> path = new ArrayList<>();
        for (int i = 0; i < touches; i++) {
            path.add(i);
        }
        PathSegments<Integer> s = PathSegments.of(path);
        assertThat(s.early()).hasSize(early);
        assertThat(s.middle()).hasSize(middle);
        assertThat(s.late()).hasSize(late);
        List<Integer> joined = new ArrayList<>(s.early());
        joined.addAll(s.middle());
        joined.addAll(s.late());
        assertThat(joined).isEqualTo(path);
    }

    @Test
    void everyLengthFollowsTheRules() {
        for (int n = 1; n <= 400; n++) {
            assertThat(PathSegments.late(n)).as("late of " + n).isEqualTo((int) Math.ceil(n / 4.0));
            int nearest = (int) Math.floor(n / 4.0 + 0.5);
            assertThat(PathSegments.early(n)).as("early of " + n).isEqualTo(n == 1 ? 0 : nearest);
            assertThat(n - PathSegments.early(n) - PathSegments.late(n) == 0).as("no middle of " + n).isEqualTo(n < 3);
        }
    }
}
