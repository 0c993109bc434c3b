package io.touchpoint.core.privacy;

import java.io.Serializable;

/**
 * {@code touchpoint.privacy}: how personal values are protected on their way into the tables.
 *
 * @param pseudonymise replace visitor, user and person ids in every table with a keyed hash
 * @param keyFile a file holding the pseudonym key (empty: none)
 * @param keyEnv the name of the environment variable holding the key, used when {@code keyFile} is empty
 */
public record PrivacyConfig(boolean pseudonymise, String keyFile, String keyEnv) implements Serializable {
    /** Nothing pseudonymised. */
    public static final PrivacyConfig NONE = new PrivacyConfig(false, "", "TOUCHPOINT_PSEUDONYM_KEY");
}
