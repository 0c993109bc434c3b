package io.touchpoint.core.time;

import java.time.Instant;

/**
 * Epoch microseconds, the unit of every time inside Touchpoint (Spark's and Parquet's
 * TIMESTAMP_MICROS): conversions from and to {@link Instant} in one place.
 */
public final class Micros {
    private static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    /** Sub-microsecond digits are dropped (timestamps are stored to the microsecond). */
    public static long of(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), PER_SECOND), i.getNano() / 1000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000L);
    }
}
