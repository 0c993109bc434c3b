package io.touchpoint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens an HTML report in real headless Chromium (Debian's /usr/bin/chromium) and reads back what a person would
 * see: console errors and exceptions, the section ids, every chart ({@code .tp-chart}) with its {@code data-points},
 * the page's own {@code window.__tpErrors}, and a full-page PNG screenshot.
 *
 * <p>Only the JDK (java.net.http HTTP + WebSocket) and Jackson: it speaks the Chrome DevTools Protocol directly, so
 * no driver, no browser download. A missing Chromium is an error with a clear message, never a silent skip.
 *
 * <pre>{@code
 * BrowserCheck.Result r = BrowserCheck.check(htmlFile, Path.of("target/report-screenshot.png"));
 * // or, to click around first:
 * try (BrowserCheck b = BrowserCheck.launch()) {
 *     b.open(htmlFile);
 *     b.evaluate("document.querySelector('#models-table tbody tr').click()");
 *     BrowserCheck.Result r = b.inspect(Path.of("target/report-screenshot.png"));
 * }
 * }</pre>
 */
public final class BrowserCheck implements AutoCloseable {

    /** Where Debian's chromium package puts the browser; override with -Dtouchpoint.chromium or TOUCHPOINT_CHROMIUM. */
    public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 900;
    public static final Duration RENDER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DEVTOOLS_LINE = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the page showed.
     *
     * @param errors     console errors, uncaught exceptions, error log entries and the page's own window.__tpErrors
     * @param sections   ids of the {@code <section id=...>} elements, in document order
     * @param charts     chart container id (or "chart-N") to its data-points, in document order
     * @param screenshot the PNG written, or null when none was asked for
     */
    public record Result(List<String> errors, List<String> sections, Map<String, Integer> charts, Path screenshot) {
        /** Charts whose data-points is 0 (or missing). */
        public List<String> emptyCharts() {
            return charts.entrySet().stream().filter(e -> e.getValue() == null || e.getValue() <= 0).map(Map.Entry::getKey).toList();
        }
    }

    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail;
    private final Cdp cdp;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private BrowserCheck(Process process, Path profile, Deque<String> stderrTail, Cdp cdp) {
        this.process = process;
        this.profile = profile;
        this.stderrTail = stderrTail;
        this.cdp = cdp;
    }

    /** One shot: launch, open the file, inspect (screenshot at 1280 px wide), close. */
    public static Result check(Path html, Path screenshot) throws IOException {
        try (BrowserCheck browser = launch()) {
            browser.open(html);
            return browser.inspect(screenshot);
        }
    }

    /** The Chromium binary; fails with a clear message when it is not installed. */
    public static Path chromium() {
        String override = System.getProperty("touchpoint.chromium", System.getenv("TOUCHPOINT_CHROMIUM"));
        Path bin = override != null && !override.isBlank() ? Path.of(override) : DEFAULT_CHROMIUM;
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Chromium is required for the report browser test but was not found at " + bin
                    + ". Install Debian's package: apt-get install -y chromium (CI installs it).");
        }
        return bin;
    }

    /** Starts headless Chromium with a fresh temporary profile and opens a page target. */
    public static BrowserCheck launch() throws IOException {
        Path bin = chromium();
        Path profile = Files.createTempDirectory("tp-chromium-");
        List<String> cmd = List.of(bin.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new IOException("Cannot start " + bin + ": " + e.getMessage(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<String> wsUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) { // keep draining so Chromium never blocks on a full pipe
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                    Matcher m = DEVTOOLS_LINE.matcher(line);
                    if (m.find()) {
                        wsUrl.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            } finally {
                wsUrl.completeExceptionally(new IOException("Chromium exited before printing its DevTools address"));
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        BrowserCheck browser = null;
        try {
            String browserWs = wsUrl.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            URI u = URI.create(browserWs);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + u.getPort() + "/json/new?about:blank"))
                    .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 200) {
                throw new IOException("Chromium /json/new answered " + created.statusCode() + ": " + created.body());
            }
            String pageWs = JSON.readTree(created.body()).path("webSocketDebuggerUrl").asText();
            Cdp cdp = Cdp.connect(http, pageWs);
            browser = new BrowserCheck(process, profile, tail, cdp);
            cdp.onEvent = browser::event;
            cdp.call("Runtime.enable", null);
            cdp.call("Log.enable", null);
            cdp.call("Page.enable", null);
            browser.viewport(DEFAULT_WIDTH, DEFAULT_HEIGHT);
            // Reports honour prefers-reduced-motion: no chart animation, so screenshots show final charts.
            ObjectNode media = JSON.createObjectNode();
            media.putArray("features").addObject().put("name", "prefers-reduced-motion").put("value", "reduce");
            cdp.call("Emulation.setEmulatedMedia", media);
            return browser;
        } catch (Exception e) {
            String stderr;
            synchronized (tail) {
                stderr = String.join("\n", tail);
            }
            if (browser != null) {
                browser.close();
            } else {
                kill(process);
                deleteTree(profile);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Could not drive headless Chromium (" + e + "). Chromium stderr:\n" + stderr, e);
        }
    }

    /** Sets the viewport (CSS pixels, device scale 1). */
    public void viewport(int width, int height) throws IOException {
        ObjectNode p = JSON.createObjectNode().put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false);
        cdp.call("Emulation.setDeviceMetricsOverride", p);
    }

    /** Navigates to the file and waits until the report sets document.body.dataset.rendered = "true". */
    public void open(Path html) throws IOException {
        JsonNode nav = cdp.call("Page.navigate", JSON.createObjectNode().put("url", html.toAbsolutePath().toUri().toString()));
        if (nav.hasNonNull("errorText")) {
            throw new IOException("Navigation to " + html + " failed: " + nav.get("errorText").asText());
        }
        long deadline = System.nanoTime() + RENDER_TIMEOUT.toNanos();
        while (true) {
            JsonNode done = evaluate("!!(document.body && document.body.dataset.rendered === 'true')");
            if (done.asBoolean(false)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The page did not set document.body.dataset.rendered = \"true\" within "
                        + RENDER_TIMEOUT.toSeconds() + " s; errors so far: " + errors() + "\nChromium stderr:\n" + chromiumLog());
            }
            sleep(100);
        }
        // Let layout and (reduced) chart drawing settle: two frames and a short pause.
        evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250))))");
    }

    /**
     * Evaluates a JavaScript expression in the page (promises are awaited) and returns its value as JSON
     * (null node for undefined). A thrown exception becomes an IOException.
     */
    public JsonNode evaluate(String expression) throws IOException {
        ObjectNode p = JSON.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true)
                .put("userGesture", true);
        JsonNode res = cdp.call("Runtime.evaluate", p);
        if (res.has("exceptionDetails")) {
            throw new IOException("JavaScript failed: " + describe(res.get("exceptionDetails")) + "\n  in: " + expression);
        }
        JsonNode value = res.path("result").path("value");
        return value.isMissingNode() ? JSON.nullNode() : value;
    }

    /** The last lines Chromium wrote to stderr (for diagnostics). */
    public String chromiumLog() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** Errors seen so far: from the DevTools events and from the page's window.__tpErrors. */
    public List<String> errors() {
        List<String> all;
        synchronized (errors) {
            all = new ArrayList<>(errors);
        }
        try {
            JsonNode page = evaluate("Array.isArray(window.__tpErrors) ? window.__tpErrors.map(String) : []");
            page.forEach(n -> all.add("window.__tpErrors: " + n.asText()));
        } catch (IOException e) {
            all.add("cannot read window.__tpErrors: " + e.getMessage());
        }
        return all;
    }

    /** Reads sections, charts and errors, and writes a full-page PNG at the current width (null: no screenshot). */
    public Result inspect(Path screenshot) throws IOException {
        JsonNode info = evaluate("({"
                + "sections: Array.from(document.querySelectorAll('section[id]'), s => s.id),"
                + "charts: Array.from(document.querySelectorAll('.tp-chart'), (c, i) => [c.id || ('chart-' + i), c.getAttribute('data-points')])"
                + "})");
        List<String> sections = new ArrayList<>();
        info.path("sections").forEach(n -> sections.add(n.asText()));
        Map<String, Integer> charts = new LinkedHashMap<>();
        info.path("charts").forEach(n -> {
            String points = n.get(1).isNull() ? "" : n.get(1).asText();
            Integer value;
            try {
                value = Integer.valueOf(points.trim());
            } catch (NumberFormatException e) {
                value = null;
            }
            charts.put(n.get(0).asText(), value);
        });
        Path shot = screenshot == null ? null : screenshot(screenshot);
        return new Result(List.copyOf(errors()), List.copyOf(sections), Collections.unmodifiableMap(charts), shot);
    }

    /**
     * Charts that claim data points but show nothing: no ECharts SVG/canvas of real size or nothing drawn in it
     * (for example a chart initialised while its container had no width).
     */
    public List<String> undrawnCharts() throws IOException {
        JsonNode rows = evaluate("Array.from(document.querySelectorAll('.tp-chart'), (c, i) => {"
                + " const points = +c.getAttribute('data-points') || 0;"
                + " const surface = c.querySelector('svg, canvas');"
                + " const r = surface ? surface.getBoundingClientRect() : {width: 0, height: 0};"
                + " const shapes = surface && surface.tagName.toLowerCase() === 'svg' ? surface.querySelectorAll('path, rect').length : 1;"
                + " return [c.id || ('chart-' + i), points > 0 && (r.width < 50 || r.height < 50 || shapes === 0)]; })");
        List<String> bad = new ArrayList<>();
        rows.forEach(n -> {
            if (n.get(1).asBoolean()) {
                bad.add(n.get(0).asText());
            }
        });
        return bad;
    }

    /** Full-page PNG (captureBeyondViewport, clipped to the CSS content size). */
    public Path screenshot(Path file) throws IOException {
        JsonNode before = cdp.call("Page.getLayoutMetrics", null);
        JsonNode viewport = before.path("cssLayoutViewport");
        int viewWidth = viewport.path("clientWidth").asInt(DEFAULT_WIDTH);
        int viewHeight = viewport.path("clientHeight").asInt(DEFAULT_HEIGHT);
        double height = Math.ceil(contentSize(before).path("height").asDouble(DEFAULT_HEIGHT));
        // A viewport as tall as the page: everything is laid out and painted as a person scrolling would see it
        // (captureBeyondViewport alone can leave sticky or lazily painted parts blank).
        viewport(viewWidth, (int) Math.min(height, 16_000));
        try {
            evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200))))");
            JsonNode size = contentSize(cdp.call("Page.getLayoutMetrics", null));
            ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true).put("fromSurface", true);
            p.putObject("clip").put("x", 0).put("y", 0).put("width", Math.ceil(size.path("width").asDouble(viewWidth)))
                    .put("height", Math.ceil(size.path("height").asDouble(height))).put("scale", 1);
            return write(file, cdp.call("Page.captureScreenshot", p));
        } finally {
            viewport(viewWidth, viewHeight);
        }
    }

    private static JsonNode contentSize(JsonNode metrics) {
        return metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.get("contentSize");
    }

    /** PNG of one element (first match of the CSS selector), e.g. a section, to look at details at full size. */
    public Path screenshot(Path file, String selector) throws IOException {
        JsonNode r = evaluate("(e => { if (!e) return null; const b = e.getBoundingClientRect();"
                + " return [b.left + window.scrollX, b.top + window.scrollY, b.width, b.height]; })(document.querySelector("
                + JSON.writeValueAsString(selector) + "))");
        if (r.isNull()) {
            throw new IOException("No element matches " + selector);
        }
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true).put("fromSurface", true);
        p.putObject("clip").put("x", r.get(0).asDouble()).put("y", r.get(1).asDouble())
                .put("width", Math.ceil(r.get(2).asDouble())).put("height", Math.ceil(r.get(3).asDouble())).put("scale", 1);
        return write(file, cdp.call("Page.captureScreenshot", p));
    }

    private static Path write(Path file, JsonNode shot) throws IOException {
        byte[] png = Base64.getDecoder().decode(shot.path("data").asText());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, png);
        return file;
    }

    /** Kills Chromium (and its helper processes) and deletes the temporary profile. */
    @Override
    public void close() {
        try {
            cdp.close();
        } finally {
            kill(process);
            deleteTree(profile);
        }
    }

    private void event(String method, JsonNode params) {
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText()) || "assert".equals(params.path("type").asText())) {
                    List<String> parts = new ArrayList<>();
                    params.path("args").forEach(a -> parts.add(a.has("value") ? a.get("value").asText() : a.path("description").asText(a.path("type").asText())));
                    errors.add("console.error: " + String.join(" ", parts));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + describe(params.path("exceptionDetails")));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    errors.add("log (" + entry.path("source").asText() + "): " + entry.path("text").asText()
                            + (entry.hasNonNull("url") ? " " + entry.get("url").asText() : ""));
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    private static String describe(JsonNode details) {
        JsonNode ex = details.path("exception");
        String text = ex.hasNonNull("description") ? ex.get("description").asText() : details.path("text").asText();
        return text + " (line " + details.path("lineNumber").asInt() + ", column " + details.path("columnNumber").asInt() + ")";
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // best effort
        }
    }

    private static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // retried below
                    }
                });
            } catch (IOException ignored) {
                // retried below
            }
            if (Files.exists(root)) {
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A minimal Chrome DevTools Protocol client over one WebSocket. */
    private static final class Cdp implements WebSocket.Listener {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile EventSink onEvent = (m, p) -> { };

        interface EventSink {
            void accept(String method, JsonNode params);
        }

        static Cdp connect(HttpClient http, String url) throws IOException {
            Cdp cdp = new Cdp();
            try {
                cdp.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), cdp)
                        .get(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while connecting to " + url, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("Cannot connect to the DevTools socket " + url + ": " + e, e);
            }
            return cdp;
        }

        JsonNode call(String method, JsonNode params) throws IOException {
            int id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            if (params != null) {
                msg.set("params", params);
            }
            CompletableFuture<JsonNode> result = new CompletableFuture<>();
            pending.put(id, result);
            try {
                synchronized (this) { // one send at a time
                    socket.sendText(JSON.writeValueAsString(msg), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
                JsonNode answer = result.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (answer.has("error")) {
                    throw new IOException(method + " failed: " + answer.get("error"));
                }
                return answer.path("result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(method + " interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException(method + " failed: " + e, e);
            } finally {
                pending.remove(id);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else if (msg.has("method")) {
                        onEvent.accept(msg.get("method").asText(), msg.path("params"));
                    }
                } catch (IOException | RuntimeException e) {
                    // a malformed message must not stop the listener
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("DevTools socket closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        private void failAll(Throwable t) {
            pending.values().forEach(f -> f.completeExceptionally(t));
        }

        void close() {
            WebSocket s = socket;
            if (s != null) {
                s.abort();
            }
        }
    }
}
