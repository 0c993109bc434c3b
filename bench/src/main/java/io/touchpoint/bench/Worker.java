package io.touchpoint.bench;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.Sparks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * One measured run of one engine, in a JVM of its own (so memory and start-up are its own):
 * {@code Worker ENGINE PARQUET EVENTS SCRATCH} prints one JSON line, prefixed {@code RESULT }.
 */
public final class Worker {
    private Worker() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String engine = args[0];
        String input = args[1];
        long events = Long.parseLong(args[2]);
        Path scratch = Path.of(args[3]);
        EngineResult r;
        if (engine.equals("duckdb")) {
            r = DuckDbEngine.run(input, events, t0, scratch);
        } else {
            // Touchpoint warms its user-agent analyser while Spark starts, as bin/touchpoint run does;
            // start-up ends when both are ready.
            java.util.concurrent.CompletableFuture<Void> analyser = engine.startsWith("touchpoint")
                    ? io.touchpoint.core.ingest.BotDetector.warmUp() : java.util.concurrent.CompletableFuture.completedFuture(null);
            SparkSession spark = Sparks.local("local[*]", Sparks.localShufflePartitions(io.touchpoint.spark.ingest.InputReader.totalBytes(input)));
            spark.sparkContext().setLogLevel("ERROR");
            AtomicLong shuffle = new AtomicLong();
            AtomicLong spill = new AtomicLong();
            java.util.List<PassTimes.Stage> sparkStages = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted done) {
                    org.apache.spark.scheduler.StageInfo s = done.stageInfo();
                    if (s.submissionTime().isDefined() && s.completionTime().isDefined()) {
                        long wall = (Long) s.completionTime().get() - (Long) s.submissionTime().get();
                        sparkStages.add(new PassTimes.Stage(s.stageId(), wall));
                    }
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.taskMetrics() != null) {
                        shuffle.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
                        spill.addAndGet(end.taskMetrics().diskBytesSpilled());
                    }
                }
            });
            analyser.join();
            long startup = (System.nanoTime() - t0) / 1_000_000;
            r = switch (engine) {
                case "touchpoint" -> TouchpointEngine.compute(spark, config(input, scratch), events, startup);
                case "touchpoint_write" -> TouchpointEngine.write(spark, config(input, scratch), events, startup);
                case "sparksql" -> SparkSqlEngine.run(spark, input, events, startup);
                default -> throw new IllegalArgumentException("Unknown engine " + engine);
            };
            spark.sparkContext().listenerBus().waitUntilEmpty();
            Map<String, Long> stages = engine.equals("touchpoint") ? PassTimes.split(r.totalMs(), PassTimes.byRole(sparkStages)) : r.stages();
            r = new EngineResult(r.engine(), r.events(), r.startupMs(), stages, r.sessions(), r.conversions(),
                    r.credits(), r.funnel(), 0, shuffle.get(), spill.get());
            spark.stop();
        }
        r = new EngineResult(r.engine(), r.events(), r.startupMs(), r.stages(), r.sessions(), r.conversions(), r.credits(),
                r.funnel(), EngineResult.peakRss(), r.shuffleBytes(), r.spillBytes());
        System.out.println("RESULT " + r.toJson());
    }

    /** The benchmark's Touchpoint config (bench.conf) for this input. */
    static TouchpointConfig config(String input, Path scratch) throws Exception {
        Path conf = Files.createTempFile("bench", ".conf");
        try (InputStream in = Worker.class.getResourceAsStream("bench.conf")) {
            Files.copy(in, conf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return ConfigLoader.load(Optional.of(conf.toFile()), Map.of("touchpoint.input.path", input,
                "touchpoint.output.path", scratch.resolve("out").toString()));
    }
}
