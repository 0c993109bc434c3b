package io.touchpoint.core.privacy;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code touchpoint.privacy}: how personal values are protected on their way into the tables, and
 * how long they stay (docs/privacy.md).
 *
 * @param pseudonymise replace visitor, user and person ids in every table with a keyed hash
 * @param keyFile a file holding the pseudonym key (empty: none)
 * @param keyEnv the name of the environment variable holding the key, used when {@code keyFile} is empty
 * @param scrubUrls remove deny-listed parameters, e-mail addresses and phone numbers from every URL
 *     (and quarantined records) before anything is written
 * @param scrubParams the deny-listed query parameter names (any case)
 * @param ipMask bytes of an IPv4 address zeroed before an access log's visitor id is made from it
 *     (0 to 4; IPv6 loses 0, 64, 80, 104 or 128 bits, as Matomo's anonymisation)
 * @param storeUserAgent keep the raw user-agent string in {@code events}; false keeps only the
 *     device category and browser family
 * @param consent which input column says whether the visitor consented to analytics, or none
 * @param retention how long dated partitions are kept (zero: for ever)
 */
public record PrivacyConfig(boolean pseudonymise, String keyFile, String keyEnv, boolean scrubUrls, List<String> scrubParams,
                            int ipMask, boolean storeUserAgent, Consent consent, Duration retention)
        implements Serializable {
    public PrivacyConfig {
        scrubParams = List.copyOf(scrubParams);
    }

    /** The defaults: no pseudonyms, URLs scrubbed with the default deny-list, 2 IP bytes masked, no raw agents. */
    public static final PrivacyConfig DEFAULT = new PrivacyConfig(false, "", "TOUCHPOINT_PSEUDONYM_KEY", true,
            UrlScrubber.DEFAULT_PARAMS, 2, false, Consent.NONE, Duration.ZERO);

    /** The scrubber of these settings, or null when URLs are kept as they came. */
    public UrlScrubber scrubber() {
        return scrubUrls ? new UrlScrubber(scrubParams) : null;
    }

    /**
     * {@code touchpoint.privacy.consent}: the input column that holds each event's analytics
     * consent and the values that mean it was granted (compared trimmed, in any case).
     *
     * @param column the input column's name; empty: every event counts as consented
     */
    public record Consent(String column, List<String> granted) implements Serializable {
        public static final Consent NONE = new Consent("", List.of("granted", "true", "yes", "1"));

        public Consent {
            granted = granted.stream().map(g -> g.strip().toLowerCase(Locale.ROOT)).toList();
        }

        public boolean enabled() {
            return !column.isBlank();
        }

        /** Whether {@code value} grants consent; a missing value does not. */
        public boolean grants(String value) {
            return value != null && granted.contains(value.strip().toLowerCase(Locale.ROOT));
        }
    }
}
