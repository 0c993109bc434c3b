package io.touchpoint.core.crm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The canonical columns of the CRM input ({@code touchpoint.crm}, docs/crm.md). */
public enum CrmColumn implements io.touchpoint.core.util.NamedColumn {
    EVENT_TIME("event_time"),
    STAGE("stage"),
    VALUE("value"),
    USER_ID("user_id"),
    EMAIL("email"),
    ACCOUNT_ID("account_id"),
    VISITOR_ID("visitor_id"),
    CLICK_ID("click_id"),
    SELF_REPORTED("self_reported");

    private final String columnName;

    CrmColumn(String columnName) {
        this.columnName = columnName;
    }

    /** The column's name in a CRM file that {@code touchpoint.crm.columns} does not rename. */
    @Override
    public String columnName() {
        return columnName;
    }

    public static Optional<CrmColumn> byName(String name) {
        return io.touchpoint.core.util.NamedColumn.byName(CrmColumn.class, name.strip().toLowerCase(Locale.ROOT));
    }

    /** Every canonical name, for error messages. */
    public static String names() {
        return io.touchpoint.core.util.NamedColumn.names(CrmColumn.class);
    }
}
