package io.touchpoint.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the Touchpoint HTML report: one self-contained file (template, CSS, report script, Apache ECharts
 * and the report data all inline) that opens offline by double-click.
 *
 * <p>The data is the JSON document described by the report data contract (see the module's test fixture
 * {@code report-data.json}); it is embedded verbatim (re-serialised) in a {@code <script type="application/json">}
 * block with {@code <}, {@code >} and {@code &} escaped as JSON unicode escapes, so no value can close the script.
 */
public final class ReportRenderer {

    private static final String BASE = "/io/touchpoint/report/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SCRIPT_CLOSE = Pattern.compile("(?i)</(script)");

    private ReportRenderer() {
    }

    /** Renders the report: one HTML file with all JS (ECharts inlined from the jar), CSS and data inline; opens offline by double-click. */
    public static void render(String dataJson, Writer out) throws IOException {
        Objects.requireNonNull(dataJson, "dataJson");
        Objects.requireNonNull(out, "out");
        JsonNode data;
        try {
            data = MAPPER.readTree(dataJson);
        } catch (JsonProcessingException e) {
            throw new IOException("Report data is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new IOException("Report data must be a JSON object");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", text(data.path("title"), "Touchpoint report"));
        model.put("touchpointVersion", text(data.path("run").path("touchpoint_version"), "unknown"));
        model.put("echartsVersion", Assets.ECHARTS_VERSION);
        model.put("dataJson", scriptSafeJson(MAPPER.writeValueAsString(data)));
        model.put("css", Assets.CSS);
        model.put("js", scriptSafeCode(Assets.JS));
        model.put("echarts", scriptSafeCode(Assets.echarts()));
        try {
            Template template = Freemarker.CONFIG.getTemplate("report.ftl");
            template.process(model, out);
        } catch (TemplateException e) {
            throw new IOException("Report template failed: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** Renders the report to {@code file} (UTF-8), creating its parent directories. */
    public static void render(String dataJson, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            render(dataJson, w);
        }
    }

    /** The Apache ECharts version inlined into reports (from the build, i.e. the parent pom's echarts.version). */
    public static String echartsVersion() {
        return Assets.ECHARTS_VERSION;
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : fallback;
    }

    /**
     * JSON safe inside a script element: '<', '>' and '&' only occur inside JSON strings, where the unicode escape
     * means the same character, so "</script>" and "<!--" can never appear. U+2028/U+2029 are escaped for good measure.
     */
    static String scriptSafeJson(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Script text that cannot end its own script element (a "</script" in a string literal becomes "<\/script"). */
    static String scriptSafeCode(String js) {
        Matcher m = SCRIPT_CLOSE.matcher(js);
        return m.find() ? m.replaceAll("<\\\\/$1") : js;
    }

    private static final class Freemarker {
        static final Configuration CONFIG = create();

        private static Configuration create() {
            Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
            cfg.setTemplateLoader(new ClassTemplateLoader(ReportRenderer.class, BASE));
            cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
            cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
            cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            cfg.setLogTemplateExceptions(false);
            cfg.setWrapUncheckedExceptions(true);
            cfg.setFallbackOnNullLoopVariable(false);
            return cfg;
        }
    }

    /** Class-path assets, loaded once. ECharts (about 1 MB) is loaded on first use. */
    private static final class Assets {
        static final String ECHARTS_VERSION = loadEchartsVersion();
        static final String CSS = resource(BASE + "report.css");
        static final String JS = resource(BASE + "report.js");
        private static volatile String echarts;

        static String echarts() {
            String s = echarts;
            if (s == null) {
                synchronized (Assets.class) {
                    s = echarts;
                    if (s == null) {
                        // The org.mvnpm:echarts jar layout; the version is the one Maven resolved (parent pom).
                        s = resource("/META-INF/resources/_static/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js");
                        echarts = s;
                    }
                }
            }
            return s;
        }

        private static String loadEchartsVersion() {
            Properties p = new Properties();
            try (InputStream in = ReportRenderer.class.getResourceAsStream(BASE + "report-build.properties")) {
                if (in == null) {
                    throw new IllegalStateException("report-build.properties missing from the class path");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String v = p.getProperty("echarts.version", "").trim();
            if (v.isEmpty() || v.contains("${")) {
                throw new IllegalStateException("echarts.version was not filtered into report-build.properties: '" + v + "'");
            }
            return v;
        }

        private static String resource(String path) {
            try (InputStream in = ReportRenderer.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Report resource missing from the class path: " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read report resource " + path, e);
            }
        }
    }
}
