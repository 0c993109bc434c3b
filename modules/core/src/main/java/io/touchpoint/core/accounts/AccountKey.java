package io.touchpoint.core.accounts;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the accounts file is keyed by ({@code touchpoint.accounts.key}): which raw id of an event
 * names its account, and which column of the file holds that id.
 */
public enum AccountKey {
    /** The domain of the user id, read as an e-mail (B2B trackers often use the work e-mail as the user id). */
    EMAIL_DOMAIN("email_domain", AccountColumn.DOMAIN),
    /** The user id as it is. */
    USER_ID("user_id", AccountColumn.USER_ID),
    /** The visitor id as it is (e.g. from a reverse-IP or ABM vendor's list of cookies). */
    VISITOR_ID("visitor_id", AccountColumn.VISITOR_ID);

    private final String configName;
    private final AccountColumn column;

    AccountKey(String configName, AccountColumn column) {
        this.configName = configName;
        this.column = column;
    }

    /** The value of {@code touchpoint.accounts.key}. */
    public String configName() {
        return configName;
    }

    /** The file's column that holds the key. */
    public AccountColumn column() {
        return column;
    }

    public static Optional<AccountKey> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(value)).findFirst();
    }

    /** Every value, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(AccountKey::configName).collect(Collectors.joining(", "));
    }
}
