package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.FuzzInputs.lines;
import static io.touchpoint.core.ingest.FuzzInputs.mutate;
import static io.touchpoint.core.ingest.FuzzInputs.oneOf;
import static io.touchpoint.core.ingest.FuzzInputs.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.InputConfig.AccessLogOptions;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Any text read as an access log: no exception (no stack overflow on long lines either), one
 * record per non-blank line ({@link FuzzChecks#lineFormat}); and the linear scanner accepts and
 * splits exactly as the regular expression it replaced did.
 */
class AccessLogFuzzTest {
    private static final AccessLogParser DEFAULTS = new AccessLogParser(TestInputs.accessLog(new AccessLogOptions("", false, false, false)));
    private static final AccessLogParser KEEP_ALL = new AccessLogParser(
            TestInputs.accessLog(new AccessLogOptions("shop.example.com", true, true, true)));
    /**
     * The line expression before the scanner, with DOTALL: without it, {@code .} refused U+0085,
     * U+2028 and U+2029 after a backslash and in the trailing fields, which the scanner accepts.
     * It recursed once per character of a quoted field, so it is only asked about short lines.
     */
    private static final Pattern FORMER = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\S+)"
                    + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\".*$", Pattern.DOTALL);
    private static final int FORMER_MAX_CHARS = 400;

    @Test
    void randomText() {
        Fuzz.check("access log random text", 1_000, oneOf(r -> FuzzInputs.randomText(r, 400),
                r -> lines(r, r.nextInt(20), rr -> "1.2.3.4 - - [" + FuzzInputs.randomText(rr, 80))),
                text -> {
                    FuzzChecks.lineFormat(text, DEFAULTS);
                    FuzzChecks.lineFormat(text, KEEP_ALL);
                });
    }

    @Test
    void randomBytes() {
        Fuzz.check("access log random bytes", 500, r -> FuzzInputs.randomBytes(r, 600), text -> FuzzChecks.lineFormat(text, DEFAULTS));
    }

    @Test
    void mutatedValidLines() {
        Fuzz.check("access log mutated", 1_000, r -> mutate(r, lines(r, 1 + r.nextInt(8), AccessLogFuzzTest::validLine)),
                text -> {
                    FuzzChecks.lineFormat(text, DEFAULTS);
                    FuzzChecks.lineFormat(text, KEEP_ALL);
                });
    }

    @Test
    void scannerAgreesWithTheFormerExpression() {
        Fuzz.check("access log scanner = former regex", 2_000, oneOf(
                r -> mutate(r, validLine(r)), r -> mutate(r, mutate(r, validLine(r))), r -> FuzzInputs.randomText(r, 200)),
                line -> {
                    if (line.length() > FORMER_MAX_CHARS) {
                        return;
                    }
                    Matcher m = FORMER.matcher(line);
                    CombinedLogLine c = CombinedLogLine.parse(line);
                    if (!m.matches()) {
                        assertThat(c).isNull();
                        return;
                    }
                    assertThat(c).isEqualTo(new CombinedLogLine(m.group(1), m.group(2), m.group(3),
                            Integer.parseInt(m.group(4)), m.group(6), m.group(7)));
                    String[] words = m.group(3).split(" ");
                    assertThat(AccessLogParser.requestPath(m.group(3))).isEqualTo(words.length < 2 ? null : words[1]);
                });
    }

    @Test
    void validLinesAreAcceptedOrSkipped() {
        Fuzz.check("access log valid", 300, r -> lines(r, 1 + r.nextInt(8), AccessLogFuzzTest::validLine), text -> {
            FuzzChecks.lineFormat(text, DEFAULTS);
            TestInputs.all(new LineRecords(TestInputs.FILE, TestInputs.reader(text), DEFAULTS)).forEach(rec -> {
                if (rec.problem() != null) {
                    assertThat(rec.problem().disposition()).isEqualTo(RawRecord.Disposition.SKIPPED);
                }
            });
        });
    }

    /** A combined-format line: IPv4, IPv6 or named host, escaped quotes, dashes, long query strings, trailing fields. */
    static String validLine(Random r) {
        String host = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(256) + "." + r.nextInt(256) + ".0." + r.nextInt(256);
            case 1 -> "2001:db8::" + Integer.toHexString(r.nextInt(0xffff));
            default -> "crawler-" + word(r, 6) + ".example.net";
        };
        String path = "/" + word(r, 30) + (r.nextInt(4) == 0 ? "?q=" + "x".repeat(r.nextInt(3_000)) : "");
        int status = new int[] {200, 200, 200, 204, 301, 304, 400, 404, 500}[r.nextInt(9)];
        // a probe's empty request comes with a 400 (and is skipped as an error)
        String request = status == 400 && r.nextBoolean() ? "-" : (r.nextBoolean() ? "GET " : "POST ") + path + " HTTP/1." + r.nextInt(2);
        String referrer = r.nextBoolean() ? "-" : "https://www.google.com/search?q=" + word(r, 20);
        String agent = r.nextBoolean() ? "-" : "Mozilla/5.0 (X11; Linux x86_64) \\\"quoted\\\" " + word(r, 20);
        return host + " - " + (r.nextBoolean() ? "-" : "frank") + " [1" + r.nextInt(10) + "/Oct/2026:13:55:36 "
                + (r.nextBoolean() ? "-0700" : "+0000") + "] \"" + request + "\" " + status + " " + (r.nextBoolean() ? "-" : r.nextInt(99999))
                + " \"" + referrer + "\" \"" + agent + "\"" + (r.nextBoolean() ? "" : " \"-\" " + r.nextInt(1000));
    }
}
