package io.touchpoint.core.accounts;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code touchpoint.accounts}: the file that maps people or devices to the companies they work for
 * (docs/accounts.md).
 *
 * @param path file, folder or glob of the accounts file; empty: there is none
 * @param format {@code csv} (a header row), {@code jsonl} (one object per line) or {@code parquet}
 * @param key which id of an event the file is keyed by
 * @param columns canonical column to the file's column name, for files whose names differ
 */
public record AccountsConfig(String path, String format, AccountKey key, Map<AccountColumn, String> columns)
        implements Serializable {
    /** The formats an accounts file may have. */
    public static final List<String> FORMATS = List.of("csv", "jsonl", "parquet");

    /** No accounts file. */
    public static final AccountsConfig NONE = new AccountsConfig("", "csv", AccountKey.EMAIL_DOMAIN, Map.of());

    public AccountsConfig {
        path = Objects.requireNonNull(path).strip();
        Objects.requireNonNull(key);
        columns = Map.copyOf(columns);
    }

    public boolean enabled() {
        return !path.isEmpty();
    }

    /** The file's name of {@code c}: as renamed, else the canonical name. */
    public String columnOf(AccountColumn c) {
        return columns.getOrDefault(c, c.columnName());
    }
}
