package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.pipeline.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad bytes end in the quarantine with a reason, or in a clear error, and the counts still
 * reconcile: truncated and corrupt archives, bytes that are not UTF-8, implausible times and
 * revenue, daylight-saving gaps, and an output path that is a file.
 */
class HostileInputTest extends SparkTestBase {
    @TempDir
    Path dir;

    private static final String HEADER = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,"
            + "utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent\n";

    private static String row(int i, String time, String visitor, String name, String revenue) {
        return "e" + i + "," + time + "," + visitor + ",," + name + ",https://shop.example.com/p" + i + ",,,,,,," + revenue
                + ",Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0\n";
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            sb.append(row(i, "2026-09-01T10:" + String.format("%02d:%02d", i / 60 % 60, i % 60) + "Z", "v" + (i % 50),
                    i % 97 == 0 ? "purchase" : "page_view", i % 97 == 0 ? "10" : ""));
        }
        return sb.toString();
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private Pipeline.Result runOn(Path input, String out, Object... more) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("touchpoint.input.path", input.toString());
        m.put("touchpoint.output.path", dir.resolve(out).toString());
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        TouchpointConfig config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.empty(), m);
        return run(config);
    }

    private List<Row> quarantine(String out, String reason) {
        return table(dir.resolve(out), "quarantine").where("reason = '" + reason + "'").orderBy("input_file").collectAsList();
    }

    /** The user-facing error a task threw, as the command line finds it (through Spark's wrapping). */
    private static TouchpointException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TouchpointException te) {
                return te;
            }
        }
        throw new AssertionError("No TouchpointException in", e);
    }

    @Test
    void aTruncatedArchiveIsReadUpToTheBreakAndRecordedNextToGoodFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("mixed"));
        String text = rows(3000);
        Files.write(in.resolve("a-good.csv.gz"), gzip(text));
        byte[] whole = gzip(text);
        Files.write(in.resolve("b-truncated.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(in.resolve("c-garbage.csv.gz"), "this is not gzip at all".getBytes(StandardCharsets.UTF_8));

        Pipeline.Result r = runOn(in, "out");

        assertThat(r.counts().reconciles()).isTrue();
        assertThat(r.counts().quarantined()).containsEntry("unreadable_file", 2L);
        List<Row> broken = quarantine("out", "unreadable_file");
        assertThat(broken).extracting(q -> q.<String>getAs("input_file"))
                .allMatch(f -> f.endsWith("b-truncated.csv.gz") || f.endsWith("c-garbage.csv.gz"));
        Row truncated = broken.stream().filter(q -> q.<String>getAs("input_file").endsWith("b-truncated.csv.gz")).findFirst().orElseThrow();
        long line = truncated.<Long>getAs("input_line");
        assertThat(line).isBetween(2L, 3000L);
        assertThat(truncated.<String>getAs("detail")).contains("line " + line, "byte " + whole.length / 2);
        // The good file whole, and the truncated one's complete lines before the break: rows 1..line-2 of it
        // (line 1 is the header), every one a duplicate of the good file's (same event ids and visitors).
        assertThat(r.counts().accepted()).isEqualTo(3000);
        assertThat(r.counts().duplicates()).isEqualTo(line - 2);
        assertThat(r.notes()).anyMatch(n -> n.contains("2 input files could not be read to the end"));
    }

    @Test
    void aParquetFileWhoseFooterCannotBeReadIsLeftOutAndRecorded() throws Exception {
        Path csv = dir.resolve("for-parquet.csv");
        Files.writeString(csv, rows(500));
        Path in = dir.resolve("pq");
        spark.read().option("header", "true").csv(csv.toString()).coalesce(1).write().parquet(in.toString());
        Path good = Files.list(in).filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        byte[] whole = Files.readAllBytes(good);
        Files.write(in.resolve("part-99999-cut.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));

        Pipeline.Result r = runOn(in, "out-pq", "touchpoint.input.format", "parquet");
        assertThat(r.counts().accepted()).isEqualTo(500);
        assertThat(r.counts().quarantined()).isEqualTo(Map.of("unreadable_file", 1L));
        assertThat(r.counts().reconciles()).isTrue();
        assertThat(quarantine("out-pq", "unreadable_file")).singleElement().satisfies(q -> {
            assertThat(q.<String>getAs("input_file")).endsWith("part-99999-cut.parquet");
            assertThat(q.<String>getAs("detail")).contains("Parquet footer cannot be read");
        });
        assertThatThrownBy(() -> runOn(in, "out-pq-fail", "touchpoint.input.format", "parquet",
                "touchpoint.input.on-unreadable-file", "fail")).isInstanceOfSatisfying(TouchpointException.class,
                e -> assertThat(e.getMessage()).contains("part-99999-cut.parquet", "cannot be read"));
    }

    @Test
    void onUnreadableFileFailStopsNamingTheFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("one"));
        byte[] whole = gzip(rows(3000));
        Files.write(in.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> runOn(in, "out-fail", "touchpoint.input.on-unreadable-file", "fail"))
                .satisfies(e -> {
                    TouchpointException t = cause(e);
                    assertThat(t.kind().exitCode()).isEqualTo(3);
                    assertThat(t.getMessage()).contains("cut.csv.gz", "breaks off at line", "on-unreadable-file = quarantine");
                });
    }

    @Test
    void latin1BytesAreQuarantinedUnlessTheEncodingIsNamed() throws Exception {
        Path in = dir.resolve("latin1.csv");
        String text = HEADER + row(1, "2026-09-01T10:00:00Z", "müller", "page_view", "")
                + row(2, "2026-09-01T10:01:00Z", "möller", "page_view", "") + row(3, "2026-09-01T10:02:00Z", "plain", "page_view", "");
        Files.write(in, text.getBytes(StandardCharsets.ISO_8859_1));

        Pipeline.Result utf8 = runOn(in, "out-utf8");
        assertThat(utf8.counts().quarantined()).isEqualTo(Map.of("invalid_encoding", 2L));
        assertThat(quarantine("out-utf8", "invalid_encoding")).extracting(q -> q.<String>getAs("detail"))
                .allMatch(d -> d.contains("not valid UTF-8") && d.contains("touchpoint.input.encoding"));
        assertThat(utf8.counts().reconciles()).isTrue();

        Pipeline.Result latin1 = runOn(in, "out-latin1", "touchpoint.input.encoding", "ISO-8859-1");
        assertThat(latin1.counts().accepted()).isEqualTo(3);
        assertThat(table(dir.resolve("out-latin1"), "events").select("visitor_id").distinct().orderBy("visitor_id")
                .collectAsList()).extracting(v -> v.getString(0)).containsExactly("möller", "müller", "plain");
    }

    @Test
    void implausibleTimesAndRevenueAreQuarantinedAndTotalsStayFinite() throws Exception {
        Path in = dir.resolve("odd.csv");
        Files.writeString(in, HEADER + row(1, "1900-01-01T10:00:00Z", "v1", "page_view", "")
                + row(2, "9999-12-31T10:00:00Z", "v2", "page_view", "")
                + row(3, "0000-01-01T00:00:00Z", "v3", "page_view", "")
                + row(4, "2026-09-01T10:00:00Z", "v4", "purchase", "1e308")
                + row(5, "2026-09-01T10:01:00Z", "v4", "purchase", "1e308")
                + row(6, "2026-09-01T10:02:00Z", "v4", "purchase", "25"));

        Pipeline.Result r = runOn(in, "out-odd");

        assertThat(r.counts().quarantined()).isEqualTo(Map.of("implausible_time", 3L, "implausible_revenue", 2L));
        assertThat(table(dir.resolve("out-odd"), "events").select("event_date").distinct().collectAsList())
                .extracting(d -> d.get(0).toString()).containsExactly("2026-09-01");
        double revenue = table(dir.resolve("out-odd"), "attribution_summary").where("model = 'last'")
                .agg(org.apache.spark.sql.functions.sum("revenue")).first().getDouble(0);
        assertThat(revenue).isEqualTo(25.0);
    }

    @Test
    void localTimesInADaylightSavingGapAreMovedAndCounted() throws Exception {
        Path in = dir.resolve("dst.csv");
        Files.writeString(in, HEADER + row(1, "2026-03-29 02:30:00", "v1", "page_view", "")
                + row(2, "2026-03-29 03:10:00", "v1", "page_view", ""));
        Pipeline.Result r = runOn(in, "out-dst", "touchpoint.input.time-zone", "Europe/Berlin");
        assertThat(r.counts().adjusted()).isEqualTo(Map.of("dst_gap", 1L));
        assertThat(r.manifest().toJson().replaceAll("\\s", "")).contains("\"adjusted_by_reason\":{\"dst_gap\":1}");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 local event time fell in a daylight-saving gap of Europe/Berlin"));
        // 02:30 does not exist in Berlin that night: it is 03:30 CEST (01:30 UTC), after 03:10 CEST.
        assertThat(table(dir.resolve("out-dst"), "events").orderBy("event_time").collectAsList())
                .extracting(e -> e.<String>getAs("event_id")).containsExactly("e2", "e1");
    }

    @Test
    void anOutputPathThatIsAFileStopsBeforeAnyWork() throws Exception {
        Path in = dir.resolve("ok.csv");
        Files.writeString(in, rows(3));
        Files.writeString(dir.resolve("afile"), "x");
        for (String out : List.of("afile", "afile/below/out")) {
            int jobs = jobsDuring(() -> assertThatThrownBy(() -> runOn(in, out)).isInstanceOfSatisfying(TouchpointException.class, e -> {
                assertThat(e.kind().exitCode()).isEqualTo(2);
                assertThat(e.where()).isEqualTo("touchpoint.output.path");
                assertThat(e.getMessage()).contains("afile");
            }));
            assertThat(jobs).isZero();
        }
    }
}
