package io.touchpoint.core.ingest;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based test runner for the parsers' fuzz tests: a property (a check that
 * throws when it does not hold) is run over generated texts, and the first text it fails on is
 * shrunk to a small one that still fails and reported with the seed that generated it.
 *
 * <p>Each property has a fixed seed, derived from its name, so CI sees the same inputs on every
 * run and a failure repeats. To explore further, run with {@code -Dtouchpoint.fuzz.seed=<n>} (any
 * number; every property then starts from it) and {@code -Dtouchpoint.fuzz.tries=<n>} (tries per
 * property instead of each property's own count).
 *
 * <p>Not jqwik: from version 1.10 its maintainer asks that it not be used by AI coding agents (its
 * "Anti-AI Usage Clause"), and these tests were written with one. The properties are plain checks
 * over generated strings and move to jqwik, or any property-testing library, as they are.
 */
final class Fuzz {
    /** At most this many smaller candidates are tried when shrinking a failing text. */
    private static final int SHRINK_BUDGET = 3_000;
    /** A failing text longer than this is reported by its start and end (the seed reproduces it whole). */
    private static final int REPORT_CHARS = 2_000;

    private Fuzz() {
    }

    /**
     * Runs {@code property} on {@code tries} texts from {@code generator}.
     *
     * @throws AssertionError naming the property, the seed, the try, the failing text and its shrunk form
     */
    static void check(String name, int tries, Function<Random, String> generator, Consumer<String> property) {
        long seed = Long.getLong("touchpoint.fuzz.seed", name.hashCode());
        int n = Integer.getInteger("touchpoint.fuzz.tries", tries);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            String input = generator.apply(random);
            Throwable failure = failure(property, input);
            if (failure != null) {
                String smallest = shrink(property, input, origin(failure));
                Throwable smallestFailure = failure(property, smallest);
                throw new AssertionError("Property " + name + " failed on try " + (i + 1) + " of " + n + " (seed " + seed
                        + ") with " + failure + "\non " + literal(input) + ",\nshrunk from " + input.length() + " to "
                        + smallest.length() + " characters: " + literal(smallest) + "\n" + smallestFailure, smallestFailure);
            }
        }
    }

    private static Throwable failure(Consumer<String> property, String input) {
        try {
            property.accept(input);
            return null;
        } catch (Throwable t) { // StackOverflowError included: the very failure being hunted
            return t;
        }
    }

    /** Where a failure was raised: its class and the first frame of this project's code (the assertion, or the bug). */
    private static String origin(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("io.touchpoint.")) {
                return t.getClass().getName() + " at " + e;
            }
        }
        return t.getClass().getName();
    }

    /** Removes ever smaller chunks while the property still fails the same way, at the same place (delta debugging). */
    private static String shrink(Consumer<String> property, String input, String origin) {
        String current = input;
        int budget = SHRINK_BUDGET;
        for (int chunk = Math.max(1, current.length() / 2); chunk >= 1 && budget > 0; chunk = chunk == 1 ? 0 : chunk / 2) {
            boolean removed = true;
            while (removed && budget > 0) {
                removed = false;
                for (int at = 0; at + chunk <= current.length() && budget > 0; at += chunk) {
                    String candidate = current.substring(0, at) + current.substring(at + chunk);
                    budget--;
                    Throwable t = failure(property, candidate);
                    if (t != null && origin(t).equals(origin)) {
                        current = candidate;
                        removed = true;
                        at -= chunk;
                    }
                }
            }
        }
        return current;
    }

    /** The text as a Java string literal, every character outside printable ASCII escaped. */
    static String literal(String s) {
        String shown = s.length() <= REPORT_CHARS ? s
                : s.substring(0, REPORT_CHARS / 2) + "<" + (s.length() - REPORT_CHARS) + " more>" + s.substring(s.length() - REPORT_CHARS / 2);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
