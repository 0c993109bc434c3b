package io.touchpoint.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Did you mean" hints: Levenshtein distance, ties broken alphabetically. */
class KeySuggesterTest {

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({"'', '', 0", "abc, '', 3", "'', abc, 3", "kitten, sitting, 3", "timeout, timout, 1",
        "flaw, lawn, 2", "same, same, 0"})
    void levenshteinDistance(String a, String b, int distance) {
        assertThat(KeySuggester.distance(a, b)).isEqualTo(distance);
        assertThat(KeySuggester.distance(b, a)).isEqualTo(distance);
    }

    @Test
    void closestKeyAndAlphabeticalTieBreak() {
        List<String> known = List.of("touchpoint.sessions.timeout", "touchpoint.input.path", "touchpoint.output.path");
        assertThat(KeySuggester.closest("touchpoint.sessions.timout", known)).isEqualTo("touchpoint.sessions.timeout");
        assertThat(KeySuggester.closest("b", List.of("c", "a"))).isEqualTo("a");
        assertThat(KeySuggester.closest("x", List.of())).isEmpty();
    }
}
