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
        } else if (engine.equals("touchpoint")) {
            r = TouchpointEngine.run(input, events, scratch.resolve("out"), config(scratch), t0);
        } else if (engine.equals("duckdb_tables")) {
            r = DuckDbTablesEngine.run(input, events, t0, scratch);
        } else {
            SparkSession spark = Sparks.local("local[*]", Sparks.localShufflePartitions(io.touchpoint.spark.ingest.InputReader.totalBytes(input)));
            spark.sparkContext().setLogLevel("ERROR");
            AtomicLong shuffle = new AtomicLong();
            AtomicLong spill = new AtomicLong();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.taskMetrics() != null) {
                        shuffle.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
                        spill.addAndGet(end.taskMetrics().diskBytesSpilled());
                    }
                }
            });
            long startup = (System.nanoTime() - t0) / 1_000_000;
            r = switch (engine) {
                case "sparksql" -> SparkSqlEngine.run(spark, input, events, startup);
                default -> throw new IllegalArgumentException("Unknown engine " + engine);
            };
            spark.sparkContext().listenerBus().waitUntilEmpty();
            Map<String, Long> stages = r.stages();
            r = new EngineResult(r.engine(), r.events(), r.startupMs(), stages, r.sessions(), r.conversions(),
                    r.credits(), r.funnel(), 0, shuffle.get(), spill.get());
            spark.stop();
        }
        r = new EngineResult(r.engine(), r.events(), r.startupMs(), r.stages(), r.sessions(), r.conversions(), r.credits(),
                r.funnel(), EngineResult.peakRss(), r.shuffleBytes(), r.spillBytes());
        System.out.println("RESULT " + r.toJson());
    }

    /** The benchmark's Touchpoint config file (bench.conf), copied into the scratch folder. */
    static Path config(Path scratch) throws Exception {
        Path conf = scratch.resolve("bench.conf");
        try (InputStream in = Worker.class.getResourceAsStream("bench.conf")) {
            Files.copy(in, conf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return conf;
    }

    /** The benchmark's Touchpoint config (bench.conf) for this input. */
    static TouchpointConfig config(String input, Path scratch) throws Exception {
        return ConfigLoader.load(Optional.of(config(scratch).toFile()), Map.of("touchpoint.input.path", input,
                "touchpoint.output.path", scratch.resolve("out").toString()));
    }
}
