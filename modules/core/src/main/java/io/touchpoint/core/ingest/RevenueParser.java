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

    /** What {@link #read} answers for a text that is not a plain, finite decimal number. */
    public static final Double INVALID = Double.NaN;

    /**
     * The value of {@code text}: null when absent (null or blank), {@link #INVALID} (NaN, which is
     * itself refused as input) when not a plain, finite decimal number. Checked and parsed once.
     */
    public static Double read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (!DECIMAL.matcher(t).matches()) {
            return INVALID;
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : INVALID;
    }
}
