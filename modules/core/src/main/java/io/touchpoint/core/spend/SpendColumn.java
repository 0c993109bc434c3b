package io.touchpoint.core.spend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of an ad spend file ({@code touchpoint.spend}), by their canonical names; the
 * {@code touchpoint.spend.columns} config renames any of them to the file's own names. Other
 * columns of the file (such as {@code source}) are ignored.
 */
public enum SpendColumn implements io.touchpoint.core.util.NamedColumn {
    /** The day of the cost, {@code YYYY-MM-DD}. */
    DATE(true),
    /** The channel the engine gives the campaign's sessions, e.g. {@code Paid Search}. */
    CHANNEL(true),
    /** The campaign ({@code utm_campaign} of its links); empty = none, as a session without one ({@code (not set)}). */
    CAMPAIGN(false),
    /** The day's cost, a plain decimal of 0 or more. */
    COST(true),
    /** The cost's ISO 4217 currency code. */
    CURRENCY(true);

    public static final List<SpendColumn> ALL = List.of(values());

    private final boolean required;

    SpendColumn(boolean required) {
        this.required = required;
    }

    /** A file without this column stops the run. */
    public boolean required() {
        return required;
    }

    /** The canonical name, as configs and the default header use it. */
    @Override
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SpendColumn> byName(String name) {
        return io.touchpoint.core.util.NamedColumn.byName(SpendColumn.class, name);
    }

    /** Comma-separated list of all names, for error messages. */
    public static String names() {
        return io.touchpoint.core.util.NamedColumn.names(SpendColumn.class);
    }
}
