package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.traffic.TrafficSource;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The example configs shipped in jobs/examples stay valid. */
class ExampleConfigsTest {
    @ParameterizedTest
    @ValueSource(strings = {"csv-daily.conf", "access-log.conf", "custom-channels.conf"})
    void loads(String name) {
        TouchpointConfig c = ConfigLoader.load(Optional.of(new File("examples", name)), Map.of());
        assertThat(c.effective()).contains("touchpoint");
    }

    @Test
    void customChannelsComeBeforeTheDefaults() {
        TouchpointConfig c = ConfigLoader.load(Optional.of(new File("examples/custom-channels.conf")), Map.of());
        assertThat(c.channelRules().channelOf(new TrafficSource("partner", "affiliate", "q3", null, null)))
                .isEqualTo("Partners");
        assertThat(c.channelRules().channelOf(new TrafficSource("google", "cpc", "brand_search", null, null)))
                .isEqualTo("Brand Search");
        assertThat(c.channelRules().channelOf(new TrafficSource("google", "cpc", "generic", null, null)))
                .isEqualTo("Paid Search");
    }
}
