package io.touchpoint.core.privacy;

import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.util.BoundedMemo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms of visitor and user ids: HMAC-SHA256 of the id's UTF-8 bytes under the user's key,
 * written as unpadded base64url (43 characters). The same id gives the same pseudonym in every run
 * with the same key, so joins, people and journeys work as before, and nobody without the key can
 * go back from a pseudonym to the id or test a guess (an unkeyed hash of an e-mail address or an IP
 * can be reversed by trying candidates). The key is never written anywhere: not to a table, the
 * manifest (which holds the key file's path or the variable's name only), a log or the report.
 */
public final class Pseudonyms implements Serializable, UnaryOperator<String> {
    private static final long serialVersionUID = 1L;
    /** The shortest key accepted: 16 bytes, HMAC's security needs at least the hash's half. */
    public static final int MIN_KEY_BYTES = 16;

    private final byte[] key;
    private transient Mac mac;
    private transient BoundedMemo<String, String> memo;

    Pseudonyms(byte[] key) {
        this.key = key.clone();
    }

    /**
     * The run's pseudonyms, or null when {@code privacy.pseudonymise} is off.
     *
     * @param env reads an environment variable (System::getenv in a run)
     * @throws TouchpointException (exit 2) when there is no usable key, naming both ways to give one
     */
    public static Pseudonyms of(PrivacyConfig config, UnaryOperator<String> env) {
        if (!config.pseudonymise()) {
            return null;
        }
        byte[] key;
        String where;
        if (!config.keyFile().isBlank()) {
            where = "touchpoint.privacy.key-file";
            try {
                key = Files.readString(Path.of(config.keyFile().trim())).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw TouchpointException.config(where, config.keyFile(), "The pseudonym key file cannot be read ("
                        + e.getClass().getSimpleName() + ")", "Give a readable file holding the key (at least " + MIN_KEY_BYTES
                        + " characters), e.g. made with: openssl rand -base64 32 > touchpoint.key");
            }
        } else {
            where = "touchpoint.privacy.key-env";
            String value = config.keyEnv().isBlank() ? null : env.apply(config.keyEnv().trim());
            if (value == null || value.isBlank()) {
                throw TouchpointException.config(where, config.keyEnv(), "touchpoint.privacy.pseudonymise is on but no key is given",
                        "Set the environment variable " + config.keyEnv() + " to a secret of at least " + MIN_KEY_BYTES
                                + " characters (e.g. the output of: openssl rand -base64 32), or set"
                                + " touchpoint.privacy.key-file to a file holding it.");
            }
            key = value.strip().getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MIN_KEY_BYTES) {
            // The value is the key's length only: the key itself is never printed.
            throw TouchpointException.config(where, key.length + " characters", "The pseudonym key is too short",
                    "Use at least " + MIN_KEY_BYTES + " characters, e.g. the output of: openssl rand -base64 32");
        }
        return new Pseudonyms(key);
    }

    /**
     * Keyed hashes under {@code key}: the output folder's own secret ({@code _secrets/key}), used
     * where a keyed hash is needed without {@code privacy.pseudonymise} (access-log visitor ids,
     * the erasure list).
     */
    public static Pseudonyms ofSecret(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A secret of at least " + MIN_KEY_BYTES + " bytes is needed");
        }
        return new Pseudonyms(key);
    }

    /** The pseudonym of {@code id} (null stays null). */
    @Override
    public String apply(String id) {
        if (id == null) {
            return null;
        }
        if (memo == null) { // per task: a visitor's rows come close together in most logs
            memo = new BoundedMemo<>(4096, this::hash);
        }
        return memo.get(id);
    }

    private String hash(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(id));
    }

    /**
     * A short keyed hash of {@code text}: the first 16 bytes (128 bits) of HMAC-SHA256 under the
     * key, as unpadded base64url (22 characters). Not remembered: the caller remembers what repeats.
     */
    public String shortHash(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac(text), 16));
    }

    private synchronized byte[] mac(String text) { // a Mac is not thread-safe
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms(HMAC-SHA256, key hidden)";
    }
}
