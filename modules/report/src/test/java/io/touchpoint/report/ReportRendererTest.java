package io.touchpoint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain (no browser) checks of the rendered HTML. */
class ReportRendererTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String fixture() throws IOException {
        try (InputStream in = ReportRendererTest.class.getResourceAsStream("/report-data.json")) {
            assertThat(in).as("report-data.json fixture").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String render(String json) throws IOException {
        StringWriter w = new StringWriter();
        ReportRenderer.render(json, w);
        return w.toString();
    }

    /** The text of the data block, up to the first script end tag (where a browser would end it). */
    static String dataBlock(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"tp-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("data block present").isTrue();
        return m.group(1);
    }

    @Test
    void rendersOneSelfContainedFileWithEveryPart() throws IOException {
        String html = render(fixture());
        assertThat(html).startsWith("<!DOCTYPE html>");
        for (String id : new String[] {"headline", "models", "journeys", "funnels", "quality"}) {
            assertThat(html).contains("<section id=\"" + id + "\"");
        }
        assertThat(html).contains("window.__tpErrors = []");
        assertThat(html).contains("echarts.init"); // our report script
        assertThat(html.length()).as("ECharts is inlined").isGreaterThan(1_000_000);
        assertThat(html).contains("Apache ECharts " + ReportRenderer.echartsVersion());
        assertThat(ReportRenderer.echartsVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(JSON.readTree(dataBlock(html))).isEqualTo(JSON.readTree(fixture()));
    }

    @Test
    void isOfflineNoExternalScriptsStylesOrFonts() throws IOException {
        String html = render(fixture());
        Pattern external = Pattern.compile("(?i)<(script|link|img|iframe|source|embed|object)\\b[^>]*\\b(src|href|data)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(external.matcher(html).find()).as("no external script/link/img").isFalse();
        assertThat(Pattern.compile("(?i)<script\\b[^>]*\\bsrc\\s*=").matcher(html).find()).as("every script inline").isFalse();
        assertThat(Pattern.compile("(?i)<link\\b").matcher(html).find()).as("no link elements").isFalse();
        assertThat(Pattern.compile("(?i)(@import|url\\(\\s*[\"']?https?:)").matcher(html).find()).as("no CSS imports").isFalse();
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void dataCannotCloseTheScriptElement() throws IOException {
        ObjectNode data = (ObjectNode) JSON.readTree(fixture());
        String evil = "</script><script>alert(1)</script><!-- & \u2028";
        data.put("title", evil);
        ((ObjectNode) data.withArray("campaigns").get(0)).put("campaign", "</SCRIPT>x");
        String html = render(JSON.writeValueAsString(data));
        String block = dataBlock(html);
        assertThat(block).doesNotContainIgnoringCase("</script").doesNotContain("<!--").doesNotContain("<");
        JsonNode back = JSON.readTree(block);
        assertThat(back).isEqualTo(data);
        assertThat(back.get("title").asText()).isEqualTo(evil);
        // The title is HTML-escaped where the template prints it.
        assertThat(html).contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)");
        // Exactly the four script elements of the template (error recorder, data, ECharts, report).
        assertThat(Pattern.compile("(?i)</script").matcher(html).results().count()).isEqualTo(4);
    }

    @Test
    void rendersNoFunnelsSingleModelAndSparseData() throws IOException {
        String html = render(sparseJson());
        assertThat(JSON.readTree(dataBlock(html)).has("funnels")).isFalse();
        String minimal = render("{}");
        assertThat(minimal).contains("<title>Touchpoint report</title>").contains("<section id=\"quality\"");
    }

    @Test
    void writesAFileAndRejectsBadData(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nested/report.html");
        ReportRenderer.render(fixture(), file);
        assertThat(Files.size(file)).isGreaterThan(1_000_000);
        assertThat(Files.readString(file)).endsWith("</html>\n");
        assertThatThrownBy(() -> render("{not json")).isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> render("[1,2]")).isInstanceOf(IOException.class).hasMessageContaining("JSON object");
    }

    @Test
    void scriptSafeCodeNeutralisesEndTags() {
        assertThat(ReportRenderer.scriptSafeCode("var s = '</script>';")).isEqualTo("var s = '<\\/script>';");
        assertThat(ReportRenderer.scriptSafeCode("x</SCRIPT")).isEqualTo("x<\\/SCRIPT");
        assertThat(ReportRenderer.scriptSafeCode("plain")).isEqualTo("plain");
    }

    /**
     * A run with one model, one goal, no funnels key, nulls where numbers are nullable and some empty lists:
     * what a small or partial Spark run may produce.
     */
    static String sparseJson() throws IOException {
        ObjectNode data = (ObjectNode) JSON.readTree(fixture());
        data.remove("funnels");
        data.set("models", JSON.readTree("[{\"key\":\"last\",\"name\":\"last\"}]"));
        data.set("comparison", JSON.readTree("[{\"goal\":\"purchase\",\"channel\":\"Direct\",\"models\":{\"last\":{\"conversions\":3.0,\"revenue\":null}}},"
                + "{\"goal\":\"purchase\",\"channel\":\"Mobile Push Notifications\",\"models\":{\"last\":{\"conversions\":1.0,\"revenue\":12.5}}}]"));
        data.set("campaigns", JSON.createArrayNode());
        ObjectNode headline = (ObjectNode) data.get("headline");
        headline.putNull("revenue");
        headline.putNull("avg_touchpoints");
        ObjectNode journeys = (ObjectNode) data.get("journeys");
        journeys.set("top_paths", JSON.createArrayNode());
        journeys.putNull("cross_device_share");
        return JSON.writeValueAsString(data);
    }
}
