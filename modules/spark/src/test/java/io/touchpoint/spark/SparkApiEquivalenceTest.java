package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample, run on Spark's internals and on its public API only: every table has the same
 * rows (the quarantine's run id aside), so the public path is a working twin, not a sketch.
 */
class SparkApiEquivalenceTest extends SparkTestBase {
    @TempDir
    Path dir;

    private Pipeline.Result runWith(String api, Path out) {
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.input.path", SAMPLE.getPath());
        m.put("touchpoint.output.path", out.toString());
        m.put("touchpoint.spark-api", api);
        TouchpointConfig c = ConfigLoader.load(Optional.of(Path.of("../../touchpoint.conf").toFile()), m);
        return run(c);
    }

    @Test
    void thePublicApiWritesTheSameTables() {
        Pipeline.Result internal = runWith("internal", dir.resolve("internal"));
        Pipeline.Result publicApi = runWith("public", dir.resolve("public"));
        assertThat(publicApi.counts()).isEqualTo(internal.counts());
        for (String t : List.of("quarantine", "events", "sessions", "conversions", "attribution_credit", "attribution_summary",
                "model_comparison", "funnel_progress", "funnel_steps", "funnel_trends")) {
            Dataset<Row> a = table(dir.resolve("internal"), t);
            Dataset<Row> b = table(dir.resolve("public"), t);
            if (t.equals("quarantine")) {
                a = a.drop("run_id");
                b = b.drop("run_id");
            }
            assertThat(b.schema()).as(t).isEqualTo(a.schema());
            assertThat(b.count()).as(t).isEqualTo(a.count()).isPositive();
            assertThat(a.exceptAll(b).count()).as(t + ": rows only the internal path wrote").isZero();
            assertThat(b.exceptAll(a).count()).as(t + ": rows only the public path wrote").isZero();
        }
        spark.conf().set(io.touchpoint.spark.api.SparkApis.CONF, "internal");
    }
}
