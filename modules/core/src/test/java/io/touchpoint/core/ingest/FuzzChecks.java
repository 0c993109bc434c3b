package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the fuzz tests require of every input: the reader never throws (a CSV header may be
 * refused with a {@link TouchpointException} of kind INPUT, exit 3), every record is accepted,
 * skipped or quarantined with a known reason, validation never throws either, and the records
 * account for every line: each non-blank line is one record (line formats), or lies within
 * exactly one record (CSV).
 */
final class FuzzChecks {
    private static final Set<String> REASONS = Set.of(Reasons.MALFORMED_LINE, Reasons.UNPARSEABLE_TIME,
            Reasons.MISSING_VISITOR_ID, Reasons.MISSING_EVENT_NAME, Reasons.INVALID_REVENUE, Reasons.BOT,
            Reasons.STATIC_ASSET, Reasons.HTTP_ERROR, Reasons.HTTP_REDIRECT, Reasons.IMPLAUSIBLE_TIME,
            Reasons.IMPLAUSIBLE_REVENUE);
    /** Bots are not looked up: building the user-agent analyser takes seconds and is not what is fuzzed. */
    private static final EventNormalizer NORMALIZER = new EventNormalizer(ZoneId.of("Europe/Berlin"), TestInputs.sessions(false),
            EventNormalizer.Limits.of(TestInputs.csv(), java.time.Instant.parse("2026-12-07T12:00:00Z")));

    private FuzzChecks() {
    }

    /** The lines a {@link BufferedReader} gives for {@code text} (LF, CRLF and CR end a line). */
    static List<String> physicalLines(String text) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** A line format (JSON Lines, access log): one record per non-blank line, in order, with its number and text. */
    static void lineFormat(String text, LineRecords.LineParser parser) {
        List<String> lines = physicalLines(text);
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        List<RawRecord> records = TestInputs.all(new LineRecords(TestInputs.FILE, TestInputs.reader(text), parser));
        int r = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            assertThat(r).as("records for the non-blank lines").isLessThan(records.size());
            RawRecord record = records.get(r++);
            assertThat(record.line()).isEqualTo(i + 1L);
            assertThat(record.raw()).isEqualTo(lines.get(i));
            outcome(record);
        }
        assertThat(records).as("one record per non-blank line").hasSize(r);
    }

    /**
     * A CSV file: the header is read or refused with an input error; the records follow it in
     * order, each starting on a non-blank line and its raw text exactly the lines it spans (the
     * first only, when its quoting is broken), and every line after the header outside them is blank.
     */
    static void csv(String text, InputConfig config) {
        CountingReader in = new CountingReader(text);
        CsvRecords csv;
        try {
            csv = new CsvRecords(config, TestInputs.FILE, in);
        } catch (TouchpointException e) {
            assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        int headerLines = in.lines;
        List<String> lines = physicalLines(text);
        List<RawRecord> records = TestInputs.all(csv);
        int next = headerLines; // index of the first line not yet accounted for
        for (RawRecord record : records) {
            int first = (int) record.line() - 1;
            assertThat(first).as("records in order, after the header").isGreaterThanOrEqualTo(next);
            for (int i = next; i < first; i++) {
                assertThat(lines.get(i)).as("line %d between records", i + 1).isBlank();
            }
            assertThat(lines.get(first)).as("a record starts on a non-blank line").isNotBlank();
            List<String> spanned = List.of(record.raw().split("\n", -1));
            assertThat(lines.subList(first, Math.min(lines.size(), first + spanned.size()))).isEqualTo(spanned);
            next = first + spanned.size();
            outcome(record);
        }
        for (int i = next; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("line %d after the last record", i + 1).isBlank();
        }
    }

    /** One record: accepted with every canonical field, or skipped or quarantined for a known reason; validation agrees. */
    static void outcome(RawRecord record) {
        if (record.problem() == null) {
            assertThat(record.fields()).hasSize(CanonicalColumn.COUNT);
        } else {
            assertThat(record.fields()).isNull();
            assertThat(REASONS).contains(record.problem().reason());
            if (record.problem().disposition() == RawRecord.Disposition.QUARANTINED) {
                assertThat(record.problem().detail()).isNotBlank();
            }
        }
        EventNormalizer.Outcome o = NORMALIZER.normalize(record);
        assertThat(o.event() == null).as("exactly one of event and problem").isNotEqualTo(o.problem() == null);
        if (o.problem() != null) {
            assertThat(REASONS).contains(o.problem().reason());
        }
    }

    /** Counts the lines read, so a test knows where the header ended. */
    private static final class CountingReader extends BufferedReader {
        int lines;

        CountingReader(String text) {
            super(new StringReader(text));
        }

        @Override
        public String readLine() throws IOException {
            String l = super.readLine();
            if (l != null) {
                lines++;
            }
            return l;
        }
    }
}
