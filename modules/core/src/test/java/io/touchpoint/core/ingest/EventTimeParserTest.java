package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event times become UTC epoch microseconds; anything unreadable is empty (and later quarantined). */
class EventTimeParserTest {
    /** 2026-09-01T10:00:00Z in epoch microseconds. */
    private static final long TEN_UTC = 1_788_256_800_000_000L;

    private final EventTimeParser utc = new EventTimeParser(ZoneId.of("UTC"));
    private final EventTimeParser berlin = new EventTimeParser(ZoneId.of("Europe/Berlin"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // rule: ISO-8601 with Z, either case, with T or without seconds
        "2026-09-01T10:00:00Z              | 1788256800000000",
        "2026-09-01T10:00:00z              | 1788256800000000",
        "2026-09-01T10:00Z                 | 1788256800000000",
        // rule: ISO offsets are applied (+02:00 is two hours ahead of UTC, -04:00 four behind)
        "2026-09-01T10:00:00+02:00         | 1788249600000000",
        "2026-09-01T10:00:00-04:00         | 1788271200000000",
        "2026-09-01 10:00:00+02:00         | 1788249600000000",
        // rule: offsets without a colon, as access logs write them
        "2026-09-01T10:00:00+0200          | 1788249600000000",
        "2026-09-01T10:00:00-0400          | 1788271200000000",
        // rule: fractional seconds are kept to the microsecond
        "2026-09-01T10:00:00.123Z          | 1788256800123000",
        "2026-09-01T10:00:00.123456Z       | 1788256800123456",
        "2026-09-01T12:00:00.123456+02:00  | 1788256800123456",
        // rule: nanoseconds are truncated to micros
        "2026-09-01T10:00:00.123456789Z    | 1788256800123456",
        // rule: surrounding whitespace is ignored
        "'  2026-09-01T10:00:00Z  '        | 1788256800000000",
    })
    void isoWithOffset(String text, long micros) {
        assertThat(utc.parseMicros(text)).hasValue(micros);
        // rule: the configured zone does not matter when the text carries an offset
        assertThat(berlin.parseMicros(text)).hasValue(micros);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // rule: 12 to 14 digits are epoch milliseconds
        "1788256800123   | 1788256800123000",
        "1788256800000   | 1788256800000000",
        "100000000000    | 100000000000000",
        "99999999999999  | 99999999999999000",
    })
    void epochMillis(String text, long micros) {
        assertThat(utc.parseMicros(text)).hasValue(micros);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "1788256800",         // epoch seconds (10 digits): never mistaken for millis
        "17882568001",        // 11 digits
        "0",
        "42",
        "1788256800123456",   // epoch micros (16 digits)
        "178825680012345",    // 15 digits
    })
    void digitStringsOutsideMillisRangeAreRejected(String text) {
        assertThat(utc.parseMicros(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // rule: a local time without offset is taken in the configured zone
        "2026-09-01T10:00:00        | UTC              | 1788256800000000",
        "2026-09-01 10:00:00        | UTC              | 1788256800000000",
        "2026-09-01 10:00:00.123456 | UTC              | 1788256800123456",
        "2026-09-01T12:00:00        | Europe/Berlin    | 1788256800000000",
        "2026-09-01T06:00:00        | America/New_York | 1788256800000000",
        // Berlin winter time (+01:00) and summer time (+02:00)
        "2026-01-15T12:00:00        | Europe/Berlin    | 1768474800000000",
        "2026-07-01T12:00:00        | Europe/Berlin    | 1782900000000000",
        // DST start day 2026-03-29: before the switch +01:00, after it +02:00
        "2026-03-29T00:30:00        | Europe/Berlin    | 1774740600000000",
        "2026-03-29T12:00:00        | Europe/Berlin    | 1774778400000000",
        // 02:30 does not exist that day: java.time moves it forward by the gap (03:30 CEST = 01:30Z)
        "2026-03-29T02:30:00        | Europe/Berlin    | 1774747800000000",
        // 02:30 exists twice on 2026-10-25: the earlier (summer time) instant is taken
        "2026-10-25T02:30:00        | Europe/Berlin    | 1792888200000000",
    })
    void localTimeInConfiguredZone(String text, String zone, long micros) {
        assertThat(new EventTimeParser(ZoneId.of(zone)).parseMicros(text)).hasValue(micros);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "yesterday",
        "2026-13-45T99:00:00Z",   // impossible month, day and hour
        "2026-02-30T10:00:00Z",   // impossible day
        "2026-09-01T25:00:00",    // impossible hour, local
        "2026-09-01",             // a date is not a time
        "10:00:00",
        "2026-09-01T10:00:00+25:00",
        "01/09/2026 10:00",
        "1788256800123.5",
        "-1788256800123",
        "Tue, 01 Sep 2026 10:00:00 GMT",
    })
    void unreadableTextIsEmpty(String text) {
        assertThat(utc.parseMicros(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "  \n "})
    void blankOrNullIsEmpty(String text) {
        assertThat(utc.parseMicros(text)).isEqualTo(OptionalLong.empty());
    }

    @org.junit.jupiter.api.Test
    void spaceSeparatedTimeWithZ() {
        assertThat(utc.parseMicros("2026-09-01 10:00:00Z")).hasValue(TEN_UTC);
    }

    @org.junit.jupiter.api.Test
    void microsOfInstantKeepsSubMillisecondPrecision() {
        assertThat(io.touchpoint.core.time.Micros.of(java.time.Instant.ofEpochSecond(1_788_256_800L, 123_456_789)))
                .isEqualTo(TEN_UTC + 123_456);
        assertThat(io.touchpoint.core.time.Micros.of(java.time.Instant.ofEpochSecond(-1, 500_000_000))).isEqualTo(-500_000);
    }
}
