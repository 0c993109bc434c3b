package io.touchpoint.core.accounts;

import java.io.Serializable;
import java.util.Objects;

/**
 * One account of the accounts file: a company, not a person. Its descriptive columns are kept for
 * the {@code accounts} table of account-level attribution (issue 20).
 *
 * @param id the account id, as the file (and the CRM) write it, stripped; never blank
 * @param name the company's name ({@code account_name}), or null
 * @param industry its industry, or null
 * @param employees its size, or null when the file has none (or not a whole number of at least 0)
 */
public record Account(String id, String name, String industry, Long employees) implements Serializable {
    public Account {
        Objects.requireNonNull(id);
        if (id.isBlank()) {
            throw new IllegalArgumentException("An account id must not be blank");
        }
    }
}
