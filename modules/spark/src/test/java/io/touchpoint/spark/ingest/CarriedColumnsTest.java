package io.touchpoint.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which long columns a summary run leaves behind, from its goals and funnels (no Spark). */
class CarriedColumnsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} → drops {1}")
    @CsvSource(delimiter = '|', value = {
        // what the config's goals and funnels read | the columns left null
        "conversions { goals = [ { name = purchase, event-name = purchase } ] } | page_url referrer_url user_agent",
        "conversions { goals = [ { name = thanks, page-url { equals = \"https://shop.example.com/thanks\" } } ] } | referrer_url user_agent",
        "conversions { goals = [ { name = thanks, page-url { regex = \"/thanks$\" } } ] } | referrer_url user_agent",
        "funnels = [ { name = f, steps = [page_view, purchase] } ]                                | page_url referrer_url user_agent",
        "funnels = [ { name = f, steps = [page_view, { name = c, page-url { contains = x } }] } ] | referrer_url user_agent",
        "funnels = [ { name = f, steps = [page_view, purchase], breakdown = device } ]            | page_url referrer_url",
        "funnels = [ { name = f, steps = [page_view, purchase], breakdown = referrer_url } ]      | page_url user_agent",
        "funnels = [ { name = f, steps = [page_view, purchase], breakdown = channel } ]           | page_url referrer_url user_agent",
        "funnels = [ { name = f, steps = [page_view, { name = p, expression = \"revenue > 0\" }] } ] | ''",
        "funnels = [ { name = f, steps = [page_view, purchase], exclusions = [ { page-url { regex = x }, from-step = 1, to-step = 2 } ] } ] | referrer_url user_agent",
    })
    void summariesCarryWhatGoalsAndFunnelsRead(String setting, String dropped) throws Exception {
        CarriedColumns carried = CarriedColumns.forSummaries(config(setting));
        assertThat(carried.dropped()).containsExactlyInAnyOrderElementsOf(
                dropped.isBlank() ? Set.of() : Set.of(dropped.trim().split(" ")));
    }

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

    private TouchpointConfig config(String setting) throws Exception {
        Path conf = dir.resolve("t.conf");
        Files.writeString(conf, "touchpoint { " + setting + " }\n");
        return ConfigLoader.load(Optional.of(conf.toFile()), Map.of("touchpoint.input.path", "in",
                "touchpoint.output.path", "out"));
    }
}
