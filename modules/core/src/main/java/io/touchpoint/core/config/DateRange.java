package io.touchpoint.core.config;

import io.touchpoint.core.time.Micros;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The conversion dates a run is for ({@code --from}/{@code --to}, inclusive, local dates in the
 * input time zone), or the whole input when both are null. A run over a range rewrites exactly the
 * range's date partitions; it reads more events than that so journeys, sessions and funnels around
 * the edges come out as a run over all the data would make them (docs/operations.md).
 */
public record DateRange(LocalDate from, LocalDate to) implements Serializable {

    public static final DateRange ALL = new DateRange(null, null);

    public boolean isAll() {
        return from == null;
    }

    public boolean contains(LocalDate d) {
        return isAll() || (d != null && !d.isBefore(from) && !d.isAfter(to));
    }

    /** First event time read: {@code from − before} (lookback plus session timeout). */
    public long readFromMicros(ZoneId zone, Duration before) {
        return Micros.of(from.atStartOfDay(zone).toInstant().minus(before));
    }

    /** Event times read end before {@code to + 1 day + after} (funnel window plus session timeout). */
    public long readToMicros(ZoneId zone, Duration after) {
        return Micros.of(to.plusDays(1).atStartOfDay(zone).toInstant().plus(after));
    }

    @Override
    public String toString() {
        return isAll() ? "all dates" : from + " to " + to;
    }
}
