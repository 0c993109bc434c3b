package io.touchpoint.core.generate;

import static io.touchpoint.core.generate.SampleLog.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The generator's contract: format, determinism, counts and scale. */
class SyntheticLogGeneratorTest {
    private static final GeneratorSpec SMALL = new GeneratorSpec(7, 300, LocalDate.of(2026, 1, 1), 14, 0.05, 8);

    @Test
    void headerIsTheDocumentedColumnOrder() {
        assertThat(SAMPLE.text).startsWith(String.join(",", SyntheticLogGenerator.COLUMNS) + "\n");
        assertThat(SyntheticLogGenerator.COLUMNS).containsExactly("event_id", "event_time", "visitor_id", "user_id",
                "event_name", "page_url", "referrer_url", "utm_source", "utm_medium", "utm_campaign", "utm_term",
                "utm_content", "revenue", "user_agent");
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() {
        String first = SampleLog.generate(SMALL).text;
        assertThat(SampleLog.generate(SMALL).text).isEqualTo(first);
        GeneratorSpec otherSeed = new GeneratorSpec(8, 300, SMALL.startDate(), 14, 0.05, 8);
        assertThat(SampleLog.generate(otherSeed).text).isNotEqualTo(first);
    }

    @Test
    void outputDoesNotDependOnDefaultLocaleOrTimeZone() {
        String expected = SampleLog.generate(SMALL).text;
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(SampleLog.generate(SMALL).text).isEqualTo(expected);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void onlyTheIntendedMalformedLinesFailToParse() {
        assertThat(SAMPLE.malformedLineIndexes).hasSize(12);
        assertThat(SAMPLE.stats.malformed()).isEqualTo(12);
        // Spread through the file, not bunched at one end.
        assertThat(SAMPLE.malformedLineIndexes.get(0)).isLessThan(SAMPLE.lines.size() / 5);
        assertThat(SAMPLE.malformedLineIndexes.get(11)).isGreaterThan(SAMPLE.lines.size() * 4 / 5);
        Set<String> kinds = new HashSet<>();
        for (int i : SAMPLE.malformedLineIndexes) {
            List<String> fields = SampleLog.parse(SAMPLE.lines.get(i));
            kinds.add(fields == null ? "broken quoting" : fields.size() != 14 ? "too few fields"
                    : SampleLog.epochMillis(fields.get(1)) == null ? "time " + fields.get(1)
                    : fields.get(2).isEmpty() ? "no visitor" : fields.get(4).isEmpty() ? "no event" : "revenue " + fields.get(12));
        }
        assertThat(kinds).containsExactlyInAnyOrder("broken quoting", "too few fields", "time yesterday",
                "time 2026-13-45T99:00:00Z", "no visitor", "no event", "revenue 12,50 EUR", "revenue abc");
    }

    @Test
    void statsAddUpWithTheFile() {
        GeneratorStats stats = SAMPLE.stats;
        assertThat(stats.rows()).isEqualTo(SAMPLE.lines.size());
        assertThat(stats.rows()).isEqualTo(stats.events() + stats.duplicates() + stats.malformed());
        assertThat(SAMPLE.rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(stats.events());
        assertThat(SAMPLE.rows.stream().filter(r -> r.get(4).equals("purchase")).map(r -> r.get(0)).distinct().count())
                .isEqualTo(stats.purchases());
        assertThat(SAMPLE.rows.stream().map(r -> r.get(2)).distinct().count()).isEqualTo(stats.visitors()).isEqualTo(3000);
        assertThat(SAMPLE.rows.stream().filter(SampleLog::isBot).map(r -> r.get(2)).distinct().count())
                .isEqualTo(stats.bots()).isEqualTo(90);
        assertThat(stats.persons()).isBetween(2000L, stats.visitors() - stats.bots() - 1);
    }

    @Test
    void duplicatesAreExactRetriesOfAnEvent() {
        Set<String> seenIds = new HashSet<>();
        List<List<String>> retries = new ArrayList<>();
        for (List<String> row : SAMPLE.rows) {
            if (!seenIds.add(row.get(0))) {
                retries.add(row);
            }
        }
        assertThat(retries).hasSize((int) SAMPLE.stats.duplicates());
        assertThat(retries.size()).isBetween(10, 120);
        assertThat(retries).allSatisfy(r -> assertThat(SAMPLE.rows.stream().filter(r::equals)).hasSize(2));
    }

    @Test
    void forEachEventYieldsTheCsvRowsWithoutTheMalformedOnes() {
        List<String> viaCallback = new ArrayList<>();
        new SyntheticLogGenerator(GeneratorSpec.sample()).forEachEvent(row -> viaCallback.add(CsvWriter.format(row)));
        List<String> wellFormedLines = new ArrayList<>(SAMPLE.lines);
        for (int k = SAMPLE.malformedLineIndexes.size() - 1; k >= 0; k--) {
            wellFormedLines.remove((int) SAMPLE.malformedLineIndexes.get(k));
        }
        assertThat(viaCallback).isEqualTo(wellFormedLines);
    }

    @Test
    void sampleFitsInFourMegabytes() {
        assertThat(SAMPLE.text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4_000_000);
    }

    @Test
    void streamsLargeLogsInBoundedMemory() throws IOException {
        GeneratorSpec large = new GeneratorSpec(3, 45_000, LocalDate.of(2026, 1, 1), 60, 0.03, 100);
        long started = System.nanoTime();
        GeneratorStats stats = new SyntheticLogGenerator(large).writeCsv(Writer.nullWriter());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(stats.events()).isGreaterThan(200_000);
        assertThat(stats.malformed()).isEqualTo(100);
        // Nothing is retained per event, so this takes about a second; holding rows would crawl or fail.
        assertThat(seconds).isLessThan(30);
    }
}
