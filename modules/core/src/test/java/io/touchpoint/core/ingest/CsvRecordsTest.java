package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_NAME;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_TIME;
import static io.touchpoint.core.ingest.CanonicalColumn.PAGE_URL;
import static io.touchpoint.core.ingest.CanonicalColumn.REVENUE;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_AGENT;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.VISITOR_ID;
import static io.touchpoint.core.ingest.TestInputs.FILE;
import static io.touchpoint.core.ingest.TestInputs.all;
import static io.touchpoint.core.ingest.TestInputs.csv;
import static io.touchpoint.core.ingest.TestInputs.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV records: RFC 4180 quoting, header mapping, and line numbers the quarantine table can point at. */
class CsvRecordsTest {
    private static final String HEADER = "event_time,visitor_id,event_name,page_url";

    private static List<RawRecord> read(InputConfig config, String text) {
        return all(new CsvRecords(config, FILE, reader(text)));
    }

    private static List<RawRecord> read(String text) {
        return read(csv(), text);
    }

    private static void assertMalformed(RawRecord r, long line, String detail) {
        assertThat(r.fields()).isNull();
        assertThat(r.line()).isEqualTo(line);
        assertThat(r.problem().disposition()).isEqualTo(RawRecord.Disposition.QUARANTINED);
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
        assertThat(r.problem().detail()).isEqualTo(detail);
    }

    @Test
    void headerColumnsMapToCanonicalOrderAndMissingOptionalColumnsAreNull() {
        List<RawRecord> rs = read("page_url,event_name,visitor_id,event_time,revenue\n"
                + "/home,page_view,v1,2026-09-01T10:00:00Z,12.5\n");
        assertThat(rs).hasSize(1);
        RawRecord r = rs.get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.file()).isEqualTo(FILE);
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.raw()).isEqualTo("/home,page_view,v1,2026-09-01T10:00:00Z,12.5");
        assertThat(r.field(EVENT_TIME)).isEqualTo("2026-09-01T10:00:00Z");
        assertThat(r.field(VISITOR_ID)).isEqualTo("v1");
        assertThat(r.field(EVENT_NAME)).isEqualTo("page_view");
        assertThat(r.field(PAGE_URL)).isEqualTo("/home");
        assertThat(r.field(REVENUE)).isEqualTo("12.5");
        assertThat(r.field(EVENT_ID)).isNull();
        assertThat(r.field(USER_ID)).isNull();
        assertThat(r.fields()).hasSize(CanonicalColumn.COUNT);
    }

    @Test
    void renamedColumnsAreReadUnderTheirInputNames() {
        InputConfig config = csv(',', Map.of(VISITOR_ID, "cid", EVENT_TIME, "ts", EVENT_NAME, "action"));
        RawRecord r = read(config, "ts,cid,action,visitor_id\n2026-09-01T10:00:00Z,c-1,purchase,not-this\n").get(0);
        assertThat(r.field(VISITOR_ID)).isEqualTo("c-1");
        assertThat(r.field(EVENT_TIME)).isEqualTo("2026-09-01T10:00:00Z");
        assertThat(r.field(EVENT_NAME)).isEqualTo("purchase");
    }

    @Test
    void byteOrderMarkAndSurroundingSpacesInHeaderAreIgnored() {
        RawRecord r = read("\uFEFFevent_time , visitor_id,event_name\n2026-09-01T10:00:00Z,v1,page_view\n").get(0);
        assertThat(r.field(EVENT_TIME)).isEqualTo("2026-09-01T10:00:00Z");
        assertThat(r.field(VISITOR_ID)).isEqualTo("v1");
    }

    @Test
    void quotedFieldsKeepDelimitersAndDoubledQuotes() {
        RawRecord r = read(HEADER + "\n\"2026-09-01T10:00:00Z\",\"v,1\",\"say \"\"hi\"\"\",\"\"\"\"\n").get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.field(VISITOR_ID)).isEqualTo("v,1");
        assertThat(r.field(EVENT_NAME)).isEqualTo("say \"hi\"");
        assertThat(r.field(PAGE_URL)).isEqualTo("\"");
    }

    @Test
    void quotedFieldSpanningTwoLinesIsOneRecordNumberedByItsFirstLine() {
        List<RawRecord> rs = read(HEADER + "\n"
                + "2026-09-01T10:00:00Z,v1,\"multi\n"
                + "line\",/a\n"
                + "2026-09-01T10:01:00Z,v2,page_view,/b\n");
        assertThat(rs).extracting(RawRecord::line).containsExactly(2L, 4L);
        assertThat(rs.get(0).field(EVENT_NAME)).isEqualTo("multi\nline");
        assertThat(rs.get(0).raw()).isEqualTo("2026-09-01T10:00:00Z,v1,\"multi\nline\",/a");
        assertThat(rs.get(1).field(VISITOR_ID)).isEqualTo("v2");
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        List<RawRecord> rs = read(HEADER + "\r\n2026-09-01T10:00:00Z,v1,page_view,/a\r\n2026-09-01T10:00:00Z,v2,x,/b\r\n");
        assertThat(rs).extracting(r -> r.field(PAGE_URL)).containsExactly("/a", "/b");
        assertThat(rs).extracting(RawRecord::line).containsExactly(2L, 3L);
    }

    @Test
    void unterminatedQuoteQuarantinesOnlyItsFirstLineAndLaterLinesAreStillRecords() {
        List<RawRecord> rs = read(HEADER + "\n"
                + "2026-09-01T10:00:00Z,v1,\"oops,/a\n"       // line 2: quote never closed
                + "2026-09-01T10:01:00Z,v2,page_view,/b\n"   // line 3
                + "\n"                                        // line 4: blank
                + "2026-09-01T10:02:00Z,v3,page_view,/c\n"); // line 5
        assertThat(rs).hasSize(3);
        assertMalformed(rs.get(0), 2, "unterminated quoted field");
        assertThat(rs.get(0).raw()).isEqualTo("2026-09-01T10:00:00Z,v1,\"oops,/a");
        assertThat(rs.get(1).line()).isEqualTo(3);
        assertThat(rs.get(1).field(VISITOR_ID)).isEqualTo("v2");
        assertThat(rs.get(2).line()).isEqualTo(5);
        assertThat(rs.get(2).field(VISITOR_ID)).isEqualTo("v3");
    }

    @Test
    void unterminatedQuoteQuarantinesItsFirstLineAndEveryLaterLineIsRead() {
        StringBuilder sb = new StringBuilder(HEADER).append("\n2026-09-01T10:00:00Z,v0,\"stray,/x\n");
        int following = 25;
        for (int i = 1; i <= following; i++) {
            sb.append("2026-09-01T10:00:00Z,v").append(i).append(",page_view,/p\n");
        }
        List<RawRecord> rs = read(sb.toString());
        assertThat(rs).hasSize(following + 1);
        assertMalformed(rs.get(0), 2, "unterminated quoted field");
        for (int i = 1; i <= following; i++) {
            assertThat(rs.get(i).problem()).isNull();
            assertThat(rs.get(i).line()).isEqualTo(i + 2L);
            assertThat(rs.get(i).field(VISITOR_ID)).isEqualTo("v" + i);
        }
    }

    @Test
    void quotedFieldSpanningManyLinesIsOneRecord() {
        // A long address or comment: more lines than the former 20-line bound, far below the size bound.
        String quoted = String.join("\n", Collections.nCopies(40, "a line of the comment, with \"\"quotes\"\""));
        List<RawRecord> rs = read(HEADER + "\n"
                + "2026-09-01T10:00:00Z,v1,\"" + quoted + "\",/a\n"
                + "2026-09-01T10:01:00Z,v2,page_view,/b\n");
        assertThat(rs).extracting(RawRecord::line).containsExactly(2L, 42L);
        assertThat(rs.get(0).problem()).isNull();
        assertThat(rs.get(0).field(EVENT_NAME)).isEqualTo(quoted.replace("\"\"", "\""));
        assertThat(rs.get(0).field(PAGE_URL)).isEqualTo("/a");
        assertThat(rs.get(1).field(VISITOR_ID)).isEqualTo("v2");
    }

    @Test
    void recordSpanningLinesMayHaveUpToTheSizeLimitAndOneCharacterMoreQuarantinesItsFirstLine() {
        String start = "2026-09-01T10:00:00Z,v1,\"";
        String end = "\",/a";
        String next = "2026-09-01T10:01:00Z,v2,page_view,/b";
        // two lines, start + filler and filler + end; the line break between them counts too
        int filler = CsvRecords.MAX_RECORD_CHARS - start.length() - end.length() - 1;
        String atLimit = start + "x".repeat(filler / 2) + "\n" + "y".repeat(filler - filler / 2) + end;
        assertThat(atLimit).hasSize(CsvRecords.MAX_RECORD_CHARS);

        List<RawRecord> fits = read(HEADER + "\n" + atLimit + "\n" + next + "\n");
        assertThat(fits).extracting(RawRecord::line).containsExactly(2L, 4L);
        assertThat(fits.get(0).problem()).isNull();
        assertThat(fits.get(0).raw()).isEqualTo(atLimit);

        String overLimit = start + "x".repeat(filler / 2) + "\n" + "y".repeat(filler - filler / 2 + 1) + end;
        List<RawRecord> tooLong = read(HEADER + "\n" + overLimit + "\n" + next + "\n");
        assertThat(tooLong).hasSize(3);
        assertMalformed(tooLong.get(0), 2, CsvRecords.TOO_LONG);
        assertThat(tooLong.get(0).raw()).isEqualTo(overLimit.substring(0, overLimit.indexOf('\n')));
        // the lines it would have swallowed are records of their own: the closing line, the next record
        assertMalformed(tooLong.get(1), 3, "expected 4 fields, found 2");
        assertThat(tooLong.get(2).line()).isEqualTo(4);
        assertThat(tooLong.get(2).field(VISITOR_ID)).isEqualTo("v2");
    }

    @Test
    void oneLongLineIsNotBoundedBySize() {
        String agent = "u".repeat(CsvRecords.MAX_RECORD_CHARS + 10);
        RawRecord r = read(HEADER + ",user_agent\n2026-09-01T10:00:00Z,v1,page_view,/a,\"" + agent + "\"\n").get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.field(USER_AGENT)).isEqualTo(agent);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // linear: well under a second; re-reading every line's look-ahead: hours
    void everyLineOpeningAQuoteThatTheNextLinesKeepOpenIsReadInLinearTime() {
        // a","x opens a quote at its second field; continuing a quote, it closes it (quote, comma) and opens another.
        int lines = 300_000; // 1.8 million characters, well over the size limit
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < lines; i++) {
            sb.append("a\",\"x\n");
        }
        CsvRecords it = new CsvRecords(csv(), FILE, reader(sb.toString()));
        long expectedLine = 2;
        String firstDetail = null;
        String lastDetail = null;
        while (it.hasNext()) {
            RawRecord r = it.next();
            assertThat(r.line()).isEqualTo(expectedLine++);
            assertThat(r.raw()).isEqualTo("a\",\"x");
            assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
            firstDetail = firstDetail == null ? r.problem().detail() : firstDetail;
            lastDetail = r.problem().detail();
        }
        assertThat(expectedLine).isEqualTo(lines + 2L);
        assertThat(firstDetail).isEqualTo(CsvRecords.TOO_LONG);
        assertThat(lastDetail).isEqualTo(CsvRecords.UNTERMINATED);
    }

    @Test
    void textAfterClosingQuoteIsMalformed() {
        List<RawRecord> rs = read(HEADER + "\n2026-09-01T10:00:00Z,\"v1\"x,page_view,/a\n2026-09-01T10:00:00Z,v2,e,/b\n");
        assertMalformed(rs.get(0), 2, "text after a closing quote");
        assertThat(rs.get(1).field(VISITOR_ID)).isEqualTo("v2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2026-09-01T10:00:00Z,v1,page_view            | expected 4 fields, found 3",
        "2026-09-01T10:00:00Z,v1,page_view,/a,extra   | expected 4 fields, found 5",
        "2026-09-01T10:00:00Z,v1,page_view,/a,        | expected 4 fields, found 5",
        "just-one-field                               | expected 4 fields, found 1",
    })
    void wrongFieldCountIsMalformedWithCounts(String line, String detail) {
        List<RawRecord> rs = read(HEADER + "\n" + line + "\n");
        assertMalformed(rs.get(0), 2, detail);
        assertThat(rs.get(0).raw()).isEqualTo(line);
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersStillCountThem() {
        List<RawRecord> rs = read(HEADER + "\n\n2026-09-01T10:00:00Z,v1,a,/a\n   \n\t\n2026-09-01T10:00:00Z,v2,b,/b\n\n");
        assertThat(rs).hasSize(2);
        assertThat(rs).extracting(RawRecord::line).containsExactly(3L, 6L);
    }

    @Test
    void emptyFieldsBecomeNull() {
        RawRecord r = read(HEADER + "\n2026-09-01T10:00:00Z,v1,,\"\"\n").get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.field(EVENT_NAME)).isNull();
        assertThat(r.field(PAGE_URL)).isNull();
    }

    @ParameterizedTest(name = "delimiter {0}")
    @CsvSource(delimiter = '|', value = {"';'", "'\t'", "'|'"})
    void configuredDelimiter(char delimiter) {
        String d = String.valueOf(delimiter);
        String text = String.join(d, "event_time", "visitor_id", "event_name", "page_url") + "\n"
                + String.join(d, "2026-09-01T10:00:00Z", "\"v" + d + "1\"", "a,b", "/x") + "\n";
        RawRecord r = read(csv(delimiter, Map.of()), text).get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.field(VISITOR_ID)).isEqualTo("v" + d + "1");
        assertThat(r.field(EVENT_NAME)).isEqualTo("a,b"); // a comma is plain text when it is not the delimiter
        assertThat(r.field(PAGE_URL)).isEqualTo("/x");
    }

    @Test
    void missingRequiredColumnIsAnInputErrorNamingTheColumnAndTheFix() {
        assertThatThrownBy(() -> new CsvRecords(csv(), "events.csv", reader("visitor_id,event_name,page_url\nv1,a,/a\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage())
                            .contains("no column event_time")
                            .contains("events.csv")
                            .contains("visitor_id, event_name, page_url")
                            .contains("touchpoint.input.columns { event_time = \"your_column\" }");
                });
    }

    @Test
    void missingRenamedColumnIsNamedByItsInputName() {
        InputConfig config = csv(',', Map.of(VISITOR_ID, "cid"));
        assertThatThrownBy(() -> new CsvRecords(config, FILE, reader("event_time,visitor_id,event_name\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage()).contains("no column cid").contains("visitor_id = \"your_column\"");
                });
    }

    @Test
    void severalMissingColumnsAreAllNamed() {
        assertThatThrownBy(() -> new CsvRecords(csv(), FILE, reader("page_url\n/a\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> assertThat(e.getMessage())
                        .contains("no column event_time, visitor_id, event_name"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "event_time,visitor_id,event_name,visitor_id     | 2 | 4",
        "visitor_id,event_time,visitor_id,event_name     | 1 | 3",
        "event_time, visitor_id ,event_name,visitor_id   | 2 | 4",   // the same name once spaces are stripped
        "event_time,visitor_id,event_name,\uFEFFvisitor_id | 2 | 4",
    })
    void columnReadTwiceIsAnInputErrorNamingTheColumnBothPositionsAndTheFix(String header, int first, int second) {
        assertThatThrownBy(() -> new CsvRecords(csv(), "events.csv", reader(header + "\n2026-09-01T10:00:00Z,v1,a,v2\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.kind().exitCode()).isEqualTo(3);
                    assertThat(e.value()).isEqualTo("events.csv");
                    assertThat(e.getMessage())
                            .startsWith("The input has the column visitor_id twice, as columns " + first + " and " + second)
                            .contains("Rename or remove one of the two")
                            .contains("touchpoint.input.columns { visitor_id = \"your_column\" }");
                });
    }

    @Test
    void renamedColumnReadTwiceIsNamedByItsInputNameAndItsCanonicalName() {
        InputConfig config = csv(',', Map.of(VISITOR_ID, "cid"));
        assertThatThrownBy(() -> new CsvRecords(config, FILE, reader("cid,event_time,event_name,cid\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage())
                            .startsWith("The input has the column cid (read as visitor_id) twice, as columns 1 and 4");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "event_time,visitor_id,event_name,notes,notes",   // a column Touchpoint does not read
        "event_time,visitor_id,event_name,,",             // trailing delimiters: two empty names
        "event_time,visitor_id,event_name,Visitor_ID,x",  // names match exactly, so Visitor_ID is not read
    })
    void repeatedColumnsTouchpointDoesNotReadAreFine(String header) {
        RawRecord r = read(header + "\n2026-09-01T10:00:00Z,v1,page_view,x,y\n").get(0);
        assertThat(r.problem()).isNull();
        assertThat(r.field(VISITOR_ID)).isEqualTo("v1");
    }

    @Test
    void renamedAwayCanonicalNameNextToItsRenameIsNotADuplicate() {
        InputConfig config = csv(',', Map.of(VISITOR_ID, "cid"));
        RawRecord r = read(config, "event_time,visitor_id,event_name,cid\n2026-09-01T10:00:00Z,not-this,a,c-1\n").get(0);
        assertThat(r.field(VISITOR_ID)).isEqualTo("c-1");
    }

    @Test
    void malformedHeaderIsAnInputError() {
        assertThatThrownBy(() -> new CsvRecords(csv(), FILE, reader("\"event_time\"x,visitor_id,event_name\n")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage()).contains("header row is malformed");
                });
    }

    @Test
    void emptyFileAndHeaderOnlyFileHaveNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read(HEADER + "\n")).isEmpty();
        CsvRecords it = new CsvRecords(csv(), FILE, reader(HEADER));
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkipped() {
        List<RawRecord> rs = read("\n" + HEADER + "\n2026-09-01T10:00:00Z,v1,a,/a\n");
        assertThat(rs).extracting(RawRecord::line).containsExactly(3L);
    }

    @Test
    void lastLineWithoutNewlineIsRead() {
        assertThat(read(HEADER + "\n2026-09-01T10:00:00Z,v1,a,/a")).hasSize(1);
    }
}
