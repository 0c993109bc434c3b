package io.touchpoint.bench;

import io.touchpoint.spark.Sparks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/touchpoint bench}: Touchpoint against a DuckDB and a plain Spark SQL baseline on the
 * same seeded Parquet files, in one invocation. Every run is a fresh JVM; the engines must agree
 * on what they share before any time is reported.
 */
@Command(name = "touchpoint bench", mixinStandardHelpOptions = true,
        description = "Benchmarks Touchpoint against DuckDB and plain Spark SQL (docs/benchmarks.md).")
public final class Bench implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "1m,10m", description = "Event counts (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--reps", defaultValue = "3", description = "Repetitions per engine and size; medians are reported.")
    int reps;

    @Option(names = "--engines", split = ",", defaultValue = "touchpoint,duckdb_tables,duckdb,sparksql",
            description = "Engines to run (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--data", defaultValue = "target/bench-data", description = "Where the generated Parquet goes.")
    Path data;

    @Option(names = "--heap", defaultValue = "4g", description = "Heap of each measured JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed.")
    long seed;

    @Option(names = "--results", defaultValue = "target/bench-results", description = "Where results are written.")
    Path results;

    @Option(names = "--class-archive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Map a class-data-sharing archive in every measured JVM, as bin/touchpoint run does "
                    + "(made once by an unmeasured run; default: ${DEFAULT-VALUE}).")
    boolean classArchive;

    /** JVM options every measured run gets besides the heap and the collector. */
    private final List<String> jvmExtras = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(results);
        Map<Long, String> inputs = new LinkedHashMap<>();
        SparkSession spark = Sparks.local("local[*]", 8);
        spark.sparkContext().setLogLevel("ERROR");
        for (String s : sizes) {
            long events = BenchData.parseSize(s);
            long t = System.nanoTime();
            inputs.put(events, BenchData.ensure(spark, data.toString(), events, seed));
            long rows = spark.read().parquet(inputs.get(events)).count();
            System.out.printf("data %s: %,d events in %s (%.0f s)%n", s, rows, inputs.get(events), (System.nanoTime() - t) / 1e9);
        }
        String training = classArchive ? BenchData.ensure(spark, data.toString(), TRAINING_EVENTS, seed) : null;
        spark.stop();
        if (classArchive) {
            jvmExtras.add("-XX:SharedArchiveFile=" + ClassArchive.ensure(results.resolve("classes.jsa"),
                    dump -> fork("touchpoint", training, TRAINING_EVENTS, List.of("-XX:ArchiveClassesAtExit=" + dump))));
        }

        List<EngineResult> all = new ArrayList<>();
        for (var in : inputs.entrySet()) {
            Map<String, List<EngineResult>> bySize = new LinkedHashMap<>();
            for (String engine : engines) {
                for (int rep = 1; rep <= reps; rep++) {
                    EngineResult r = fork(engine, in.getValue(), in.getKey());
                    System.out.printf("  %-17s %5s rep %d: %,8d ms (start-up %,d ms) %s%n", engine, BenchData.label(in.getKey()),
                            rep, r.totalMs(), r.startupMs(), r.stages());
                    bySize.computeIfAbsent(engine, e -> new ArrayList<>()).add(r);
                    all.add(r);
                }
            }
            List<String> disagreements = Agreement.check(bySize);
            if (!disagreements.isEmpty()) {
                System.out.println("The engines disagree; no times are reported for " + BenchData.label(in.getKey()) + ":");
                disagreements.forEach(d -> System.out.println("  " + d));
                return 1;
            }
        }
        String report = BenchReport.markdown(all, engines);
        Files.writeString(results.resolve("results.md"), report);
        Files.write(results.resolve("results.jsonl"), all.stream().map(EngineResult::toJson).toList());
        System.out.println();
        System.out.println(report);
        return 0;
    }

    /** The input of the unmeasured run that records the class archive. */
    private static final long TRAINING_EVENTS = 200_000;

    /** Runs one engine in a fresh JVM with the given heap; its last line is the result. */
    private EngineResult fork(String engine, String input, long events) throws Exception {
        return fork(engine, input, events, jvmExtras);
    }

    private EngineResult fork(String engine, String input, long events, List<String> extras) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseParallelGC"); // as bin/touchpoint runs Touchpoint; the same for every engine
        cmd.addAll(extras);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-Dio.netty")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-XX:+IgnoreUnrecognized"))
                .forEach(cmd::add);
        Path scratch = Files.createTempDirectory(results, "scratch");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Worker.class.getName(), engine, input,
                Long.toString(events), scratch.toString()));
        try {
            return run(engine, input, cmd);
        } finally {
            deleteTree(scratch); // the engines' tables: hundreds of MB per 10M run, read by nobody
        }
    }

    private static EngineResult run(String engine, String input, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0 || result == null) {
            throw new IllegalStateException(engine + " failed on " + input + ":\n" + log);
        }
        return EngineResult.fromJson(result);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
