package io.touchpoint.core.config;

import java.util.Collection;
import java.util.Comparator;

/** Finds the known config key closest to a mistyped one, for "did you mean" hints. */
final class KeySuggester {
    private KeySuggester() {
    }

    static String closest(String key, Collection<String> known) {
        return known.stream().min(Comparator.comparingInt((String k) -> distance(key, k)).thenComparing(k -> k))
                .orElse("");
    }

    /** Levenshtein distance, two rows at a time. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
