package io.touchpoint.core.traffic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.error.TouchpointException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalHostsConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "https://example.com", "example.com/path", "*example.com", "a.*.com", "host:80"})
    void badInternalHostNamesKeyAndValue(String entry) {
        assertThatThrownBy(() -> new SourceResolver(Arrays.asList("ok.com", entry)))
                .isInstanceOf(TouchpointException.class)
                .hasMessageContaining("touchpoint.sessions.internal-hosts = " + entry)
                .extracting(e -> ((TouchpointException) e).kind()).isEqualTo(TouchpointException.Kind.CONFIG);
    }
}
