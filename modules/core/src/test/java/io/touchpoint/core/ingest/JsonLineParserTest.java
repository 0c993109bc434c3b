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
import static io.touchpoint.core.ingest.TestInputs.jsonl;
import static io.touchpoint.core.ingest.TestInputs.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.InputConfig;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON Lines through LineRecords: one object a line, members are (renamed) canonical columns. */
class JsonLineParserTest {

    private static List<RawRecord> read(InputConfig config, String text) {
        return all(new LineRecords(FILE, reader(text), new JsonLineParser(config)));
    }

    private static RawRecord one(String line) {
        List<RawRecord> rs = read(jsonl(Map.of()), line + "\n");
        assertThat(rs).hasSize(1);
        return rs.get(0);
    }

    @Test
    void objectMembersBecomeCanonicalFieldsAndUnknownMembersAreIgnored() {
        RawRecord r = one("{\"event_time\":\"2026-09-01T10:00:00Z\",\"visitor_id\":\"v1\",\"event_name\":\"page_view\","
                + "\"page_url\":\"https://shop.example.com/\",\"other\":\"ignored\"}");
        assertThat(r.problem()).isNull();
        assertThat(r.file()).isEqualTo(FILE);
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.field(EVENT_TIME)).isEqualTo("2026-09-01T10:00:00Z");
        assertThat(r.field(VISITOR_ID)).isEqualTo("v1");
        assertThat(r.field(EVENT_NAME)).isEqualTo("page_view");
        assertThat(r.field(PAGE_URL)).isEqualTo("https://shop.example.com/");
        assertThat(r.field(EVENT_ID)).isNull();
        assertThat(r.fields()).hasSize(CanonicalColumn.COUNT);
    }

    @Test
    void numbersAndBooleansAreReadAsText() {
        RawRecord r = one("{\"event_time\":1788256800123,\"visitor_id\":42,\"event_name\":true,\"revenue\":12.5,"
                + "\"user_id\":false}");
        assertThat(r.field(EVENT_TIME)).isEqualTo("1788256800123");
        assertThat(r.field(VISITOR_ID)).isEqualTo("42");
        assertThat(r.field(EVENT_NAME)).isEqualTo("true");
        assertThat(r.field(REVENUE)).isEqualTo("12.5");
        assertThat(r.field(USER_ID)).isEqualTo("false");
    }

    @Test
    void nestedValuesAreKeptAsJsonText() {
        RawRecord r = one("{\"user_agent\":{\"name\":\"x\",\"v\":[1,2]},\"page_url\":[\"/a\",\"/b\"]}");
        assertThat(r.field(USER_AGENT)).isEqualTo("{\"name\":\"x\",\"v\":[1,2]}");
        assertThat(r.field(PAGE_URL)).isEqualTo("[\"/a\",\"/b\"]");
    }

    @Test
    void nullAndEmptyStringsAreAbsent() {
        RawRecord r = one("{\"visitor_id\":null,\"event_name\":\"\",\"event_time\":\"x\"}");
        assertThat(r.problem()).isNull();
        assertThat(r.field(VISITOR_ID)).isNull();
        assertThat(r.field(EVENT_NAME)).isNull();
        assertThat(r.field(EVENT_TIME)).isEqualTo("x");
    }

    @Test
    void renamedColumnsAreReadUnderTheirInputNames() {
        InputConfig config = jsonl(Map.of(VISITOR_ID, "cid", EVENT_TIME, "ts"));
        RawRecord r = read(config, "{\"ts\":\"2026-09-01T10:00:00Z\",\"cid\":\"c-1\",\"visitor_id\":\"not-this\"}\n").get(0);
        assertThat(r.field(VISITOR_ID)).isEqualTo("c-1");
        assertThat(r.field(EVENT_TIME)).isEqualTo("2026-09-01T10:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"event_time\": ", "{event_time: 1}", "not json", "{\"a\":1,}", "'single'"})
    void invalidJsonIsMalformed(String line) {
        RawRecord r = one(line);
        assertThat(r.fields()).isNull();
        assertThat(r.raw()).isEqualTo(line);
        assertThat(r.problem().disposition()).isEqualTo(RawRecord.Disposition.QUARANTINED);
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
        assertThat(r.problem().detail()).startsWith("not valid JSON: ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[1,2]", "[{\"visitor_id\":\"v\"}]", "42", "\"text\"", "true", "null"})
    void validJsonThatIsNotAnObjectIsMalformed(String line) {
        RawRecord r = one(line);
        assertThat(r.fields()).isNull();
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
        assertThat(r.problem().detail()).isEqualTo("not a JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"visitor_id\":\"a\"} {\"visitor_id\":\"b\"}", "{\"visitor_id\":\"a\"} garbage"})
    void textAfterTheObjectIsMalformed(String line) {
        RawRecord r = one(line);
        assertThat(r.fields()).isNull();
        assertThat(r.problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
    }

    @Test
    void lineNumbersCountBlankLinesThatAreSkipped() {
        List<RawRecord> rs = read(jsonl(Map.of()), "\n{\"visitor_id\":\"a\"}\n   \n\n{\"visitor_id\":\"b\"}\nbad\n\t\n");
        assertThat(rs).extracting(RawRecord::line).containsExactly(2L, 5L, 6L);
        assertThat(rs).extracting(r -> r.problem() == null ? r.field(VISITOR_ID) : r.problem().reason())
                .containsExactly("a", "b", Reasons.MALFORMED_LINE);
    }

    @Test
    void byteOrderMarkOpeningTheFileIsDroppedAsCsvDropsIt() {
        List<RawRecord> rs = read(jsonl(Map.of()), "\uFEFF{\"visitor_id\":\"a\"}\n\uFEFF{\"visitor_id\":\"b\"}\n");
        assertThat(rs.get(0).problem()).isNull();
        assertThat(rs.get(0).line()).isEqualTo(1);
        assertThat(rs.get(0).raw()).isEqualTo("{\"visitor_id\":\"a\"}");
        assertThat(rs.get(0).field(VISITOR_ID)).isEqualTo("a");
        // only the file's first character is a byte order mark: later, U+FEFF is text, and not JSON
        assertThat(rs.get(1).problem().reason()).isEqualTo(Reasons.MALFORMED_LINE);
    }

    @Test
    void byteOrderMarkAloneOnTheFirstLineLeavesABlankLine() {
        List<RawRecord> rs = read(jsonl(Map.of()), "\uFEFF\n{\"visitor_id\":\"a\"}\n");
        assertThat(rs).extracting(RawRecord::line).containsExactly(2L);
        assertThat(rs.get(0).problem()).isNull();
    }

    @Test
    void exhaustedIteratorThrows() {
        LineRecords it = new LineRecords(FILE, reader("\n \n"), new JsonLineParser(jsonl(Map.of())));
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
}
