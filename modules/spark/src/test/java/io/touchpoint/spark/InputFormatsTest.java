package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.run.IngestCounts;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input format end to end through Spark, each with its quarantine and skip reasons. */
class InputFormatsTest extends SparkTestBase {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/128.0.0.0 Safari/537.36";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @TempDir
    Path dir;

    private io.touchpoint.spark.pipeline.Pipeline.Result run(Path input, String format, Object... more) {
        Object[] kv = new Object[more.length + 4];
        kv[0] = "touchpoint.input.path";
        kv[1] = input.toString();
        kv[2] = "touchpoint.input.format";
        kv[3] = format;
        System.arraycopy(more, 0, kv, 4, more.length);
        io.touchpoint.spark.pipeline.Pipeline.Result r = sessionise(config(dir.resolve("out"), kv));
        assertThat(r.counts().reconciles()).isTrue();
        return r;
    }

    @Test
    void jsonLinesWithRenamedColumns() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"ts\":\"2026-09-01T10:00:00Z\",\"cid\":\"v1\",\"event_name\":\"page_view\",\"page_url\":\"https://shop.example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=launch\"}",
                "{\"ts\":1788256860000,\"cid\":\"v1\",\"event_name\":\"purchase\",\"revenue\":42.5}",
                "",
                "{\"ts\":\"2026-09-01T10:05:00Z\",\"cid\":\"v1\",\"event_name\":\"page_view\"",
                "[1,2,3]",
                "{\"ts\":\"2026-09-01T10:06:00Z\",\"cid\":\"v2\",\"event_name\":\"page_view\",\"user_agent\":\"" + GOOGLEBOT + "\"}"));
        io.touchpoint.spark.pipeline.Pipeline.Result r = run(in, "jsonl", "touchpoint.input.columns.event_time", "ts",
                "touchpoint.input.columns.visitor_id", "cid");
        IngestCounts c = r.counts();
        assertThat(c.read()).isEqualTo(5);
        assertThat(c.accepted()).isEqualTo(2);
        assertThat(c.quarantined()).isEqualTo(Map.of("malformed_line", 2L));
        assertThat(c.skipped()).isEqualTo(Map.of("bot", 1L));
        assertThat(r.sessions()).isEqualTo(1);
        Row s = table(dir.resolve("out"), "sessions").first();
        assertThat(s.<String>getAs("channel")).isEqualTo("Email");
        assertThat(s.<Long>getAs("event_count")).isEqualTo(2L);
        assertThat(spark.read().parquet(dir.resolve("out/quarantine").toString()).select("input_line")
                .as(org.apache.spark.sql.Encoders.LONG()).collectAsList()).containsExactlyInAnyOrder(4L, 5L);
    }

    @Test
    void accessLogsSkipAssetsErrorsAndRedirects() throws Exception {
        Path in = dir.resolve("access.log");
        String ua = "\"" + CHROME + "\"";
        Files.writeString(in, String.join("\n",
                "203.0.113.9 - - [01/Sep/2026:10:00:00 +0000] \"GET /?utm_source=google&utm_medium=cpc HTTP/1.1\" 200 512 \"https://www.google.com/\" " + ua,
                "203.0.113.9 - - [01/Sep/2026:10:00:01 +0000] \"GET /static/app.css HTTP/1.1\" 200 99 \"https://shop.example.com/\" " + ua,
                "203.0.113.9 - - [01/Sep/2026:10:00:02 +0000] \"GET /missing HTTP/1.1\" 404 0 \"-\" " + ua,
                "203.0.113.9 - - [01/Sep/2026:10:00:03 +0000] \"GET /old HTTP/1.1\" 301 0 \"-\" " + ua,
                "203.0.113.9 - - [01/Sep/2026:10:01:00 +0000] \"GET /p/1 HTTP/1.1\" 200 512 \"https://shop.example.com/\" " + ua,
                "this is not a log line",
                "66.249.66.1 - - [01/Sep/2026:10:02:00 +0000] \"GET /p/2 HTTP/1.1\" 200 512 \"-\" \"" + GOOGLEBOT + "\""));
        io.touchpoint.spark.pipeline.Pipeline.Result r = run(in, "access-log", "touchpoint.input.access-log.host", "shop.example.com");
        IngestCounts c = r.counts();
        assertThat(c.read()).isEqualTo(7);
        assertThat(c.accepted()).isEqualTo(2);
        assertThat(c.quarantined()).isEqualTo(Map.of("malformed_line", 1L));
        assertThat(c.skipped()).isEqualTo(Map.of("static_asset", 1L, "http_error", 1L, "http_redirect", 1L, "bot", 1L));
        // The second page view's referrer is the site itself: internal, so one session.
        assertThat(r.sessions()).isEqualTo(1);
        assertThat(table(dir.resolve("out"), "sessions").first().<String>getAs("channel")).isEqualTo("Paid Search");
    }

    @Test
    void parquetWithTypedColumns() {
        StructType schema = new StructType().add("event_id", DataTypes.StringType)
                .add("event_time", DataTypes.TimestampType).add("visitor_id", DataTypes.StringType)
                .add("event_name", DataTypes.StringType).add("revenue", DataTypes.DoubleType);
        List<Row> rows = List.of(
                RowFactory.create("e1", java.time.Instant.parse("2026-09-01T10:00:00Z"), "v1", "page_view", null),
                RowFactory.create("e2", java.time.Instant.parse("2026-09-01T10:10:00Z"), "v1", "purchase", 19.99),
                RowFactory.create("e2", java.time.Instant.parse("2026-09-01T10:10:00Z"), "v1", "purchase", 19.99),
                RowFactory.create("e3", java.time.Instant.parse("2026-09-01T10:11:00Z"), null, "page_view", null),
                RowFactory.create("e4", null, "v2", "page_view", null));
        Path in = dir.resolve("in.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(in.toString());
        io.touchpoint.spark.pipeline.Pipeline.Result r = run(in, "parquet");
        IngestCounts c = r.counts();
        assertThat(c.read()).isEqualTo(5);
        assertThat(c.accepted()).isEqualTo(2);
        assertThat(c.duplicates()).isEqualTo(1);
        // A typed event time is taken as it is; a null one is quarantined like an empty text time.
        assertThat(c.quarantined()).isEqualTo(Map.of("missing_visitor_id", 1L, "unparseable_time", 1L));
        Row q = spark.read().parquet(dir.resolve("out/quarantine").toString()).where("reason = 'missing_visitor_id'").first();
        assertThat(q.<Long>getAs("input_line")).isEqualTo(4L);
        assertThat(q.<String>getAs("raw")).contains("\"event_id\":\"e3\"")
                .contains("\"event_time\":\"2026-09-01T10:11:00.000000Z\"");
        assertThat(table(dir.resolve("out"), "events").where("event_id = 'e2'").first().<Double>getAs("revenue")).isEqualTo(19.99);
    }

    /**
     * Parquet rows are validated on Spark's own rows: values that pass through unchanged keep their
     * bytes, changed ones (stripped, resolved) are encoded anew, and each row keeps its own file,
     * across files and rows that reuse one buffer.
     */
    @Test
    void parquetRowsKeepTheirOwnValuesAndFiles() {
        StructType schema = new StructType().add("event_id", DataTypes.StringType)
                .add("event_time", DataTypes.StringType).add("visitor_id", DataTypes.StringType)
                .add("event_name", DataTypes.StringType).add("utm_source", DataTypes.StringType)
                .add("referrer_url", DataTypes.StringType).add("user_agent", DataTypes.StringType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String visitor = i % 3 == 0 ? "  v" + i + " " : "v" + i; // padded ids are stripped
            rows.add(RowFactory.create("e" + i, "2026-09-01T10:" + String.format("%02d", i % 60) + ":00Z",
                    i % 50 == 7 ? null : visitor, "page_view", i % 2 == 0 ? "Newsletter" : null,
                    i % 2 == 0 ? null : "https://www.google.com/search?q=x", i % 10 == 0 ? GOOGLEBOT : CHROME));
        }
        Path in = dir.resolve("files.parquet");
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(in.toString());
        io.touchpoint.spark.pipeline.Pipeline.Result r = run(in, "parquet");
        assertThat(r.counts().read()).isEqualTo(300);
        assertThat(r.counts().accepted()).isEqualTo(300 - 30 - 6); // 30 bots (i = 0 mod 10), 6 without a visitor (i = 7 mod 50)
        List<Row> events = table(dir.resolve("out"), "events").orderBy("event_id").select("event_id", "visitor_id", "source", "medium").collectAsList();
        for (Row e : events) {
            int i = Integer.parseInt(e.getString(0).substring(1));
            assertThat(e.getString(1)).isEqualTo("v" + i);
            assertThat(e.getString(2)).isEqualToIgnoringCase(i % 2 == 0 ? "Newsletter" : "google");
        }
        List<Row> quarantined = spark.read().parquet(dir.resolve("out/quarantine").toString())
                .select("input_file", "input_line", "raw").collectAsList();
        assertThat(quarantined).hasSize(6);
        for (Row q : quarantined) {
            // the row's own file: its line there holds the event the raw text names
            Row fromFile = spark.read().parquet(q.getString(0)).collectAsList().get((int) q.getLong(1) - 1);
            assertThat(q.getString(2)).contains("\"event_id\":\"" + fromFile.getString(0) + "\"");
        }
    }

    @Test
    void planningAParquetReadRunsNoSparkJob() throws Exception {
        Path in = dir.resolve("typed.parquet");
        StructType schema = new StructType().add("event_time", DataTypes.TimestampType)
                .add("visitor_id", DataTypes.StringType).add("event_name", DataTypes.StringType)
                .add("revenue", DataTypes.DoubleType);
        spark.createDataFrame(List.of(RowFactory.create(java.time.Instant.parse("2026-09-01T10:00:00Z"), "v1",
                "purchase", 5.0)), schema).repartition(3).write().parquet(in.toString());
        io.touchpoint.core.config.TouchpointConfig config = config(dir.resolve("typed-out"),
                "touchpoint.input.path", in.toString(), "touchpoint.input.format", "parquet");
        List<Dataset<Row>> parsed = new java.util.ArrayList<>();
        // The schema comes from a footer read on the driver; Spark's own inference runs a job.
        assertThat(jobsDuring(() -> parsed.add(io.touchpoint.spark.ingest.InputReader.read(spark, config.input(),
                new io.touchpoint.core.ingest.EventNormalizer(config.input().timeZone(), config.sessions(),
                        io.touchpoint.core.ingest.EventNormalizer.Limits.of(config.input(), java.time.Instant.now())))))).isZero();
        assertThat(parsed.get(0).where("status = 'accepted'").first().<Double>getAs("revenue")).isEqualTo(5.0);
    }

    @Test
    void gzippedCsvFolderIsReadRecursively() throws Exception {
        Path folder = dir.resolve("logs/2026/09");
        Files.createDirectories(folder);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(folder.resolve("part-1.csv.gz")))) {
            os.write(("event_time,visitor_id,event_name\n2026-09-01T10:00:00Z,v1,page_view\n"
                    + "2026-09-01T10:40:00Z,v1,page_view\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("logs/_SUCCESS"), "");
        io.touchpoint.spark.pipeline.Pipeline.Result r = run(dir.resolve("logs"), "csv");
        assertThat(r.counts().accepted()).isEqualTo(2);
        assertThat(r.sessions()).isEqualTo(2); // 40 minutes apart: two sessions
    }

    @Test
    void missingInputAndMissingColumnsAreInputErrors() throws Exception {
        assertThatThrownBy(() -> run(dir.resolve("nope.csv"), "csv"))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage()).contains("does not exist", "nope.csv");
                });
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "time,visitor_id,event_name\n2026-09-01T10:00:00Z,v1,page_view\n");
        assertThatThrownBy(() -> run(in, "csv"))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage()).contains("event_time", "touchpoint.input.columns");
                });
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "event_time,visitor_id,event_name\n");
        assertThatThrownBy(() -> run(empty, "csv")).isInstanceOfSatisfying(TouchpointException.class,
                e -> assertThat(e.getMessage()).contains("no rows"));
    }
}
