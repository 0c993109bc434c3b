package io.touchpoint.core.accounts;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accounts file as a lookup: which account an event, or later a CRM row, belongs to, from the
 * ids as they came in (docs/accounts.md). Pure Java and serialisable: it is built on the driver and
 * shipped to the tasks with the event normaliser. Immutable once built.
 *
 * <ul>
 *   <li>{@code key = email_domain}: the user id's part after its last {@code @}, stripped and
 *       lower-cased, looked up among the file's domains. A free-mail domain ({@link FreeMailDomains})
 *       never forms an account, even when the file lists it, and a domain the file does not list
 *       forms none either.</li>
 *   <li>{@code key = user_id}: the user id as it is.</li>
 *   <li>{@code key = visitor_id}: the visitor id as it is.</li>
 * </ul>
 * The ids must be the raw ones: a pseudonym has no domain, and the file holds ids as the tracker
 * sent them.
 */
public final class AccountMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Why a row of the file was left out (the run's note counts them by these names). */
    public static final String FREE_MAIL = "free_mail";
    /** The row's key column is empty (or, for domains, holds no domain). */
    public static final String NO_KEY = "no_key";
    /** The row has no account id. */
    public static final String NO_ACCOUNT_ID = "no_account_id";
    /** An earlier row has the same key: the first row of a key is the one used. */
    public static final String REPEATED_KEY = "repeated_key";

    private final AccountKey key;
    private final HashMap<String, Account> byKey;
    private final List<Account> accounts;
    private final Summary summary;

    /**
     * What reading the file gave.
     *
     * @param rows the file's rows
     * @param mapped the rows whose key now names an account
     * @param accounts the distinct accounts those rows name
     * @param ignored rows left out, by reason ({@link #FREE_MAIL}, {@link #NO_KEY}, {@link #NO_ACCOUNT_ID},
     *     {@link #REPEATED_KEY}); {@code rows = mapped + ignored}
     * @param unreadEmployees mapped rows whose {@code employees} is not a whole number of at least 0 (read as none)
     */
    public record Summary(long rows, long mapped, int accounts, Map<String, Long> ignored, long unreadEmployees)
            implements Serializable {
        public Summary {
            ignored = Collections.unmodifiableMap(new TreeMap<>(ignored));
        }

        /** Rows left out for {@code reason}. */
        public long ignored(String reason) {
            return ignored.getOrDefault(reason, 0L);
        }

        public long ignoredTotal() {
            return ignored.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private AccountMapping(AccountKey key, HashMap<String, Account> byKey, List<Account> accounts, Summary summary) {
        this.key = key;
        this.byKey = byKey;
        this.accounts = List.copyOf(accounts);
        this.summary = summary;
    }

    /** A mapping of {@code key}, filled row by row in file order. */
    public static Builder builder(AccountKey key) {
        return new Builder(key, FreeMailDomains.bundled());
    }

    public AccountKey key() {
        return key;
    }

    public Summary summary() {
        return summary;
    }

    /**
     * Every distinct account the file maps to, in the order of their first row, each described by
     * its first row (a company with several domains is listed once): what an {@code accounts}
     * table is made from.
     */
    public List<Account> accounts() {
        return accounts;
    }

    /**
     * The account of an event, from its ids as they came in (before pseudonymising), or null.
     *
     * @param rawUserId the event's user id (null: anonymous)
     * @param rawVisitorId the event's visitor id
     */
    public Account accountOf(String rawUserId, String rawVisitorId) {
        return key == AccountKey.VISITOR_ID ? lookUp(rawVisitorId) : accountOfUser(rawUserId);
    }

    /** The id of {@link #accountOf}, or null. */
    public String accountIdOf(String rawUserId, String rawVisitorId) {
        Account a = accountOf(rawUserId, rawVisitorId);
        return a == null ? null : a.id();
    }

    /**
     * The account of a raw user id or e-mail, e.g. a CRM row's {@code user_id} or {@code email}, or
     * null. With {@code key = email_domain} its domain is looked up (free mail, or a domain not in the
     * file: none); with {@code key = user_id} the value itself, so an e-mail finds its account only
     * when the tracker's user ids are e-mails; with {@code key = visitor_id} always null, as a user id
     * names no device. The value must be raw, not a pseudonym.
     */
    public Account accountOfUser(String rawUserIdOrEmail) {
        return switch (key) {
            case EMAIL_DOMAIN -> lookUp(emailDomain(rawUserIdOrEmail));
            case USER_ID -> lookUp(rawUserIdOrEmail);
            case VISITOR_ID -> null;
        };
    }

    private Account lookUp(String keyValue) {
        if (keyValue == null) {
            return null;
        }
        String k = key == AccountKey.EMAIL_DOMAIN ? keyValue : keyValue.strip();
        return k.isEmpty() ? null : byKey.get(k);
    }

    /**
     * The domain of an e-mail: the part after its last {@code @}, stripped, lower-cased, without a
     * trailing dot; null when there is no {@code @} or nothing after it.
     */
    public static String emailDomain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : domain(email.substring(at + 1));
    }

    /** A domain as the file or an e-mail writes it, compared form: stripped, lower case, no leading @ or trailing dot. */
    static String domain(String text) {
        String d = text.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("@")) {
            d = d.substring(1);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.isEmpty() ? null : d;
    }

    /**
     * The run's note on the file: rows read, mapped and ignored by reason, e.g. {@code Accounts (key
     * email_domain): 152 rows read = 150 mapped to 150 accounts + 2 ignored (free_mail 2).} No value
     * of the file is in it.
     */
    public String note() {
        Summary s = summary;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Accounts (key %s): %,d row%s read = %,d mapped to %,d account%s"
                + " + %,d ignored", key.configName(), s.rows(), s.rows() == 1 ? "" : "s", s.mapped(), s.accounts(),
                s.accounts() == 1 ? "" : "s", s.ignoredTotal()));
        if (!s.ignored().isEmpty()) {
            sb.append(s.ignored().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", " (", ")")));
        }
        sb.append('.');
        if (s.ignored(FREE_MAIL) > 0) {
            sb.append(" A free-mail domain never forms an account.");
        }
        if (s.unreadEmployees() > 0) {
            sb.append(String.format(Locale.ROOT, " %,d employees value%s not a whole number and read as empty.",
                    s.unreadEmployees(), s.unreadEmployees() == 1 ? " is" : "s are"));
        }
        return sb.toString();
    }

    /** Fills a mapping row by row, in file order; not thread-safe. */
    public static final class Builder {
        private final AccountKey key;
        private final FreeMailDomains freeMail;
        private final HashMap<String, Account> byKey = new HashMap<>();
        /** Each account id's first row's description: later rows of the same account share it. */
        private final Map<String, Account> byId = new LinkedHashMap<>();
        private final Map<String, Long> ignored = new HashMap<>();
        private long rows;
        private long mapped;
        private long unreadEmployees;

        Builder(AccountKey key, FreeMailDomains freeMail) {
            this.key = key;
            this.freeMail = freeMail;
        }

        /**
         * One row of the file (values as read, null or blank: none).
         *
         * @param keyValue the key column's value (a domain, user id or visitor id)
         * @return the reason the row was left out, or null when it was mapped
         */
        public String add(String keyValue, String accountId, String name, String industry, String employees) {
            rows++;
            String k = keyValue == null ? null : key == AccountKey.EMAIL_DOMAIN ? domain(keyValue) : blankToNull(keyValue);
            String id = blankToNull(accountId);
            String reason = k == null ? NO_KEY
                    : id == null ? NO_ACCOUNT_ID
                    : key == AccountKey.EMAIL_DOMAIN && freeMail.isFreeMail(k) ? FREE_MAIL
                    : byKey.containsKey(k) ? REPEATED_KEY : null;
            if (reason != null) {
                ignored.merge(reason, 1L, Long::sum);
                return reason;
            }
            Long size = wholeNumber(employees);
            if (size == null && blankToNull(employees) != null) {
                unreadEmployees++;
            }
            Account account = byId.computeIfAbsent(id, i -> new Account(i, blankToNull(name), blankToNull(industry), size));
            byKey.put(k, account);
            mapped++;
            return null;
        }

        public AccountMapping build() {
            return new AccountMapping(key, new HashMap<>(byKey), new ArrayList<>(byId.values()),
                    new Summary(rows, mapped, byId.size(), ignored, unreadEmployees));
        }

        /** A whole number of at least 0 ({@code 2400}, {@code 2400.0} as some readers print it), else null. */
        private static Long wholeNumber(String text) {
            String t = blankToNull(text);
            if (t == null) {
                return null;
            }
            try {
                long n = new BigDecimal(t).longValueExact();
                return n < 0 ? null : n;
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
