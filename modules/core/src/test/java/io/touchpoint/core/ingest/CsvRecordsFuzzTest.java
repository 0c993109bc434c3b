package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.FuzzInputs.lines;
import static io.touchpoint.core.ingest.FuzzInputs.mutate;
import static io.touchpoint.core.ingest.FuzzInputs.oneOf;
import static io.touchpoint.core.ingest.FuzzInputs.randomBytes;
import static io.touchpoint.core.ingest.FuzzInputs.randomText;
import static io.touchpoint.core.ingest.FuzzInputs.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Any text read as CSV: no exception but a header refused as bad input, and every line accounted for ({@link FuzzChecks#csv}). */
class CsvRecordsFuzzTest {
    private static final String HEADER = "event_time,visitor_id,event_name,page_url,revenue";
    private static final List<String> OPTIONAL = List.of("event_id", "user_id", "page_url", "referrer_url", "utm_source",
            "utm_campaign", "revenue", "user_agent", "order_id", "notes");

    @Test
    void randomTextAfterAHeader() {
        Fuzz.check("csv random text", 1_000, oneOf(
                r -> HEADER + "\n" + randomText(r, 400),
                r -> HEADER + "\n" + lines(r, r.nextInt(30), rr -> randomText(rr, 40))),
                text -> FuzzChecks.csv(text, TestInputs.csv()));
    }

    @Test
    void randomBytesAfterAHeader() {
        Fuzz.check("csv random bytes", 500, r -> HEADER + "\n" + randomBytes(r, 600), text -> FuzzChecks.csv(text, TestInputs.csv()));
    }

    @Test
    void randomTextAsAWholeFile() {
        Fuzz.check("csv random file", 500, oneOf(r -> randomText(r, 300), r -> randomBytes(r, 300)),
                text -> FuzzChecks.csv(text, TestInputs.csv()));
    }

    @Test
    void mutatedValidFiles() {
        for (char delimiter : new char[] {',', ';', '\t'}) {
            InputConfig config = TestInputs.csv(delimiter, Map.of());
            Fuzz.check("csv mutated " + (int) delimiter, 400, r -> mutate(r, validFile(r, delimiter)),
                    text -> FuzzChecks.csv(text, config));
        }
    }

    @Test
    void validFilesAreReadWhole() {
        // The generator's own files: every record accepted, so the properties above start from real CSV.
        Fuzz.check("csv valid", 300, r -> validFile(r, ','), text -> {
            FuzzChecks.csv(text, TestInputs.csv());
            TestInputs.all(new CsvRecords(TestInputs.csv(), TestInputs.FILE, TestInputs.reader(text)))
                    .forEach(rec -> assertThat(rec.problem()).isNull());
        });
    }

    @Test
    void headerNamingAReadColumnTwiceIsRefusedNamingItAndBothPositions() {
        Fuzz.check("csv duplicate column", 300, r -> {
            List<String> columns = new ArrayList<>(List.of(validFile(r, ',').split("\n", 2)[0].split(",")));
            String twice = columns.get(r.nextInt(columns.size()));
            columns.add(r.nextInt(columns.size() + 1), r.nextBoolean() ? twice : " " + twice + "\t");
            return String.join(",", columns) + "\n";
        }, text -> {
            List<String> names = Stream.of(text.split("\n")[0].split(",")).map(String::strip).toList();
            String twice = names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).findFirst().orElseThrow();
            if (twice.equals("notes")) { // not a column Touchpoint reads: it may repeat
                assertThat(new CsvRecords(TestInputs.csv(), TestInputs.FILE, TestInputs.reader(text)).hasNext()).isFalse();
                return;
            }
            assertThatThrownBy(() -> new CsvRecords(TestInputs.csv(), TestInputs.FILE, TestInputs.reader(text)))
                    .isInstanceOfSatisfying(TouchpointException.class, e -> assertThat(e.getMessage()).startsWith(
                            "The input has the column " + twice + " twice, as columns " + (names.indexOf(twice) + 1) + " and "
                                    + (names.lastIndexOf(twice) + 1)));
        });
    }

    /** A header of the required and some optional columns in any order, and rows of matching, properly quoted fields. */
    static String validFile(Random r, char delimiter) {
        List<String> columns = new ArrayList<>(List.of("event_time", "visitor_id", "event_name"));
        for (String c : OPTIONAL) {
            if (r.nextBoolean() && !columns.contains(c)) {
                columns.add(c);
            }
        }
        Collections.shuffle(columns, r);
        StringBuilder sb = new StringBuilder(String.join(String.valueOf(delimiter), columns)).append('\n');
        int rows = r.nextInt(25);
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(10) == 0) {
                sb.append(r.nextBoolean() ? "\n" : "  \n");
            }
            List<String> fields = new ArrayList<>();
            for (String c : columns) {
                fields.add(quote(value(r, c), delimiter, r));
            }
            sb.append(String.join(String.valueOf(delimiter), fields)).append(r.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    private static String value(Random r, String column) {
        return switch (column) {
            case "event_time" -> r.nextInt(5) == 0 ? "1788256800" + (100 + r.nextInt(900)) : "2026-09-0" + (1 + r.nextInt(9))
                    + "T1" + r.nextInt(10) + ":0" + r.nextInt(10) + ":00" + (r.nextBoolean() ? "Z" : "+02:00");
            case "revenue" -> r.nextBoolean() ? "" : r.nextInt(1000) + "." + r.nextInt(100);
            case "page_url", "referrer_url" -> "https://shop.example.com/" + word(r, 20) + (r.nextBoolean() ? "?utm_source=" + word(r, 8) : "");
            case "notes", "user_agent" -> switch (r.nextInt(8)) {
                case 0 -> "said \"hi\", then\nleft;\tsmiling \ud83d\ude00";
                case 1 -> String.join("\n", Collections.nCopies(1 + r.nextInt(60), word(r, 10))); // a field of many lines
                default -> word(r, 30);
            };
            default -> word(r, 12);
        };
    }

    /** The field as CSV: quoted (quotes doubled) when it must be, and sometimes when it need not. */
    private static String quote(String value, char delimiter, Random r) {
        boolean must = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return must || r.nextInt(4) == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
