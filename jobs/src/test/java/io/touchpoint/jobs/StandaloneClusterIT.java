package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real Spark standalone cluster: Spark's own {@code Master} and two
 * {@code Worker}s as separate JVMs on loopback, each worker with one core, so the run's tasks go to
 * two executor JVMs the workers launch. Closures, broadcasts and rows crossing JVMs (serialisation
 * that local mode never exercises) and paths resolved on the wrong side show up here. The tables
 * must equal those of the same command run embedded ({@code local[2]}).
 *
 * <p>{@code SPARK_HOME} is assembled the way a distribution lays it out: {@code jars/} holds
 * (symlinks to) Spark's runtime, exactly the class path {@code jobs/spark-runtime} resolves for
 * {@code bin/touchpoint}, so nothing of Touchpoint's or its libraries is on the cluster's class path
 * and the executors load them from the job jar alone. A worker builds the executor's command from
 * {@code SPARK_HOME} through Spark's launcher: it needs {@code jars/} and {@code SPARK_SCALA_VERSION}
 * (which a distribution's {@code bin/load-spark-env.sh} exports); no {@code RELEASE} file. The
 * executors' Java 17 module options come from the driver's {@code SparkContext}, which adds them to
 * {@code spark.executor.extraJavaOptions}.
 */
class StandaloneClusterIT {
    private static final String[] TABLES = {"quarantine", "events", "sessions", "conversions", "attribution_credit",
        "attribution_summary", "model_comparison", "funnel_progress", "funnel_steps", "funnel_trends"};
    /** Columns that differ between any two runs by design. */
    private static final Map<String, Set<String>> PER_RUN_COLUMNS = Map.of("quarantine", Set.of("run_id"));
    private static final double TOLERANCE = 1e-9;
    private static final Duration CLUSTER_START = Duration.ofSeconds(90);
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * For every JVM of the test (daemons, drivers, executors): the client compiler only and the serial
     * collector. Six JVMs share two cores here; C2 compiling Spark for runs of a few seconds per stage
     * doubled the CPU time of a run (sample data, local[2]: 69 s of CPU against 33 s). No effect on
     * what is computed or serialised.
     */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();
    private final Map<String, Path> logs = new TreeMap<>();
    private Path sparkHome;

    @Test
    void theJobJarOnAStandaloneClusterWritesTheSameTablesAsTheEmbeddedRun() throws Exception {
        Instant started = Instant.now();
        try {
            sparkHome = sparkHome();
            Path local = dir.resolve("local");
            Path cluster = dir.resolve("cluster");
            // The embedded run first, alongside the cluster's start-up: they overlap on the two cores.
            Process embedded = submit("local", "local[2]", local);

            Process master = start("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
            String masterUrl = awaitLog("master", master, Pattern.compile("Starting Spark master at (spark://\\S+)"));
            String masterUi = "http://127.0.0.1:"
                    + awaitLog("master", master, Pattern.compile("Successfully started service 'MasterUI' on port (\\d+)"));
            List<Path> workDirs = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                workDirs.add(work);
                start("worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString());
            }
            awaitMaster(masterUi, s -> s.path("aliveworkers").asInt() == 2, CLUSTER_START, "two alive workers");
            System.out.printf("StandaloneClusterIT: %s with 2 workers up after %d s%n", masterUrl,
                    Duration.between(started, Instant.now()).toSeconds());

            Process onCluster = submit("cluster", masterUrl, cluster);
            awaitSuccess("cluster", onCluster);
            System.out.printf("StandaloneClusterIT: cluster run done after %d s%n",
                    Duration.between(started, Instant.now()).toSeconds());
            awaitSuccess("local", embedded);
            System.out.printf("StandaloneClusterIT: embedded run done after %d s%n",
                    Duration.between(started, Instant.now()).toSeconds());

            assertRanOnTheWorkers(masterUi, workDirs);
            assertSameTables(cluster, local, Files.createDirectories(dir.resolve("spark-local-compare")));
            System.out.printf("StandaloneClusterIT: tables compared after %d s%n",
                    Duration.between(started, Instant.now()).toSeconds());
        } catch (Throwable t) {
            printLogs();
            throw t;
        } finally {
            stopAll();
        }
    }

    // ---- SPARK_HOME and processes ----------------------------------------------------------------

    /** {@code SPARK_HOME/jars}: symlinks to Spark's runtime jars, as {@code jobs/spark-runtime} resolves them. */
    private Path sparkHome() throws IOException {
        Path list = Path.of("spark-runtime", "target", "spark-classpath.txt");
        assertThat(list).as("Spark's runtime class path, written by jobs/spark-runtime in `package` "
                + "(build with -am, or the whole reactor)").exists();
        List<String> jars = Arrays.stream(Files.readString(list).trim().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).toList();
        // Stale after a Spark upgrade if spark-runtime was not rebuilt: the same jars as the test's Spark.
        Set<String> testClassPath = new java.util.HashSet<>(
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        List<String> sparkJars = jars.stream().filter(j -> Path.of(j).getFileName().toString().startsWith("spark-"))
                .toList();
        assertThat(sparkJars).as("Spark's jars in %s", list).isNotEmpty();
        assertThat(testClassPath).as("the test's class path has the jars of %s", list).containsAll(sparkJars);

        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jarsDir = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String jar : jars) {
            Path target = Path.of(jar);
            assertThat(target).exists();
            Files.createSymbolicLink(jarsDir.resolve(target.getFileName()), target);
        }
        return home;
    }

    /** The JVM options Spark needs on Java 17, as this test JVM got them from the pom. */
    private static List<String> moduleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .toList();
    }

    private List<String> java(String heap, String... systemProperties) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        cmd.addAll(SHORT_LIVED_JVM);
        cmd.addAll(moduleOptions());
        cmd.addAll(List.of(systemProperties));
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*"));
        return cmd;
    }

    private Process launch(String name, List<String> cmd) throws IOException {
        Path log = dir.resolve(name + ".log");
        logs.put(name, log);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Only this SPARK_HOME: nothing from a Spark or Hadoop installation on the machine.
        Stream.of("SPARK_CONF_DIR", "SPARK_CLASSPATH", "SPARK_DIST_CLASSPATH", "HADOOP_CONF_DIR", "YARN_CONF_DIR",
                "SPARK_PREPEND_CLASSES", "SPARK_TESTING", "SPARK_SQL_TESTING", "SPARK_WORKER_OPTS", "SPARK_MASTER_OPTS",
                "SPARK_LOCAL_DIRS", "SPARK_PUBLIC_DNS").forEach(env::remove);
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        // No REST submission server: it would take the fixed port 6066. Scratch space (a worker's is
        // its executors' block manager and shuffle files) inside the test's folder.
        List<String> cmd = java("256m", "-Dspark.master.rest.enabled=false",
                "-Dspark.local.dir=" + Files.createDirectories(dir.resolve("spark-local-" + name)));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p = launch(name, cmd);
        daemons.add(p);
        return p;
    }

    /** The job jar through SparkSubmit, in the module's directory (the config and sample are at the root). */
    private Process submit(String name, String master, Path out) throws IOException {
        List<String> cmd = java("1g");
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--class", "io.touchpoint.jobs.Main",
                "--master", master, "--deploy-mode", "client",
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", SHORT_LIVED_JVM),
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                // Four shuffle partitions on both sides: two tasks per executor core (200 by default,
                // 2.5 min of scheduling for 13k events) and the same partitioning in both runs.
                "--conf", "spark.sql.shuffle.partitions=4",
                "--conf", "spark.sql.warehouse.dir=" + dir.resolve("warehouse-" + name),
                "--conf", "spark.local.dir=" + Files.createDirectories(dir.resolve("spark-local-" + name)),
                Path.of("target", "touchpoint-jobs.jar").toAbsolutePath().toString(),
                "run", "--config", "../touchpoint.conf", "--input", "../sample-data/events.csv",
                "--output", out.toString()));
        return launch(name, cmd);
    }

    private String awaitLog(String name, Process p, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + CLUSTER_START.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(logs.get(name)));
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                fail("%s exited (%d) before logging /%s/", name, p.exitValue(), pattern);
            }
            Thread.sleep(200);
        }
        return fail("%s did not log /%s/ within %s", name, pattern, CLUSTER_START);
    }

    private JsonNode awaitMaster(String masterUi, java.util.function.Predicate<JsonNode> condition, Duration timeout,
            String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (Process p : daemons) {
                if (!p.isAlive()) {
                    fail("a master or worker exited (%d) while waiting for %s", p.exitValue(), what);
                }
            }
            try {
                last = json(masterUi + "/json/");
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // The UI is not serving yet.
            }
            Thread.sleep(250);
        }
        return fail("the master did not report %s within %s; last state: %s", what, timeout, last);
    }

    private static JsonNode json(String url) throws IOException {
        var connection = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        try (var in = connection.getInputStream()) {
            return JSON.readTree(in);
        } finally {
            connection.disconnect();
        }
    }

    private void awaitSuccess(String name, Process p) throws Exception {
        if (!p.waitFor(RUN.toMinutes(), TimeUnit.MINUTES)) {
            fail("%s run still going after %s", name, RUN);
        }
        String log = Files.readString(logs.get(name));
        assertThat(p.exitValue()).as("exit code of the %s run", name).isZero();
        assertThat(log).as("%s run's log", name).contains("Rows read", "Model comparison", "Report: ");
    }

    private void stopAll() {
        // In reverse order of start (the cluster's driver, workers, master, the embedded driver),
        // each with its descendants (a worker's executors).
        List<Process> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        for (Process p : reversed) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : reversed) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private void printLogs() {
        List<Path> all = new ArrayList<>(logs.values());
        try (Stream<Path> executors = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            executors.filter(f -> f.getFileName().toString().equals("stderr")).sorted().forEach(all::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.out.println("StandaloneClusterIT: cannot list executor logs: " + e);
        }
        for (Path log : all) {
            try {
                List<String> lines = Files.readAllLines(log);
                System.out.printf("%n===== %s (last %d of %d lines) =====%n", dir.relativize(log),
                        Math.min(200, lines.size()), lines.size());
                lines.subList(Math.max(0, lines.size() - 200), lines.size()).forEach(System.out::println);
            } catch (IOException | RuntimeException e) {
                System.out.println("StandaloneClusterIT: cannot read " + log + ": " + e);
            }
        }
    }

    // ---- what the cluster did ----------------------------------------------------------------------

    /**
     * The master finished one application, both workers ran an executor of it, and both executors
     * ran tasks: the job ran on the cluster, not in the driver.
     */
    private void assertRanOnTheWorkers(String masterUi, List<Path> workDirs) throws Exception {
        JsonNode state = awaitMaster(masterUi, s -> s.path("completedapps").size() == 1
                && s.path("activeapps").isEmpty(), Duration.ofSeconds(30), "one completed application");
        JsonNode app = state.path("completedapps").get(0);
        assertThat(app.path("name").asText()).isEqualTo("touchpoint");
        assertThat(app.path("state").asText()).isEqualTo("FINISHED");
        String appId = app.path("id").asText();
        for (JsonNode worker : state.path("workers")) {
            JsonNode finished = json(worker.path("webuiaddress").asText() + "/json/").path("finishedexecutors");
            assertThat(finished.findValuesAsText("appid")).as("executors of worker %s", worker.path("id").asText())
                    .contains(appId);
        }
        for (Path work : workDirs) {
            Path appDir = work.resolve(appId);
            assertThat(appDir).as("the application's folder in the worker's work dir").isDirectory();
            try (Stream<Path> executors = Files.list(appDir)) {
                List<Path> stderr = executors.map(e -> e.resolve("stderr")).filter(Files::exists).toList();
                assertThat(stderr).as("executor logs in %s", appDir).isNotEmpty();
                long tasks = 0;
                for (Path log : stderr) {
                    String text = Files.readString(log);
                    tasks += Pattern.compile("Executor: Finished task").matcher(text).results().count();
                    assertThat(text).as("executor log %s", log)
                            .doesNotContain("NotSerializableException", "ClassNotFoundException", "NoClassDefFoundError");
                }
                assertThat(tasks).as("tasks the executors of %s finished", work.getFileName()).isPositive();
                System.out.printf("StandaloneClusterIT: %s's executor finished %d tasks%n", work.getFileName(), tasks);
            }
        }
    }

    // ---- the tables ----------------------------------------------------------------------------

    private static Set<String> tables(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_") && !n.startsWith("."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertSameTables(Path cluster, Path local, Path scratch) throws IOException {
        Set<String> tables = tables(cluster);
        assertThat(tables).as("table folders of the cluster run").isEqualTo(tables(local)).contains(TABLES);
        assertThat(cluster.resolve("report.html")).isNotEmptyFile();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("StandaloneClusterIT")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.local.dir", scratch.toString())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            List<String> differences = new ArrayList<>();
            for (String table : tables) {
                String difference = compare(spark, table, cluster.resolve(table), local.resolve(table));
                System.out.printf("StandaloneClusterIT: %-20s %s%n", table, difference == null ? "same" : "DIFFERS");
                if (difference != null) {
                    differences.add(difference);
                }
            }
            assertThat(differences).as("tables that differ between the cluster and the embedded run").isEmpty();
        } finally {
            spark.stop();
        }
    }

    /**
     * Null when the two folders hold the same schema and the same multiset of rows (doubles equal within
     * {@link #TOLERANCE}, relative above 1), else what differs. The tables of the sample are small:
     * both sides are collected and compared here, one Spark job per side.
     */
    private static String compare(SparkSession spark, String table, Path cluster, Path local) {
        Dataset<Row> a = spark.read().parquet(cluster.toString());
        Dataset<Row> b = spark.read().parquet(local.toString());
        for (String column : PER_RUN_COLUMNS.getOrDefault(table, Set.of())) {
            a = a.drop(column);
            b = b.drop(column);
        }
        if (!a.schema().equals(b.schema())) {
            return table + ": schema " + a.schema().simpleString() + " on the cluster, " + b.schema().simpleString()
                    + " embedded";
        }
        List<Row> rowsA = a.collectAsList();
        List<Row> rowsB = b.collectAsList();
        if (rowsA.size() != rowsB.size()) {
            return table + ": " + rowsA.size() + " rows on the cluster, " + rowsB.size() + " embedded";
        }
        if (rowsA.isEmpty()) {
            return null;
        }
        // Exactly the same multiset of rows (Row.toString prints doubles exactly)? +1 a cluster row, -1 an embedded one.
        Map<String, Long> balance = new TreeMap<>();
        rowsA.forEach(r -> balance.merge(r.toString(), 1L, Long::sum));
        rowsB.forEach(r -> balance.merge(r.toString(), -1L, Long::sum));
        Set<String> onlyA = balance.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> onlyB = balance.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return null;
        }
        double[] largest = {0};
        String tolerant = compareWithTolerance(rowsA, rowsB, a.schema().fields(), largest);
        if (tolerant == null) {
            // Sums of doubles in another order (tasks finish in another order on two executors).
            System.out.printf("StandaloneClusterIT: %s: %d rows differ only in doubles, by %s at most%n", table,
                    onlyA.size(), largest[0]);
            return null;
        }
        return table + ": " + tolerant + "; " + onlyA.size() + " distinct rows only on the cluster, " + onlyB.size()
                + " only embedded\n  only on the cluster:\n    " + String.join("\n    ", first(onlyA, 10))
                + "\n  only embedded:\n    " + String.join("\n    ", first(onlyB, 10));
    }

    private static List<String> first(Set<String> rows, int n) {
        return rows.stream().limit(n).toList();
    }

    /**
     * Pairs rows by their other columns (each group's rows in order of their doubles) and compares the
     * doubles within {@link #TOLERANCE}. Null when every pair matches; {@code largest[0]}: the largest
     * difference let through.
     */
    private static String compareWithTolerance(List<Row> a, List<Row> b, StructField[] fields, double[] largest) {
        List<Integer> floating = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].dataType().equals(DataTypes.DoubleType) || fields[i].dataType().equals(DataTypes.FloatType)) {
                floating.add(i);
            }
        }
        Map<String, List<double[]>> groupsA = group(a, fields.length, floating);
        Map<String, List<double[]>> groupsB = group(b, fields.length, floating);
        for (Map.Entry<String, List<double[]>> e : groupsA.entrySet()) {
            List<double[]> x = e.getValue();
            List<double[]> y = groupsB.getOrDefault(e.getKey(), List.of());
            if (x.size() != y.size()) {
                return "rows that differ in more than doubles, e.g. " + e.getKey();
            }
            for (int r = 0; r < x.size(); r++) {
                for (int c = 0; c < floating.size(); c++) {
                    double u = x.get(r)[c];
                    double v = y.get(r)[c];
                    boolean same = Double.compare(u, v) == 0
                            || Math.abs(u - v) <= TOLERANCE * Math.max(1, Math.max(Math.abs(u), Math.abs(v)));
                    if (same && Double.compare(u, v) != 0) {
                        largest[0] = Math.max(largest[0], Math.abs(u - v));
                    }
                    if (!same) {
                        return String.format("%s is %s on the cluster, %s embedded, in %s",
                                fields[floating.get(c)].name(), u, v, e.getKey());
                    }
                }
            }
        }
        return null;
    }

    /** Rows by their non-floating-point columns; the doubles of each group's rows, sorted. */
    private static Map<String, List<double[]>> group(List<Row> rows, int width, List<Integer> floating) {
        Map<String, List<double[]>> groups = new HashMap<>();
        for (Row row : rows) {
            StringBuilder key = new StringBuilder("[");
            double[] doubles = new double[floating.size()];
            for (int i = 0, f = 0; i < width; i++) {
                if (f < floating.size() && floating.get(f) == i) {
                    doubles[f++] = row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
                    key.append(row.isNullAt(i) ? "null" : "~");
                } else {
                    key.append(row.isNullAt(i) ? "null" : String.valueOf(row.get(i)));
                }
                key.append(i + 1 < width ? "," : "]");
            }
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(doubles);
        }
        Comparator<double[]> byValues = Arrays::compare;
        groups.values().forEach(l -> l.sort(byValues));
        return groups;
    }
}
