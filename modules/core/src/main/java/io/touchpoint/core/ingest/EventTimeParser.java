package io.touchpoint.core.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.OptionalLong;
import io.touchpoint.core.time.Micros;

/**
 * Reads event times: ISO-8601 with an offset or {@code Z}, epoch milliseconds, or (as a courtesy)
 * ISO-8601 without an offset, taken in the input's time zone.
 *
 * <p>Returns microseconds since the epoch, Spark's and Parquet's TIMESTAMP_MICROS unit.
 *
 * <p>A local time that does not exist in the zone (in a daylight-saving gap, such as 02:30 on the
 * night clocks go from 02:00 to 03:00) is moved forward by the gap's length (03:30), as java.time
 * and Spark do, and {@link #lastWasInGap} says so, so runs can count them; a local time that exists
 * twice (the hour clocks go back) is the earlier of the two.
 */
public final class EventTimeParser {
    /** "2026-09-01T10:00:00", "2026-09-01 10:00:00.123": no offset. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    /** Offsets written as +0200 (common in logs) besides ISO's +02:00. */
    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HHMM", "Z")
            .toFormatter();
    /** Epoch millis of 1973-03-03 .. 5138-11-16: 12 to 14 digits, so seconds are not mistaken for millis. */
    private static final int MIN_MILLIS_DIGITS = 12;
    private static final int MAX_MILLIS_DIGITS = 14;

    private final ZoneId zone;
    private boolean inGap;

    public EventTimeParser(ZoneId zone) {
        this.zone = zone;
    }

    /** Whether the last time parsed was a local time in a daylight-saving gap, moved forward. */
    public boolean lastWasInGap() {
        return inGap;
    }

    /** Epoch microseconds, or empty when the text is not a time Touchpoint reads. */
    public OptionalLong parseMicros(String text) {
        inGap = false;
        if (text == null) {
            return OptionalLong.empty();
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        if (isDigits(s)) {
            if (s.length() < MIN_MILLIS_DIGITS || s.length() > MAX_MILLIS_DIGITS) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(s), 1000L));
        }
        try {
            return OptionalLong.of(Micros.of(parseInstant(s)));
        } catch (DateTimeException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    private Instant parseInstant(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == 'Z' || last == 'z') {
            return OffsetDateTime.parse(s.substring(0, s.length() - 1).replace(' ', 'T') + "Z",
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        if (hasOffset(s)) {
            try {
                return OffsetDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                return OffsetDateTime.parse(s, OFFSET_NO_COLON).toInstant();
            }
        }
        LocalDateTime local = LocalDateTime.parse(s, LOCAL);
        java.time.ZonedDateTime at = local.atZone(zone);
        inGap = !at.toLocalDateTime().equals(local);
        return at.toInstant();
    }

    /** An offset starts with + or - after the time part (the date's own dashes come before 'T'). */
    private static boolean hasOffset(String s) {
        int timeStart = Math.max(s.indexOf('T'), s.indexOf(' '));
        if (timeStart < 0) {
            return false;
        }
        for (int i = timeStart + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
