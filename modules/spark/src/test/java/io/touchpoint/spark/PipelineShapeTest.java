package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of a run: the event-sized work is one Spark job (the input is parsed once, one shuffle
 * by visitor, one by person), no table is cut from a cached stream, and every table of the
 * contract is written with its columns.
 */
class PipelineShapeTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void theInputIsParsedOnceAndTheEventsShuffledTwice() throws Exception {
        Path conf = dir.resolve("funnels.conf");
        Files.writeString(conf, FunnelSparkTest.FUNNELS);
        TouchpointConfig config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(conf.toFile()), Map.of(
                "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.output.path", dir.resolve("out").toString()));
        AtomicInteger parsing = new AtomicInteger();
        AtomicInteger stages = new AtomicInteger();
        SparkListener l = new SparkListener() {
            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted s) {
                stages.incrementAndGet();
                // Text inputs are read by Spark's binaryFiles: its RDD names the stage that parses.
                if (s.stageInfo().rddInfos().exists(r -> r.name().contains("events.csv"))) {
                    parsing.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(l);
        Pipeline.Result r;
        try {
            r = run(config);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(l);
        }
        assertThat(parsing.get()).as("stages that parse the input").isEqualTo(1);
        assertThat(r.counts().reconciles()).isTrue();
        assertThat(spark.sparkContext().getPersistentRDDs().isEmpty()).as("nothing cached").isTrue();
        for (String t : List.of("quarantine", "events", "sessions", "conversions", "attribution_credit", "attribution_summary",
                "model_comparison", "funnel_progress", "funnel_steps", "funnel_trends")) {
            assertThat(dir.resolve("out").resolve(t)).as(t).isDirectory();
            assertThat(r.manifest().tables()).containsKey(t);
        }
        assertThat(table(dir.resolve("out"), "attribution_summary").columns()).containsExactly("goal", "model", "channel",
                "campaign", "conversions", "revenue", "touchpoints", "cost", "cpa", "roas", "conversion_date");
        assertThat(dir.resolve("out/_staging")).doesNotExist();
        assertThat(dir.resolve("out/_lock")).doesNotExist();
        assertThat(dir.resolve("out/_SUCCESS")).hasContent(r.manifest().runId());
    }
}
