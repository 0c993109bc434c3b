package io.touchpoint.core.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Hostile texts for the parsers' fuzz tests: random characters biased towards the ones that
 * steer parsers (quotes, delimiters, brackets, backslashes, line breaks), random bytes decoded as
 * UTF-8 the way inputs are read, and valid records with those characters inserted, deleted or
 * repeated. Every generator is a function of the {@link Random} it is given, so a seed repeats it.
 */
final class FuzzInputs {
    /** Characters with a meaning to some parser here, and a few that break naive ones. */
    private static final String SYNTAX = "\"\"\",,,;\t\\\\[]{}:- /?&=%#'\n\r\u2028\u0085\uFEFF\u0000\u007f\uFFFD";
    /** Pieces that are more than one character: escapes, separators, non-BMP characters, lone surrogates. */
    private static final List<String> TOKENS = List.of("\"\"", "\\\"", "\r\n", "\n\n", "\",\"", "\\u0000", "\\ud800",
            "\ud83d\ude00", "\ud800", "\udfff", "\u00e9", "\u4e2d", "-", " - ", "[", "] \"", "\" ", "null", "true", "1e999",
            "{\"a\":", "[[[[", "]]]]", "%zz", "%2", "?utm_source=", "://", "1788256800123", "2026-09-01T10:00:00Z",
            "+02:00", "+0200", "Z", "T", ".123456789", "-0700]", "\u0661\u0662", "https://search.seesaa.jp/a/index.html",
            "http://www.lookany.com/search/");

    private FuzzInputs() {
    }

    /** Up to {@code maxLength} random characters, mostly syntax, letters and digits. */
    static String randomText(Random r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            appendRandom(r, sb);
        }
        return sb.toString();
    }

    /** Up to {@code maxLength} random bytes decoded as UTF-8, as the inputs are (bad sequences become U+FFFD). */
    static String randomBytes(Random r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        boolean mostlyAscii = r.nextBoolean();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (mostlyAscii && r.nextInt(4) > 0 ? SYNTAX.charAt(r.nextInt(SYNTAX.length())) & 0x7f : r.nextInt(256));
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** {@code valid} with one to eight random edits. */
    static String mutate(Random r, String valid) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(7)) {
                case 0, 1 -> sb.insert(at, SYNTAX.charAt(r.nextInt(SYNTAX.length())));
                case 2 -> sb.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
                case 3 -> { // delete a run
                    int end = Math.min(sb.length(), at + 1 + r.nextInt(6));
                    sb.delete(Math.min(at, end), end);
                }
                case 4 -> { // replace one character
                    if (at < sb.length()) {
                        StringBuilder one = new StringBuilder();
                        appendRandom(r, one);
                        sb.replace(at, at + 1, one.toString());
                    }
                }
                case 5 -> { // repeat a character or a piece: a long field, deep nesting, many delimiters
                    String piece = r.nextBoolean() ? String.valueOf(SYNTAX.charAt(r.nextInt(SYNTAX.length())))
                            : r.nextBoolean() ? "x" : TOKENS.get(r.nextInt(TOKENS.size()));
                    int times = r.nextInt(10) == 0 ? 2_000 + r.nextInt(20_000) : 1 + r.nextInt(50);
                    sb.insert(at, piece.repeat(times));
                }
                default -> { // duplicate a stretch
                    int end = Math.min(sb.length(), at + r.nextInt(40));
                    sb.insert(at, sb.substring(Math.min(at, end), end));
                }
            }
        }
        return sb.toString();
    }

    /** One of the given generators, picked at random on each call. */
    @SafeVarargs
    static Function<Random, String> oneOf(Function<Random, String>... generators) {
        return r -> generators[r.nextInt(generators.length)].apply(r);
    }

    /** {@code lines} from {@code line}, joined by a random mix of LF, CRLF and CR (the line breaks a reader accepts). */
    static String lines(Random r, int lines, Function<Random, String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(line.apply(r));
            int end = r.nextInt(10);
            sb.append(end < 7 ? "\n" : end < 9 ? "\r\n" : i % 3 == 0 ? "\n\n" : "\r");
        }
        return sb.toString();
    }

    /** A random word of letters, digits and URL-ish punctuation, possibly empty. */
    static String word(Random r, int maxLength) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_./?=&%+~";
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void appendRandom(Random r, StringBuilder sb) {
        int kind = r.nextInt(20);
        if (kind < 8) {
            sb.append(SYNTAX.charAt(r.nextInt(SYNTAX.length())));
        } else if (kind < 14) {
            sb.append((char) (' ' + r.nextInt(95))); // printable ASCII
        } else if (kind < 16) {
            sb.append(TOKENS.get(r.nextInt(TOKENS.size())));
        } else if (kind < 17) {
            sb.append((char) r.nextInt(0x20)); // control characters
        } else if (kind < 19) {
            sb.append((char) r.nextInt(0x10000)); // any UTF-16 unit, lone surrogates included
        } else {
            sb.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000)); // non-BMP
        }
    }
}
