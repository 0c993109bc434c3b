package io.touchpoint.core.generate;

import java.time.LocalDate;

/**
 * What {@link B2bGenerator} should produce.
 *
 * @param seed          seed of the only random source; the same spec always gives byte-identical files
 * @param accounts      number of companies (each with 2-10 people); anonymous visitors, free-mail people
 *                      and bots scale with it
 * @param startDate     first day (UTC) of the events, CRM rows and spend
 * @param days          number of days covered; every event, CRM row and spend date falls inside them
 * @param botShare      share of the visitor ids that are crawlers, in [0, 1)
 * @param malformedRows number of deliberately broken lines spread through events.csv
 */
public record B2bSpec(long seed, int accounts, LocalDate startDate, int days, double botShare, int malformedRows) {

    /** A buying cycle needs room: weeks of research, then an opportunity, then a close. */
    public static final int MIN_DAYS = 56;

    /** Validates the values, so a bad CLI option fails before any output is written. */
    public B2bSpec {
        if (startDate == null) {
            throw new IllegalArgumentException("startDate must be set");
        }
        if (accounts <= 0) {
            throw new IllegalArgumentException("accounts must be > 0, got " + accounts);
        }
        if (days < MIN_DAYS) {
            throw new IllegalArgumentException("days must be >= " + MIN_DAYS + " for a B2B buying cycle, got " + days);
        }
        if (!(botShare >= 0 && botShare < 1)) {
            throw new IllegalArgumentException("botShare must be in [0, 1), got " + botShare);
        }
        if (malformedRows < 0) {
            throw new IllegalArgumentException("malformedRows must be >= 0, got " + malformedRows);
        }
    }

    /** The bundled sample-data/b2b: seed 42, 150 accounts over the 182 days from 2026-03-02, 3% bots, 8 malformed rows. */
    public static B2bSpec sample() {
        return new B2bSpec(42L, 150, LocalDate.of(2026, 3, 2), 182, 0.03, 8);
    }
}
