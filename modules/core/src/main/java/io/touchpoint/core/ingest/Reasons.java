package io.touchpoint.core.ingest;

/**
 * The reason codes written to the quarantine table and counted in the run manifest; a public
 * contract (docs/tables.md), so they never change spelling.
 */
public final class Reasons {
    /** Quarantined: the line could not be split into fields (CSV quoting, field count, JSON, log format). */
    public static final String MALFORMED_LINE = "malformed_line";
    /** Quarantined: event_time is empty or not a time Touchpoint can read. */
    public static final String UNPARSEABLE_TIME = "unparseable_time";
    /** Quarantined: visitor_id is empty. */
    public static final String MISSING_VISITOR_ID = "missing_visitor_id";
    /** Quarantined: event_name is empty. */
    public static final String MISSING_EVENT_NAME = "missing_event_name";
    /** Quarantined: revenue is present but not a plain decimal number. */
    public static final String INVALID_REVENUE = "invalid_revenue";

    /** Quarantined: event_time is outside touchpoint.input.valid-times (year 1900, 9999, ...). */
    public static final String IMPLAUSIBLE_TIME = "implausible_time";
    /** Quarantined: revenue's absolute value is above touchpoint.input.max-revenue. */
    public static final String IMPLAUSIBLE_REVENUE = "implausible_revenue";
    /** Quarantined: the line is not valid in the input's encoding (touchpoint.input.encoding, UTF-8 by default). */
    public static final String INVALID_ENCODING = "invalid_encoding";
    /**
     * Quarantined: a file broke off before its end (a truncated or corrupt archive); one row per
     * file, naming the line and byte where it broke. The lines before it are read as usual.
     */
    public static final String UNREADABLE_FILE = "unreadable_file";

    /**
     * Accepted but adjusted (counted in the manifest's {@code adjusted}): a local time without an
     * offset that does not exist in the input's zone (a daylight-saving gap), moved forward by the
     * gap's length as java.time and Spark do.
     */
    public static final String DST_GAP = "dst_gap";

    /** Skipped: the user agent is a known bot or crawler. */
    public static final String BOT = "bot";
    /** Skipped (access logs): a request for a static asset. */
    public static final String STATIC_ASSET = "static_asset";
    /** Skipped (access logs): a 4xx or 5xx response. */
    public static final String HTTP_ERROR = "http_error";
    /** Skipped (access logs): a 3xx response. */
    public static final String HTTP_REDIRECT = "http_redirect";
    /**
     * Skipped: the event's consent column ({@code touchpoint.privacy.consent.column}) does not grant
     * analytics consent. Counted in the totals only (docs/privacy.md#consent).
     */
    public static final String NO_CONSENT = "no_consent";
    /** Skipped: the event's visitor or user was erased ({@code touchpoint erase}); the erasure list is honoured by every run. */
    public static final String ERASED = "erased";

    private Reasons() {
    }
}
