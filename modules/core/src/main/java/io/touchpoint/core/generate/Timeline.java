package io.touchpoint.core.generate;

import java.time.ZoneOffset;

/** The covered date range in epoch millis and when in a day people browse. */
final class Timeline {
    static final long SECOND = 1000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Relative traffic per UTC hour: quiet nights, a lunch bump and an evening peak (a European shop). */
    private static final double[] HOURLY = {
        1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0,
        5.5, 5.0, 4.5, 4.5, 5.0, 5.5, 6.5, 7.5, 8.0, 7.0, 5.0, 2.5};

    private final Rand rand;
    private final long start;
    private final long end;

    Timeline(Rand rand, GeneratorSpec spec) {
        this.rand = rand;
        this.start = spec.startDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.end = start + spec.days() * DAY;
    }

    long start() {
        return start;
    }

    /** Exclusive: no event is at or after it. */
    long end() {
        return end;
    }

    /** A time on a day drawn uniformly from the first {@code fraction} of the range. */
    long randomTime(double fraction) {
        long days = (end - start) / DAY;
        long day = (long) (rand.uniform() * Math.max(1, Math.round(days * fraction)));
        return timeOfDay(start + Math.min(day, days - 1) * DAY);
    }

    /** A browsing time on the day starting at {@code dayStart}. */
    long timeOfDay(long dayStart) {
        return dayStart + rand.weighted(HOURLY) * HOUR + rand.between(0L, HOUR);
    }

    /** The start of the UTC day holding {@code time}. */
    static long dayStart(long time) {
        return Math.floorDiv(time, DAY) * DAY;
    }
}
