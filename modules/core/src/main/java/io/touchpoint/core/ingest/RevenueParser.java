package io.touchpoint.core.ingest;

import java.util.regex.Pattern;

/**
 * Reads revenue as a plain decimal number ({@code 12.5}, {@code -3}, {@code 1e3}).
 *
 * <p>Locale formats ({@code 12,50}), currency text ({@code 12.50 EUR}), NaN and infinity are
 * refused rather than guessed at: a wrong revenue silently skews every model's numbers.
 */
public final class RevenueParser {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private RevenueParser() {
    }

    /** True when {@code text} is absent or a plain, finite decimal number. */
    public static boolean isValid(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.trim();
        return DECIMAL.matcher(t).matches() && Double.isFinite(Double.parseDouble(t));
    }

    /** The value, or null when absent; call {@link #isValid} first. */
    public static Double parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Double.parseDouble(text.trim());
    }
}
