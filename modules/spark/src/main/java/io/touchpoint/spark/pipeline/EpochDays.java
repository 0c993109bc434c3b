package io.touchpoint.spark.pipeline;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The local date (as epoch days) of times in epoch microseconds, in one zone: the day's bounds are
 * remembered, so rows of the same day (most rows follow one of their day) cost two comparisons.
 * One per task; not thread-safe.
 */
public final class EpochDays implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private transient long start = Long.MAX_VALUE;
    private transient long end = Long.MIN_VALUE;
    private transient int day;

    public EpochDays(ZoneId zone) {
        this.zone = zone;
    }

    public int of(long micros) {
        if (micros < start || micros >= end) {
            Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
            LocalDate d = LocalDate.ofInstant(t, zone);
            start = d.atStartOfDay(zone).toEpochSecond() * 1_000_000L;
            end = d.plusDays(1).atStartOfDay(zone).toEpochSecond() * 1_000_000L;
            day = (int) d.toEpochDay();
        }
        return day;
    }
}
