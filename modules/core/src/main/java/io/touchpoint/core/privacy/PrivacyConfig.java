package io.touchpoint.core.privacy;

import java.io.Serializable;

/**
 * {@code touchpoint.privacy}: how personal values are protected on their way into the tables.
 *
 * @param pseudonymise replace visitor, user and person ids in every table with a keyed hash
 * @param keyFile a file holding the pseudonym key (empty: none)
 * @param keyEnv the name of the environment variable holding the key, used when {@code keyFile} is empty
 * @param scrubUrls remove deny-listed parameters, e-mail addresses and phone numbers from every URL
 *     (and quarantined records) before anything is written
 * @param scrubParams the deny-listed query parameter names (any case)
 */
public record PrivacyConfig(boolean pseudonymise, String keyFile, String keyEnv, boolean scrubUrls, java.util.List<String> scrubParams)
        implements Serializable {
    public PrivacyConfig {
        scrubParams = java.util.List.copyOf(scrubParams);
    }

    /** The defaults: no pseudonyms, URLs scrubbed with the default deny-list. */
    public static final PrivacyConfig DEFAULT = new PrivacyConfig(false, "", "TOUCHPOINT_PSEUDONYM_KEY", true,
            UrlScrubber.DEFAULT_PARAMS);

    /** The scrubber of these settings, or null when URLs are kept as they came. */
    public UrlScrubber scrubber() {
        return scrubUrls ? new UrlScrubber(scrubParams) : null;
    }
}
