package io.touchpoint.core.ingest;

/**
 * One record as read from an input file, before validation.
 *
 * @param file the input file it came from
 * @param line 1-based line (text formats) or row number (Parquet) of its first line
 * @param raw the record exactly as read, kept for the quarantine table
 * @param fields values in {@link CanonicalColumn} order (null = absent); null when malformed
 * @param problem why the record could not be split into fields, or why it is skipped; null when fine
 * @param timeMicros the event time when the input stores it typed (a Parquet timestamp), so it need
 *     not be printed and parsed again; null for text inputs, which parse {@code event_time}
 */
public record RawRecord(String file, long line, String raw, String[] fields, Problem problem, Long timeMicros) {

    /** A record that never becomes an event, and why. */
    public record Problem(Disposition disposition, String reason, String detail) {
    }

    /** What happens to a record that is not accepted. */
    public enum Disposition {
        /** Bad data: written to the quarantine table with its reason. */
        QUARANTINED,
        /** Deliberately left out (bot, static asset, error response) and counted. */
        SKIPPED
    }

    public static RawRecord ok(String file, long line, String raw, String[] fields) {
        return new RawRecord(file, line, raw, fields, null, null);
    }

    /** A record from a typed input whose event time is already epoch microseconds (null when absent). */
    public static RawRecord typed(String file, long line, String[] fields, Long timeMicros) {
        return new RawRecord(file, line, null, fields, null, timeMicros);
    }

    public static RawRecord quarantined(String file, long line, String raw, String reason, String detail) {
        return new RawRecord(file, line, raw, null, new Problem(Disposition.QUARANTINED, reason, detail), null);
    }

    public static RawRecord skipped(String file, long line, String raw, String reason) {
        return new RawRecord(file, line, raw, null, new Problem(Disposition.SKIPPED, reason, null), null);
    }

    public String field(CanonicalColumn c) {
        return fields[c.ordinal()];
    }
}
