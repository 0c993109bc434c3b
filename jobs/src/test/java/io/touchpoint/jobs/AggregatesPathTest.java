package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code touchpoint.output.aggregates-path}: after {@code run} and {@code report}, exactly the four
 * aggregate tables and report.html land there (equal to the output's, no person-level column);
 * a second run replaces them; a path that nests with the output stops before any work (exit 2); a
 * publish that fails exits 1 in one line and leaves the run succeeded; off, nothing is written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregatesPathTest {
    private static final String SAMPLE = "../sample-data/events.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PUBLISHED = Set.of("attribution_summary", "model_comparison", "funnel_steps", "funnel_trends",
            "report.html", "_published.json");

    @TempDir
    static Path dir;


    private static CliRun.Outcome run(Path out, Path aggregates, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--master", "local[2]", "--config", "../touchpoint.conf",
                "--input", SAMPLE, "--output", out.toString()));
        if (aggregates != null) {
            args.addAll(List.of("--set", "touchpoint.output.aggregates-path=" + aggregates));
        }
        args.addAll(List.of(more));
        return CliRun.cli(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopSpark() {
        CliRun.stopSpark();
    }

    private static SparkSession spark() {
        return SparkSession.getActiveSession().get();
    }

    /** What a reader of the folder sees: names not starting with "." (checksum files of the local file system). */
    private static Set<String> visible(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
        }
    }

    private static void assertSameRows(Dataset<Row> a, Dataset<Row> b) {
        assertThat(a.columns()).containsExactly(b.columns());
        assertThat(a.count()).isEqualTo(b.count());
        assertThat(a.exceptAll(b).count()).isZero();
        assertThat(b.exceptAll(a).count()).isZero();
    }

    /** The aggregates folder holds exactly the published tables and report, equal to the output's, and nothing personal. */
    private static JsonNode assertPublished(Path out, Path aggregates) throws Exception {
        assertThat(visible(aggregates)).isEqualTo(PUBLISHED);
        try (Stream<Path> all = Files.walk(aggregates)) {
            // No trace of another table, the manifests, the lock or a staging folder, hidden files included.
            assertThat(all.map(p -> aggregates.relativize(p).toString()).filter(p -> !p.isEmpty()))
                    .allMatch(p -> PUBLISHED.stream().anyMatch(n -> p.equals(n) || p.startsWith(n + "/") || p.equals("." + n + ".crc")),
                            "only published names");
        }
        for (String t : List.of("attribution_summary", "model_comparison", "funnel_steps", "funnel_trends")) {
            Dataset<Row> published = spark().read().parquet(aggregates.resolve(t).toString());
            assertSameRows(published, spark().read().parquet(out.resolve(t).toString()));
            for (StructField f : published.schema().fields()) {
                String n = f.name().toLowerCase(Locale.ROOT);
                assertThat(n).as(t).isNotIn("person_id", "visitor_id", "user_id", "unit_id", "session_id", "conversion_id")
                        .doesNotContain("url").doesNotContain("user_agent");
            }
        }
        assertThat(Files.mismatch(aggregates.resolve("report.html"), out.resolve("report.html"))).isEqualTo(-1L);
        JsonNode info = JSON.readTree(aggregates.resolve("_published.json").toFile());
        JsonNode latest = JSON.readTree(out.resolve("_manifests").resolve("latest.json").toFile());
        assertThat(info.path("run_id").asText()).isEqualTo(latest.path("run_id").asText());
        assertThat(info.path("report").asBoolean()).isTrue();
        assertThat(info.path("tables").toString()).isEqualTo("[\"attribution_summary\",\"model_comparison\",\"funnel_steps\",\"funnel_trends\"]");
        String text = Files.readString(aggregates.resolve("_published.json"));
        assertThat(text).doesNotContain(out.toString()).doesNotContain(dir.toString()).doesNotContain("sample-data");
        return info;
    }

    @Test
    @Order(1)
    void anAggregatesPathThatNestsWithTheOutputExitsWithTwo() {
        Path out = dir.resolve("nest");
        for (Path agg : List.of(out.resolve("aggregates"), out, dir)) {
            CliRun.Outcome o = run(out, agg);
            assertThat(o.code()).as(o.err() + o.out()).isEqualTo(2);
            assertThat(o.err()).contains("touchpoint.output.aggregates-path", agg.toString(), "touchpoint.output.path = " + out)
                    .doesNotContain("Exception");
            assertThat(out.resolve("sessions")).doesNotExist();
            assertThat(out.resolve("aggregates")).doesNotExist();
        }
    }

    @Test
    @Order(2)
    void runPublishesExactlyTheAggregatesAndASecondRunReplacesThem() throws Exception {
        Path out = dir.resolve("out");
        Path aggregates = dir.resolve("marketing");
        CliRun.Outcome first = run(out, aggregates);
        assertThat(first.code()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).contains("[publish] 4 aggregate tables and the report to ");
        JsonNode one = assertPublished(out, aggregates);

        // A second run (another threshold: another model_comparison) replaces every published table and the report.
        CliRun.Outcome second = run(out, aggregates, "--set", "touchpoint.report.min-people=20");
        assertThat(second.code()).as(second.err() + second.out()).isZero();
        JsonNode two = assertPublished(out, aggregates);
        assertThat(two.path("run_id").asText()).isNotEqualTo(one.path("run_id").asText());
        assertThat(spark().read().parquet(aggregates.resolve("model_comparison").toString()).count())
                .isLessThan(spark().read().parquet(dir.resolve("out").resolve("attribution_summary").toString())
                        .select("goal", "channel").distinct().count());

        // touchpoint report publishes again (also how to retry a publish that failed).
        Files.delete(aggregates.resolve("report.html"));
        CliRun.Outcome report = CliRun.cli("report", "--master", "local[2]", "--config", "../touchpoint.conf", "--output", out.toString(),
                "--set", "touchpoint.output.aggregates-path=" + aggregates);
        assertThat(report.code()).as(report.err()).isZero();
        assertPublished(out, aggregates);
    }

    @Test
    @Order(3)
    void aPublishThatFailsExitsWithOneAndTheRunStaysSucceeded() throws Exception {
        Path out = dir.resolve("failing");
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        CliRun.Outcome o = run(out, file);
        assertThat(o.code()).as(o.err() + o.out()).isEqualTo(1);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("Cannot publish the aggregates", "touchpoint.output.aggregates-path = " + file)
                .doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode latest = JSON.readTree(out.resolve("_manifests").resolve("latest.json").toFile());
        assertThat(latest.path("status").asText()).isEqualTo("succeeded");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    @Order(4)
    void offWritesNothingElsewhere() throws Exception {
        Path parent = dir.resolve("alone");
        Files.createDirectories(parent);
        CliRun.Outcome o = run(parent.resolve("out"), null);
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        assertThat(o.out()).doesNotContain("[publish]");
        assertThat(visible(parent)).containsExactly("out");
    }
}
