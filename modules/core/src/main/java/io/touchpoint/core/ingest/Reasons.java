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

    /** Skipped: the user agent is a known bot or crawler. */
    public static final String BOT = "bot";
    /** Skipped (access logs): a request for a static asset. */
    public static final String STATIC_ASSET = "static_asset";
    /** Skipped (access logs): a 4xx or 5xx response. */
    public static final String HTTP_ERROR = "http_error";
    /** Skipped (access logs): a 3xx response. */
    public static final String HTTP_REDIRECT = "http_redirect";

    private Reasons() {
    }
}
