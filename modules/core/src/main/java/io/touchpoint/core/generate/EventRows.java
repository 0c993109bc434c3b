package io.touchpoint.core.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns hits into CSV rows: numbers the events, writes their time the way real trackers disagree
 * about it, and now and then sends a row twice as a retrying tracker would.
 */
final class EventRows {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);
    private static final double EPOCH_MILLIS_SHARE = 0.02;
    private static final double OFFSET_SHARE = 0.005;
    private static final double DUPLICATE_SHARE = 0.003;

    private final Rand rand;
    private final Consumer<String[]> sink;
    private long nextId;
    private long events;
    private long duplicates;
    private long purchases;
    private String[] lastRow;

    EventRows(Rand rand, Consumer<String[]> sink) {
        this.rand = rand;
        this.sink = sink;
    }

    void emit(Hit hit) {
        UtmColumns utm = hit.utm();
        String[] row = {nextEventId(), time(hit.epochMillis()), hit.visitorId(), hit.userId(), hit.eventName(),
            hit.pageUrl(), hit.referrerUrl(), utm.source(), utm.medium(), utm.campaign(), utm.term(),
            utm.content(), hit.revenue(), hit.userAgent()};
        lastRow = row.clone();
        sink.accept(row);
        events++;
        if (hit.eventName().equals("purchase")) {
            purchases++;
        }
        if (rand.chance(DUPLICATE_SHARE)) {
            sink.accept(lastRow.clone());
            duplicates++;
        }
    }

    /** Ids are shared with malformed rows, so every line of the file has its own id. */
    String nextEventId() {
        String digits = Long.toString(nextId++);
        return digits.length() >= 9 ? "e" + digits : "e" + "000000000".substring(digits.length()) + digits;
    }

    /** A copy of the last event row, a realistic base for a malformed one. */
    String[] lastRow() {
        return lastRow.clone();
    }

    long events() {
        return events;
    }

    long duplicates() {
        return duplicates;
    }

    long purchases() {
        return purchases;
    }

    /** Mostly ISO-8601 UTC with millis; some trackers send epoch millis or local time with an offset. */
    private String time(long epochMillis) {
        double x = rand.uniform();
        if (x < EPOCH_MILLIS_SHARE) {
            return Long.toString(epochMillis);
        }
        Instant instant = Instant.ofEpochMilli(epochMillis);
        if (x < EPOCH_MILLIS_SHARE + OFFSET_SHARE) {
            ZoneOffset offset = rand.chance(0.8) ? ZoneOffset.ofHours(2) : ZoneOffset.ofHours(-4);
            return WITH_OFFSET.format(instant.atOffset(offset));
        }
        return UTC.format(instant);
    }
}
