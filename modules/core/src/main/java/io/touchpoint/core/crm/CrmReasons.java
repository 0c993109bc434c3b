package io.touchpoint.core.crm;

/**
 * The reasons of {@code crm_unmatched} (docs/crm.md): why a CRM row gave no conversion or milestone.
 * Every CRM row read is matched, unmatched with one of these, or skipped ({@link #ERASED},
 * {@link #OUTSIDE_RANGE}), and the run summary reconciles them.
 */
public final class CrmReasons {
    /** The time is missing or not a time Touchpoint reads (the events' formats). */
    public static final String BAD_TIME = "bad_event_time";
    /** The stage is missing. */
    public static final String MISSING_STAGE = "missing_stage";
    /** The value is not a number, or is negative. */
    public static final String BAD_VALUE = "bad_value";
    /** None of user_id, email, account_id, visitor_id, click_id holds a value. */
    public static final String NO_KEY = "no_key";
    /** The visitor id is in no event of the input. */
    public static final String UNKNOWN_VISITOR = "unknown_visitor";
    /** The click id is in no page URL of the input. */
    public static final String UNKNOWN_CLICK_ID = "unknown_click_id";
    /** No event carries the user id. */
    public static final String UNKNOWN_USER = "unknown_user";
    /** No event carries the e-mail as its user id. */
    public static final String UNKNOWN_EMAIL = "unknown_email";
    /**
     * The row names an account only, and journeys are a person's ({@code attribution.unit = person}):
     * no person's journey can hold it. With {@code attribution.unit = account} it is the account's.
     */
    public static final String ACCOUNT_ONLY = "account_only";
    /** With {@code attribution.unit = account}: the account is no person's in the input. */
    public static final String UNKNOWN_ACCOUNT = "unknown_account";
    /** The person is known, but none of their sessions started in the lookback before the row's time. */
    public static final String NO_TOUCHPOINT = "no_touchpoint";

    /** Skipped, not unmatched: the person was erased ({@code touchpoint erase}); the row is not kept anywhere. */
    public static final String ERASED = "erased";
    /** Skipped, not unmatched: a range run leaves rows of other dates to the runs of those dates. */
    public static final String OUTSIDE_RANGE = "outside_range";

    private CrmReasons() {
    }
}
