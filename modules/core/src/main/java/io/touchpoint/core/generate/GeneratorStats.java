package io.touchpoint.core.generate;

/**
 * What one generator run produced. Data rows add up as
 * {@code rows = events + duplicates + malformed}, where duplicates are the exact retry copies of an
 * event (same {@code event_id}); the header line is not counted.
 *
 * @param rows      data lines written (the header excluded)
 * @param events    distinct well-formed events, bot events included
 * @param bots      visitor ids that are crawlers
 * @param malformed deliberately broken lines
 * @param visitors  distinct visitor ids in the log, bots included
 * @param persons   distinct humans; a cross-device person owns several visitor ids
 * @param purchases distinct purchase events (each has a revenue)
 */
public record GeneratorStats(long rows, long events, long bots, long malformed, long visitors,
                             long persons, long purchases) {

    /** Exact retry copies of events: the rows that are neither distinct events nor malformed. */
    public long duplicates() {
        return rows - events - malformed;
    }
}
