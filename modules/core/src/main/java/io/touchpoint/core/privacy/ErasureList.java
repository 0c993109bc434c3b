package io.touchpoint.core.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids {@code touchpoint erase} removed, as every later run must honour them: an event of an
 * erased visitor or user is skipped on read (reason {@code erased}), so re-running over raw logs
 * that still hold the person does not bring them back.
 *
 * <p>The list never holds an id. Each entry is one of:
 * <ul>
 *   <li>{@code secret <hash>}: HMAC-SHA256 of the id as read, under the output folder's own
 *       secret ({@code _secrets/key}), for ids that were stored as they came;</li>
 *   <li>{@code pseudonym <pseudonym>}: the id's pseudonym, for outputs made with
 *       {@code privacy.pseudonymise} (the tables hold only pseudonyms, so that is all erase sees).
 *       Changing the pseudonym key makes these entries stale, as it makes every pseudonym.</li>
 * </ul>
 * Stored as text, one entry per line, in {@code _audit/erasure-list/<erase run id>.txt}.
 */
public final class ErasureList implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SECRET = "secret";
    public static final String PSEUDONYM = "pseudonym";

    private final Pseudonyms secret;
    private final Set<String> hashes;
    private final Set<String> pseudonyms;

    private ErasureList(Pseudonyms secret, Set<String> hashes, Set<String> pseudonyms) {
        this.secret = secret;
        this.hashes = hashes;
        this.pseudonyms = pseudonyms;
    }

    /**
     * The list of these entry lines ({@code kind<TAB>value}; blank lines ignored).
     *
     * @param secret the output folder's secret hasher
     * @throws IllegalArgumentException on a line of another shape
     */
    public static ErasureList of(Pseudonyms secret, List<String> lines) {
        Set<String> hashes = new TreeSet<>();
        Set<String> pseudonyms = new TreeSet<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\t");
            if (f.length != 2 || f[1].isEmpty()) {
                throw new IllegalArgumentException("not an erasure list entry: " + line.length() + " characters");
            }
            switch (f[0]) {
                case SECRET -> hashes.add(f[1]);
                case PSEUDONYM -> pseudonyms.add(f[1]);
                default -> throw new IllegalArgumentException("unknown erasure list entry kind " + f[0]);
            }
        }
        return new ErasureList(secret, hashes, pseudonyms);
    }

    /** The entry line of an id stored as it came. */
    public static String secretEntry(Pseudonyms secret, String id) {
        return SECRET + "\t" + secret.apply(id);
    }

    /** The entry line of a pseudonym. */
    public static String pseudonymEntry(String pseudonym) {
        return PSEUDONYM + "\t" + pseudonym;
    }

    public boolean isEmpty() {
        return hashes.isEmpty() && pseudonyms.isEmpty();
    }

    public int size() {
        return hashes.size() + pseudonyms.size();
    }

    /** Whether an id as read (before any pseudonym) was erased. */
    public boolean erasedRaw(String id) {
        return id != null && !hashes.isEmpty() && hashes.contains(secret.apply(id));
    }

    /** Whether a pseudonym was erased. */
    public boolean erasedPseudonym(String pseudonym) {
        return pseudonym != null && pseudonyms.contains(pseudonym);
    }

    /** Every entry line, sorted (for tests and the audit). */
    public List<String> entries() {
        List<String> out = new ArrayList<>();
        hashes.forEach(h -> out.add(SECRET + "\t" + h));
        pseudonyms.forEach(p -> out.add(PSEUDONYM + "\t" + p));
        return out;
    }
}
