package io.touchpoint.core.generate;

import java.time.LocalDate;

/**
 * What {@link SyntheticLogGenerator} should produce.
 *
 * @param seed          seed of the only random source; the same spec always gives byte-identical output
 * @param visitors      number of distinct {@code visitor_id}s (devices), bots included
 * @param startDate     first day (UTC) of the log
 * @param days          number of days covered, starting at {@code startDate}; every event falls inside them
 * @param botShare      share of the visitors that are crawlers, in [0, 1)
 * @param malformedRows number of deliberately broken lines spread through the CSV
 */
public record GeneratorSpec(long seed, int visitors, LocalDate startDate, int days,
                            double botShare, int malformedRows) {

    /** Validates the values, so a bad CLI option fails before any output is written. */
    public GeneratorSpec {
        if (startDate == null) {
            throw new IllegalArgumentException("startDate must be set");
        }
        if (visitors <= 0) {
            throw new IllegalArgumentException("visitors must be > 0, got " + visitors);
        }
        if (days <= 0) {
            throw new IllegalArgumentException("days must be > 0, got " + days);
        }
        if (!(botShare >= 0 && botShare < 1)) {
            throw new IllegalArgumentException("botShare must be in [0, 1), got " + botShare);
        }
        if (malformedRows < 0) {
            throw new IllegalArgumentException("malformedRows must be >= 0, got " + malformedRows);
        }
    }

    /**
     * The bundled sample: seed 42, 3000 visitors over the 28 days from 2026-09-01, 3% bots and
     * 12 malformed rows; its CSV stays under 4 MB so it can live in the repository.
     */
    public static GeneratorSpec sample() {
        return new GeneratorSpec(42L, 3000, LocalDate.of(2026, 9, 1), 28, 0.03, 12);
    }
}
