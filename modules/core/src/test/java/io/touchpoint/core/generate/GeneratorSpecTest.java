package io.touchpoint.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorSpecTest {
    private static final LocalDate START = LocalDate.of(2026, 9, 1);

    @Test
    void sampleIsTheBundledOne() {
        assertThat(GeneratorSpec.sample()).isEqualTo(new GeneratorSpec(42, 3000, START, 28, 0.03, 12));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> new GeneratorSpec(1, 0, START, 28, 0.03, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visitors");
        assertThatThrownBy(() -> new GeneratorSpec(1, 10, START, 0, 0.03, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> new GeneratorSpec(1, 10, START, 28, 1.0, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("botShare");
        assertThatThrownBy(() -> new GeneratorSpec(1, 10, START, 28, Double.NaN, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("botShare");
        assertThatThrownBy(() -> new GeneratorSpec(1, 10, START, 28, 0.03, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformedRows");
    }

    @Test
    void rejectsMissingStartDate() {
        assertThatThrownBy(() -> new GeneratorSpec(1, 10, null, 28, 0.03, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startDate");
    }

    @Test
    void acceptsEdgeValues() {
        assertThat(new GeneratorSpec(1, 1, START, 1, 0.0, 0).visitors()).isEqualTo(1);
    }
}
