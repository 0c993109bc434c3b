package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.FuzzInputs.lines;
import static io.touchpoint.core.ingest.FuzzInputs.mutate;
import static io.touchpoint.core.ingest.FuzzInputs.oneOf;
import static io.touchpoint.core.ingest.FuzzInputs.randomBytes;
import static io.touchpoint.core.ingest.FuzzInputs.randomText;
import static io.touchpoint.core.ingest.FuzzInputs.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any text read as JSON Lines: no exception, and one record per non-blank line ({@link FuzzChecks#lineFormat}). */
class JsonLinesFuzzTest {
    private static final JsonLineParser PARSER = new JsonLineParser(TestInputs.jsonl(Map.of()));

    @Test
    void randomText() {
        Fuzz.check("jsonl random text", 1_000, oneOf(r -> FuzzInputs.randomText(r, 400),
                r -> lines(r, r.nextInt(20), rr -> "{" + FuzzInputs.randomText(rr, 60))),
                text -> FuzzChecks.lineFormat(text, PARSER));
    }

    @Test
    void randomBytes() {
        Fuzz.check("jsonl random bytes", 500, r -> FuzzInputs.randomBytes(r, 600), text -> FuzzChecks.lineFormat(text, PARSER));
    }

    @Test
    void mutatedValidLines() {
        Fuzz.check("jsonl mutated", 1_000, r -> mutate(r, lines(r, 1 + r.nextInt(10), JsonLinesFuzzTest::validObject)),
                text -> FuzzChecks.lineFormat(text, PARSER));
    }

    @Test
    void validLinesAreAccepted() {
        Fuzz.check("jsonl valid", 300, r -> lines(r, 1 + r.nextInt(10), JsonLinesFuzzTest::validObject), text -> {
            FuzzChecks.lineFormat(text, PARSER);
            TestInputs.all(new LineRecords(TestInputs.FILE, TestInputs.reader(text), PARSER))
                    .forEach(rec -> assertThat(rec.problem()).isNull());
        });
    }

    /** An object with canonical and unknown members, string values with escapes, numbers, literals and nesting. */
    static String validObject(Random r) {
        StringBuilder sb = new StringBuilder("{");
        String[] names = {"event_time", "visitor_id", "event_name", "page_url", "revenue", "user_agent", "other", "n\\u00e9"};
        int members = r.nextInt(names.length + 1);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                sb.append(r.nextBoolean() ? "," : " , ");
            }
            sb.append('"').append(names[r.nextInt(names.length)]).append("\":").append(value(r, 2));
        }
        return sb.append('}').toString();
    }

    private static String value(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> "\"" + word(r, 20) + "\"";
            case 1 -> "\"a \\\"quote\\\", a \\\\ backslash, \\n a line, \\u00e9, \\ud83d\\ude00 \ud83d\ude00\"";
            case 2 -> String.valueOf(r.nextInt(2) == 0 ? r.nextLong() : r.nextDouble() * 1000);
            case 3 -> r.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> "\"2026-09-01T10:0" + r.nextInt(10) + ":00Z\"";
            case 6 -> "[" + value(r, depth - 1) + "," + value(r, depth - 1) + "]";
            default -> "{\"k\":" + value(r, depth - 1) + "}";
        };
    }
}
