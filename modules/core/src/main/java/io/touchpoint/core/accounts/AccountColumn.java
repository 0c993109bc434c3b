package io.touchpoint.core.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The canonical columns of the accounts file ({@code touchpoint.accounts}, docs/accounts.md): the
 * key column of the configured {@link AccountKey}, the account, and what describes the account.
 */
public enum AccountColumn implements io.touchpoint.core.util.NamedColumn {
    /** The key of {@code key = email_domain}: the part of an e-mail after {@code @}. */
    DOMAIN("domain"),
    /** The key of {@code key = user_id}: the tracker's user id, as the events hold it before pseudonymising. */
    USER_ID("user_id"),
    /** The key of {@code key = visitor_id}: the tracker's visitor id, as the events hold it before pseudonymising. */
    VISITOR_ID("visitor_id"),
    /** The account (required): a company id, as the CRM's {@code account_id}. */
    ACCOUNT_ID("account_id"),
    ACCOUNT_NAME("account_name"),
    INDUSTRY("industry"),
    /** Company size, a whole number. */
    EMPLOYEES("employees");

    private final String columnName;

    AccountColumn(String columnName) {
        this.columnName = columnName;
    }

    /** The column's name in a file that {@code touchpoint.accounts.columns} does not rename. */
    @Override
    public String columnName() {
        return columnName;
    }

    public static Optional<AccountColumn> byName(String name) {
        return io.touchpoint.core.util.NamedColumn.byName(AccountColumn.class, name.strip().toLowerCase(Locale.ROOT));
    }

    /** Every canonical name, for error messages. */
    public static String names() {
        return io.touchpoint.core.util.NamedColumn.names(AccountColumn.class);
    }
}
