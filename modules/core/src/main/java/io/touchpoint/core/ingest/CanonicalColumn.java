package io.touchpoint.core.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The input columns Touchpoint understands, in the order parsers hand them over.
 *
 * <p>Every input format is first mapped onto these names (the {@code touchpoint.input.columns}
 * config renames any of them), so validation, sessionisation and everything later see one schema.
 */
public enum CanonicalColumn implements io.touchpoint.core.util.NamedColumn {
    EVENT_ID(false),
    EVENT_TIME(true),
    VISITOR_ID(true),
    USER_ID(false),
    EVENT_NAME(true),
    PAGE_URL(false),
    REFERRER_URL(false),
    UTM_SOURCE(false),
    UTM_MEDIUM(false),
    UTM_CAMPAIGN(false),
    UTM_TERM(false),
    UTM_CONTENT(false),
    REVENUE(false),
    USER_AGENT(false),
    /** Order number of a purchase: repeated conversions of one order count once. */
    ORDER_ID(false),
    /**
     * The company (account) of the event's person, when the tracker knows it; it wins over the
     * accounts file ({@code touchpoint.accounts}, docs/accounts.md).
     */
    ACCOUNT_ID(false),
    /**
     * The visitor's analytics consent, read only when {@code touchpoint.privacy.consent.column}
     * names the input column that holds it (docs/privacy.md#consent).
     */
    CONSENT(false),
    /**
     * The answer to "How did you hear about us?" (a form field), read only when
     * {@code touchpoint.self-reported.column} names the input column that holds it; mapped to a
     * channel on read, the free text itself is kept nowhere (docs/channels.md).
     */
    SELF_REPORTED(false);

    /** All columns in parser order; {@code values()} copies the array on every call. */
    public static final List<CanonicalColumn> ALL = List.of(values());
    public static final int COUNT = ALL.size();

    private final boolean required;

    CanonicalColumn(boolean required) {
        this.required = required;
    }

    /** A row without a value here is quarantined; an input without the column is rejected. */
    public boolean required() {
        return required;
    }

    /** The snake_case name used in configs, input headers and output tables. */
    @Override
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CanonicalColumn> byName(String name) {
        return io.touchpoint.core.util.NamedColumn.byName(CanonicalColumn.class, name);
    }

    /** Comma-separated list of all names, for error messages. */
    public static String names() {
        return io.touchpoint.core.util.NamedColumn.names(CanonicalColumn.class);
    }
}
