package io.touchpoint.core.crm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The canonical columns of the CRM input ({@code touchpoint.crm}, docs/crm.md). */
public enum CrmColumn {
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
    public String columnName() {
        return columnName;
    }

    public static Optional<CrmColumn> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.columnName.equals(n)).findFirst();
    }

    /** Every canonical name, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(CrmColumn::columnName).collect(Collectors.joining(", "));
    }
}
