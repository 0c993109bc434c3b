package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_NAME;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_TIME;
import static io.touchpoint.core.ingest.CanonicalColumn.PAGE_URL;
import static io.touchpoint.core.ingest.CanonicalColumn.REFERRER_URL;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_AGENT;
import static io.touchpoint.core.ingest.CanonicalColumn.VISITOR_ID;
import static io.touchpoint.core.ingest.TestInputs.FILE;
import static io.touchpoint.core.ingest.TestInputs.accessLog;
import static io.touchpoint.core.ingest.TestInputs.all;
import static io.touchpoint.core.ingest.TestInputs.reader;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.InputConfig.AccessLogOptions;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Combined-format access logs read as Matomo's importer does: page views only, visitor = hash(ip, agent). */
class AccessLogParserTest {
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
    /** Apache's documented combined-format example, moved to 2026. */
    private static final String APACHE = "127.0.0.1 - frank [10/Oct/2026:13:55:36 -0700] \"GET /apache_pb.html HTTP/1.0\" 200 2326"
            + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
    /** NGINX's default "combined" log_format, followed by an extra field as many setups append. */
    private static final String NGINX = "203.0.113.7 - - [10/Oct/2026:13:55:36 -0700] \"GET /products/shoes?utm_source=news HTTP/2.0\""
            + " 200 5120 \"-\" \"" + FIREFOX + "\" \"-\"";
    /** 2026-10-10T20:55:36Z in epoch microseconds. */
    private static final long CLF_MICROS = 1_791_665_736_000_000L;

    private static final AccessLogParser DEFAULTS = parser(new AccessLogOptions("", false, false, false));

    private static AccessLogParser parser(AccessLogOptions options) {
        return new AccessLogParser(accessLog(options));
    }

    private static String line(String path, int status, String agent) {
        return "203.0.113.7 - - [10/Oct/2026:13:55:36 -0700] \"GET " + path + " HTTP/1.1\" " + status + " 512 \"-\" \""
                + agent + "\"";
    }

    private static long micros(RawRecord r) {
        return new EventTimeParser(ZoneId.of("UTC")).parseMicros(r.field(EVENT_TIME)).orElseThrow();
    }

    @Test
    void apacheCombinedLineIsAPageView() {
        RawRecord r = DEFAULTS.parse(FILE, 3, APACHE);
        assertThat(r.problem()).isNull();
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.raw()).isEqualTo(APACHE);
        assertThat(r.field(EVENT_NAME)).isEqualTo("page_view");
        assertThat(r.field(PAGE_URL)).isEqualTo("/apache_pb.html");
        assertThat(r.field(REFERRER_URL)).isEqualTo("http://www.example.com/start.html");
        assertThat(r.field(USER_AGENT)).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
        assertThat(micros(r)).isEqualTo(CLF_MICROS);
        assertThat(r.field(VISITOR_ID)).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void nginxCombinedLineWithTrailingFieldIsAPageViewAndDashReferrerIsNull() {
        RawRecord r = DEFAULTS.parse(FILE, 1, NGINX);
        assertThat(r.problem()).isNull();
        assertThat(r.field(PAGE_URL)).isEqualTo("/products/shoes?utm_source=news");
        assertThat(r.field(REFERRER_URL)).isNull();
        assertThat(r.field(USER_AGENT)).isEqualTo(FIREFOX);
        assertThat(micros(r)).isEqualTo(CLF_MICROS);
        // the first 16 bytes of HMAC-SHA256("203.0.0.0|" + agent) under the key, base64url
        assertThat(r.field(VISITOR_ID)).isEqualTo(FIXED.visitorId("203.0.0.0", FIREFOX)).hasSize(22);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10/Oct/2026:13:55:36 -0700 | 1791665736000000",
        "10/Oct/2026:20:55:36 +0000 | 1791665736000000",
        "10/Oct/2026:22:55:00 +0200 | 1791665700000000",   // zero seconds must survive the round trip
        "01/Jan/2026:00:00:00 +0000 | 1767225600000000",
    })
    void logTimeIsConvertedWithItsOffset(String clf, long expected) {
        RawRecord r = DEFAULTS.parse(FILE, 1, "1.2.3.4 - - [" + clf + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");
        assertThat(micros(r)).isEqualTo(expected);
    }

    @Test
    void unreadableLogTimeIsKeptRawForValidationToQuarantine() {
        RawRecord r = DEFAULTS.parse(FILE, 1, "1.2.3.4 - - [99/Foo/2026:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");
        assertThat(r.problem()).isNull();
        assertThat(r.field(EVENT_TIME)).isEqualTo("99/Foo/2026:13:55:36 -0700");
        assertThat(new EventTimeParser(ZoneId.of("UTC")).parseMicros(r.field(EVENT_TIME))).isEmpty();
    }

    @Test
    void visitorIdIsADeterministicHashOfIpAndAgent() {
        String a = DEFAULTS.parse(FILE, 1, line("/a", 200, CHROME)).field(VISITOR_ID);
        String sameAgainOtherPage = DEFAULTS.parse(FILE, 9, line("/b", 200, CHROME)).field(VISITOR_ID);
        String otherAgent = DEFAULTS.parse(FILE, 1, line("/a", 200, FIREFOX)).field(VISITOR_ID);
        String otherIp = DEFAULTS.parse(FILE, 1, line("/a", 200, CHROME).replace("203.0.113.7", "203.0.113.8"))
                .field(VISITOR_ID);
        String otherNetwork = DEFAULTS.parse(FILE, 1, line("/a", 200, CHROME).replace("203.0.113.7", "203.1.113.7"))
                .field(VISITOR_ID);
        assertThat(a).matches("[A-Za-z0-9_-]{22}").isEqualTo(sameAgainOtherPage);
        assertThat(otherAgent).isNotEqualTo(a);
        // ip-mask = 2: 203.0.113.7 and 203.0.113.8 are both 203.0.0.0, so one visitor; 203.1.x.x is another.
        assertThat(otherIp).isEqualTo(a);
        assertThat(otherNetwork).isNotEqualTo(a);
        assertThat(a).isEqualTo(FIXED.visitorId("203.0.0.0", CHROME));
    }

    private static final io.touchpoint.core.privacy.ClientIps FIXED = io.touchpoint.core.privacy.ClientIps.withFixedTestKey(2);

    @Test
    void dashUserAgentIsNull() {
        RawRecord r = DEFAULTS.parse(FILE, 1, line("/a", 200, "-"));
        assertThat(r.field(USER_AGENT)).isNull();
        assertThat(r.field(VISITOR_ID)).isEqualTo(FIXED.visitorId("203.0.113.7", null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/static/site.css", "/app.js?v=3", "/img/logo.png", "/fonts/inter.woff2", "/favicon.ico",
        "/IMG/PHOTO.JPG", "/bundle.mjs", "/video/intro.mp4?t=1"})
    void staticAssetsAreSkippedUnlessKept(String path) {
        RawRecord skipped = DEFAULTS.parse(FILE, 4, line(path, 200, CHROME));
        assertThat(skipped.fields()).isNull();
        assertThat(skipped.line()).isEqualTo(4);
        assertThat(skipped.problem()).isEqualTo(
                new RawRecord.Problem(RawRecord.Disposition.SKIPPED, Reasons.STATIC_ASSET, null));

        RawRecord kept = parser(new AccessLogOptions("", true, false, false)).parse(FILE, 4, line(path, 200, CHROME));
        assertThat(kept.problem()).isNull();
        assertThat(kept.field(PAGE_URL)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/products/shoes", "/checkout?step=2", "/v1.2/page", "/search?q=style.css",
        "/page.html", "/blog/post.php?id=3", "/file."})
    void pagesAreNotStaticAssets(String path) {
        assertThat(AccessLogParser.isStaticAsset(path)).isFalse();
        assertThat(DEFAULTS.parse(FILE, 1, line(path, 200, CHROME)).problem()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"404, http_error", "400, http_error", "403, http_error", "500, http_error", "503, http_error",
        "301, http_redirect", "302, http_redirect", "304, http_redirect"})
    void errorAndRedirectResponsesAreSkipped(int status, String reason) {
        RawRecord r = DEFAULTS.parse(FILE, 1, line("/page", status, CHROME));
        assertThat(r.fields()).isNull();
        assertThat(r.problem()).isEqualTo(new RawRecord.Problem(RawRecord.Disposition.SKIPPED, reason, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {404, 500})
    void errorsAreKeptWithKeepErrors(int status) {
        RawRecord r = parser(new AccessLogOptions("", false, true, false)).parse(FILE, 1, line("/page", status, CHROME));
        assertThat(r.problem()).isNull();
        assertThat(r.field(EVENT_NAME)).isEqualTo("page_view");
        // keep-errors does not keep redirects
        assertThat(parser(new AccessLogOptions("", false, true, false)).parse(FILE, 1, line("/page", 301, CHROME))
                .problem().reason()).isEqualTo(Reasons.HTTP_REDIRECT);
    }

    @Test
    void redirectsAreKeptWithKeepRedirects() {
        AccessLogParser p = parser(new AccessLogOptions("", false, false, true));
        assertThat(p.parse(FILE, 1, line("/old", 301, CHROME)).problem()).isNull();
        assertThat(p.parse(FILE, 1, line("/old", 404, CHROME)).problem().reason()).isEqualTo(Reasons.HTTP_ERROR);
    }

    @Test
    void responseStatusIsJudgedBeforeStaticAsset() {
        assertThat(DEFAULTS.parse(FILE, 1, line("/missing.png", 404, CHROME)).problem().reason())
                .isEqualTo(Reasons.HTTP_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "garbage",
        "127.0.0.1 - - [10/Oct/2026:13:55:36 -0700] \"GET / HTTP/1.1\" 200 123",           // common, not combined
        "127.0.0.1 - - 10/Oct/2026:13:55:36 -0700 \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"",   // no brackets
        "127.0.0.1 - - [10/Oct/2026:13:55:36 -0700] \"GET / HTTP/1.1\" OK 1 \"-\" \"-\"",   // status not a number
        "127.0.0.1 - - [10/Oct/2026:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"unterminated",
        "{\"event_time\":\"2026-09-01T10:00:00Z\"}",
    })
    void linesNotInCombinedFormatAreMalformed(String text) {
        RawRecord r = DEFAULTS.parse(FILE, 5, text);
        assertThat(r.fields()).isNull();
        assertThat(r.line()).isEqualTo(5);
        assertThat(r.raw()).isEqualTo(text);
        assertThat(r.problem().disposition()).isEqualTo(RawRecord.Disposition.QUARANTINED);
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
        assertThat(r.problem().detail()).isEqualTo("not in combined log format");
    }

    @Test
    void requestWithoutPathIsMalformed() {
        RawRecord r = DEFAULTS.parse(FILE, 1, "1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] \"GARBAGE\" 200 0 \"-\" \"-\"");
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
        assertThat(r.problem().detail()).isEqualTo("request line has no path");
    }

    @Test
    void escapedQuotesInsideQuotedFieldsAreAccepted() {
        RawRecord r = DEFAULTS.parse(FILE, 1,
                "1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 1 \"-\" \"Agent \\\"quoted\\\" 1.0\"");
        assertThat(r.problem()).isNull();
        assertThat(r.field(USER_AGENT)).isEqualTo("Agent \\\"quoted\\\" 1.0");
    }

    @Test
    void withHostPagePathsBecomeAbsoluteHttpsUrls() {
        AccessLogParser p = parser(new AccessLogOptions("shop.example.com", false, false, false));
        assertThat(p.parse(FILE, 1, line("/products/shoes?utm_source=news", 200, CHROME)).field(PAGE_URL))
                .isEqualTo("https://shop.example.com/products/shoes?utm_source=news");
        // an absolute request target (proxy style) is kept as is
        assertThat(p.parse(FILE, 1, line("http://other.example.com/x", 200, CHROME)).field(PAGE_URL))
                .isEqualTo("http://other.example.com/x");
    }

    @Test
    void withoutHostPagePathsStayPaths() {
        assertThat(DEFAULTS.parse(FILE, 1, line("/products/shoes", 200, CHROME)).field(PAGE_URL)).isEqualTo("/products/shoes");
    }

    @Test
    void readThroughLineRecordsWithLineNumbers() {
        List<RawRecord> rs = all(new LineRecords(FILE, reader(APACHE + "\n\n" + line("/x.css", 200, CHROME) + "\nbad\n"),
                DEFAULTS));
        assertThat(rs).extracting(RawRecord::line).containsExactly(1L, 3L, 4L);
        assertThat(rs).extracting(r -> r.problem() == null ? "ok" : r.problem().reason())
                .containsExactly("ok", Reasons.STATIC_ASSET, Reasons.MALFORMED_LINE);
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {100_000, 1_000_000})
    void longQueryStringsReferrersAndAgentsAreRead(int length) {
        String path = "/search?q=" + "x".repeat(length) + "&s=%22a%20b%22";
        String referrer = "https://www.example.com/?r=" + "r".repeat(length);
        String agent = FIREFOX + " " + "a".repeat(length) + " \\\"quoted\\\"";
        String text = "2001:db8::7 - - [10/Oct/2026:13:55:36 -0700] \"GET " + path + " HTTP/1.1\" 200 512 \"" + referrer
                + "\" \"" + agent + "\" \"-\"";
        RawRecord r = DEFAULTS.parse(FILE, 1, text);
        assertThat(r.problem()).isNull();
        assertThat(r.field(PAGE_URL)).isEqualTo(path);
        assertThat(r.field(REFERRER_URL)).isEqualTo(referrer);
        assertThat(r.field(USER_AGENT)).isEqualTo(agent);
        assertThat(micros(r)).isEqualTo(CLF_MICROS);
        assertThat(r.field(VISITOR_ID)).isEqualTo(FIXED.visitorId("2001:db8::7", agent));
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {100_000, 1_000_000})
    void longLinesThatAreNotCombinedAreQuarantined(int length) {
        String head = "1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] \"GET /";
        List<String> lines = List.of(
                head + "x".repeat(length) + " HTTP/1.1\" 200 1 \"-\" \"" + "a".repeat(length), // agent never closed
                head + "\\\"".repeat(length / 2),                                             // every quote escaped
                head + "x".repeat(length) + " HTTP/1.1\" 2000 1 \"-\" \"-\"");                // status of four digits
        for (String text : lines) {
            RawRecord r = DEFAULTS.parse(FILE, 1, text);
            assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
            assertThat(r.problem().detail()).isEqualTo("not in combined log format");
            assertThat(r.raw()).isSameAs(text);
        }
    }

    @Test
    void lineSeparatorsOtherThanCrAndLfAreOrdinaryCharacters() {
        // The former expression's "." refused U+0085, U+2028 and U+2029 after a backslash and in trailing fields.
        String agent = "Agent \\\u2028 1.0";
        RawRecord r = DEFAULTS.parse(FILE, 1, line("/a", 200, agent) + " \"x\u2028y\u0085\"");
        assertThat(r.problem()).isNull();
        assertThat(r.field(USER_AGENT)).isEqualTo(agent);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "'GET /a HTTP/1.1' | /a",
        "'GET /a'          | /a",
        "'GET  /a'         | ''",     // two spaces: an empty word, as split gives it
        "' /a'             | /a",
        "'GET '            | null",
        "'GET   '          | null",
        "'-'               | null",
        "''                | null",
    })
    void requestPathIsTheRequestLinesSecondWord(String request, String path) {
        assertThat(AccessLogParser.requestPath(request)).isEqualTo(path);
    }

    @Test
    void byteOrderMarkOpeningTheFileIsDropped() {
        List<RawRecord> rs = all(new LineRecords(FILE, reader("\uFEFF" + APACHE + "\n\uFEFF" + APACHE + "\n"), DEFAULTS));
        assertThat(rs.get(0).problem()).isNull();
        assertThat(rs.get(0).raw()).isEqualTo(APACHE);
        assertThat(rs.get(0).field(VISITOR_ID)).isEqualTo(DEFAULTS.parse(FILE, 1, APACHE).field(VISITOR_ID));
        // only the file's first character is a byte order mark; elsewhere U+FEFF is text (here part of the host)
        assertThat(rs.get(1).problem()).isNull();
        assertThat(rs.get(1).field(VISITOR_ID)).isNotEqualTo(rs.get(0).field(VISITOR_ID));
    }

    @Test
    void emptyRequestOfAnErrorResponseIsSkippedAsAnError() {
        RawRecord r = DEFAULTS.parse(FILE, 1, "198.51.100.4 - - [10/Oct/2026:13:55:36 -0700] \"-\" 400 0 \"-\" \"-\"");
        assertThat(r.problem().disposition()).isEqualTo(RawRecord.Disposition.SKIPPED);
        assertThat(r.problem().reason()).isEqualTo(Reasons.HTTP_ERROR);
    }
}
