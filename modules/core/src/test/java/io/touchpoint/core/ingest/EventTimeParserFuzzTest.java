package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.FuzzInputs.mutate;
import static io.touchpoint.core.ingest.FuzzInputs.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any text as an event time: a time or empty, never an exception; and the written forms of an instant read back as it. */
class EventTimeParserFuzzTest {
    /** Zones with daylight saving, half-hour offsets and a skipped day (Apia, 2011), besides UTC. */
    private static final List<EventTimeParser> PARSERS = List.of("UTC", "Europe/Berlin", "America/New_York",
            "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Apia").stream().map(z -> new EventTimeParser(ZoneId.of(z))).toList();

    @Test
    void anyTextIsATimeOrEmpty() {
        Fuzz.check("time random text", 1_000, oneOf(r -> FuzzInputs.randomText(r, 60), r -> FuzzInputs.randomBytes(r, 60),
                r -> mutate(r, written(r, instant(r)))), text -> {
                    for (EventTimeParser p : PARSERS) {
                        OptionalLong micros = p.parseMicros(text);
                        assertThat(micros).isNotNull();
                    }
                });
    }

    @Test
    void writtenInstantsReadBackAsThemselves() {
        Fuzz.check("time round trip", 1_000, r -> {
            Instant i = instant(r);
            return i.getEpochSecond() + "|" + i.getNano() + "|" + written(r, i);
        }, encoded -> {
            String[] parts = encoded.split("\\|", 3);
            long expected = Long.parseLong(parts[0]) * 1_000_000L + Long.parseLong(parts[1]) / 1_000;
            for (EventTimeParser p : PARSERS) {
                assertThat(p.parseMicros(parts[2])).as(parts[2]).hasValue(expected);
            }
        });
    }

    /** An instant from 1973 to 2100, whole milliseconds or not. */
    private static Instant instant(Random r) {
        long second = 100_000_000L + (long) (r.nextDouble() * 4_000_000_000L);
        int nano = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            default -> r.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }

    /** {@code i} as ISO-8601 with Z or an offset (with or without colon, T or space), or as epoch milliseconds. */
    private static String written(Random r, Instant i) {
        if (r.nextInt(6) == 0 && i.getNano() % 1_000_000 == 0) {
            return String.valueOf(i.toEpochMilli());
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(27) - 12) * 3600 + (r.nextInt(4) == 0 ? 1800 : 0));
        OffsetDateTime t = i.atOffset(offset);
        String text = switch (r.nextInt(4)) {
            case 0 -> t.toString();
            case 1 -> t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case 2 -> t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxx"));
            default -> t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS'Z'"));
        };
        return r.nextInt(5) == 0 ? "  " + text + " " : text;
    }
}
