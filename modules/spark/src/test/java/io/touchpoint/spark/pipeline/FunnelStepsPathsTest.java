package io.touchpoint.spark.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * funnel_steps two ways: from the units' best steps the person pass records (a run that replaces
 * every date) and from funnel_progress read back (the documented rule for range runs). Same units,
 * same medians; means up to the order doubles are added in.
 */
class FunnelStepsPathsTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void theBestStepsOfThePassGiveWhatFunnelProgressGives() {
        TouchpointConfig c = ConfigLoader.load(Optional.of(Path.of("../../touchpoint.conf").toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", dir.resolve("out").toString()));
        Pipeline.Result r = run(c);
        FunnelSummaries reread = FunnelSummaries.of(spark, c, Map.of(), null, List.of(table(dir.resolve("out"), "funnel_progress")));
        assertThat(r.steps()).hasSameSizeAs(reread.steps()).hasSizeGreaterThan(10);
        for (int i = 0; i < r.steps().size(); i++) {
            var a = r.steps().get(i);
            var b = reread.steps().get(i);
            assertThat(a.units()).as(a.toString()).isEqualTo(b.units());
            assertThat(a.medianSeconds()).as(a.toString()).isEqualTo(b.medianSeconds());
            if (a.meanSeconds() != null) {
                assertThat(a.meanSeconds()).as(a.toString()).isCloseTo(b.meanSeconds(), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(dir.resolve("out/funnel_best_steps")).doesNotExist(); // staged only, never committed
    }
}
