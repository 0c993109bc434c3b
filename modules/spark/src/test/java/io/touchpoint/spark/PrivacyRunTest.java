package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privacy.scrub-urls} removes personal values from URLs before anything is written, and
 * {@code privacy.pseudonymise}: no table holds a visitor or user id as it came (every string column
 * of every table scanned, quarantine.raw included), people and journeys are the same as without,
 * and the key is in no output file.
 */
class PrivacyRunTest extends SparkTestBase {
    @TempDir
    Path dir;

    private static final String KEY = "k3y-that-must-never-leak-0123456789";
    private static final String HEADER = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,"
            + "utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent\n";
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0";
    private static final List<String> IDS = List.of("visitor-laptop-1", "visitor-phone-1", "jane.doe@example.com",
            "visitor-laptop-2");

    /** Every string value of every table of {@code out} that holds one of {@code values}. */
    private List<String> holding(String out, List<String> values) {
        return holding(dir.resolve(out), List.of("events", "sessions", "conversions", "attribution_credit", "quarantine"), values);
    }

    @Test
    void hostileUrlsLeaveNoPersonalValueAndCampaignsAreStillRead() throws Exception {
        Path in = dir.resolve("urls.csv");
        Files.writeString(in, HEADER
                + "e1,2026-09-01T10:00:00Z,v1,,page_view,https://shop.example.com/?utm_source=news&utm_medium=email"
                + "&email=jane.doe%40example.com&token=SECRET123,https://mail.example.org/read?phone=%2B4930123456789,,,,,,,"
                + AGENT + "\n"
                + "e2,2026-09-01T10:01:00Z,v1,,page_view,https://shop.example.com/u/jane.doe@example.com/orders?sid=S3SS10N,"
                + "https://shop.example.com/call/+4930123456789,,,,,,," + AGENT + "\n"
                + "e3,yesterday,v2,,page_view,https://shop.example.com/?email=jane.doe%40example.com&apikey=SECRET123,,,,,,,,"
                + AGENT + "\n");
        List<String> personal = List.of("jane.doe", "SECRET123", "4930123456789", "S3SS10N");

        runOn(in, "kept", false);
        assertThat(holding("kept", personal)).isNotEmpty(); // the scan finds them when they are there
        Pipeline.Result r = runOn(in, "scrubbed", false, "touchpoint.privacy.scrub-urls", true);
        assertThat(holding("scrubbed", personal)).isEmpty();
        assertThat(r.counts().quarantined()).containsEntry("unparseable_time", 1L);
        Row session = table(dir.resolve("scrubbed"), "sessions").first();
        assertThat(session.<String>getAs("source")).isEqualTo("news");
        assertThat(session.<String>getAs("medium")).isEqualTo("email");
        assertThat(session.<String>getAs("landing_url")).isEqualTo("https://shop.example.com/?utm_source=news&utm_medium=email");
    }

    private Pipeline.Result runOn(Path input, String out, boolean pseudonymise, Object... more) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("touchpoint.key"), KEY);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("touchpoint.input.path", input.toString());
        m.put("touchpoint.output.path", dir.resolve(out).toString());
        m.put("touchpoint.privacy.pseudonymise", pseudonymise);
        m.put("touchpoint.privacy.key-file", keyFile.toString());
        m.put("touchpoint.privacy.scrub-urls", false);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        TouchpointConfig config = io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.empty(), m);
        return run(config);
    }

    @Test
    void noIdAsItCameAndTheSamePeople() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, HEADER
                + "e1,2026-09-01T10:00:00Z,visitor-laptop-1,,page_view,https://shop.example.com/?utm_source=news&utm_medium=email,,,,,,,," + AGENT + "\n"
                + "e2,2026-09-01T10:05:00Z,visitor-laptop-1,jane.doe@example.com,page_view,https://shop.example.com/p,,,,,,,," + AGENT + "\n"
                + "e3,2026-09-02T09:00:00Z,visitor-phone-1,jane.doe@example.com,purchase,https://shop.example.com/done,,,,,,,40," + AGENT + "\n"
                + "e4,2026-09-02T09:30:00Z,visitor-laptop-2,,page_view,https://shop.example.com/,,,,,,,," + AGENT + "\n"
                + "e5,not-a-time,visitor-laptop-2,jane.doe@example.com,page_view,https://shop.example.com/,,,,,,,," + AGENT + "\n");

        Pipeline.Result plain = runOn(in, "plain", false);
        Pipeline.Result hidden = runOn(in, "hidden", true);

        assertThat(hidden.people()).isEqualTo(plain.people()).isEqualTo(2);
        assertThat(hidden.sessions()).isEqualTo(plain.sessions());
        assertThat(hidden.conversions()).isEqualTo(plain.conversions()).isEqualTo(1);
        assertThat(table(dir.resolve("hidden"), "attribution_credit").count())
                .isEqualTo(table(dir.resolve("plain"), "attribution_credit").count());

        assertThat(holding("hidden", IDS)).isEmpty();
        // The plain run holds them: the scan above can find them.
        assertThat(table(dir.resolve("plain"), "sessions").where("person_id = 'jane.doe@example.com'").count()).isPositive();
        // The quarantined record keeps its shape, with the ids replaced.
        Row q = table(dir.resolve("hidden"), "quarantine").first();
        assertThat(q.<String>getAs("raw")).startsWith("e5,not-a-time,").contains(",page_view,");

        try (Stream<Path> files = Files.walk(dir.resolve("hidden"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }
    }
}
