package io.touchpoint.core.traffic;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parsed view of a URL: lower-cased host, path (never null, may be empty) and the decoded query parameters
 * (first occurrence of a name wins).
 *
 * <p>Lenient on purpose: tracker data holds truncated, double-encoded and plain garbage URLs, so {@link #parse}
 * never throws; when no host can be recognised the host is null. A hand-written scanner is used instead of
 * {@link java.net.URI} because URI rejects many real-world URLs and is slow on the per-event path.
 */
public record UrlParts(String host, String path, Map<String, String> query) implements Serializable {

    private static final UrlParts EMPTY = new UrlParts(null, "", Map.of());

    /** Parses {@code url}; null, blank or unparseable input gives a null host. Never throws. */
    public static UrlParts parse(String url) {
        return parse(url, true);
    }

    /** As {@link #parse(String)}, with an empty query unless {@code withQuery} (no map built for it). */
    static UrlParts parse(String url, boolean withQuery) {
        if (url == null) {
            return EMPTY;
        }
        String s = url.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        if (s.isEmpty()) {
            return EMPTY;
        }
        int q = s.indexOf('?');
        String main = q >= 0 ? s.substring(0, q) : s;
        Map<String, String> query = q >= 0 && withQuery ? parseQuery(s.substring(q + 1)) : Map.of();

        int authStart = -1;
        int schemeEnd = main.indexOf("://");
        if (schemeEnd > 0 && isScheme(main, schemeEnd)) {
            authStart = schemeEnd + 3;
        } else if (main.startsWith("//")) {
            authStart = 2;
        }
        int slash = main.indexOf('/', Math.max(authStart, 0));
        String authority = slash >= 0 ? main.substring(Math.max(authStart, 0), slash) : main.substring(Math.max(authStart, 0));
        String path = slash >= 0 ? main.substring(slash) : "";
        String host;
        if (authStart >= 0) {
            host = hostOf(authority, true);
        } else {
            // No scheme: accept "example.com/path" (common in referrer exports), but not "mailto:x@y.z" or "/path".
            host = authority.indexOf('.') > 0 ? hostOf(authority, false) : null;
            if (host == null) {
                path = main;
            }
        }
        return new UrlParts(host, path, query);
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return Character.isLetter(s.charAt(0));
    }

    /** Host of an authority ({@code user@host:port}), lower-cased, or null when it is not a plausible host. */
    private static String hostOf(String authority, boolean allowUserInfo) {
        String a = authority;
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            if (!allowUserInfo) {
                return null;
            }
            a = a.substring(at + 1);
        }
        if (a.startsWith("[")) { // IPv6 literal
            int close = a.indexOf(']');
            return close > 1 ? a.substring(1, close).toLowerCase(Locale.ROOT) : null;
        }
        int colon = a.indexOf(':');
        if (colon >= 0) {
            for (int i = colon + 1; i < a.length(); i++) {
                if (!Character.isDigit(a.charAt(i))) {
                    return null;
                }
            }
            a = a.substring(0, colon);
        }
        while (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        if (a.isEmpty() || a.startsWith(".") || a.contains("..")) {
            return null;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return null;
            }
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> parseQuery(String raw) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            int end = amp >= 0 ? amp : raw.length();
            if (end > start) {
                int eq = raw.indexOf('=', start);
                String name = eq >= 0 && eq < end ? raw.substring(start, eq) : raw.substring(start, end);
                String value = eq >= 0 && eq < end ? raw.substring(eq + 1, end) : "";
                if (!name.isEmpty()) {
                    out.putIfAbsent(decode(name), decode(value));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return Collections.unmodifiableMap(out);
    }

    /** URL-decodes leniently: a stray '%' is kept literally instead of failing the whole value. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s; // fast path, no allocation
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return URLDecoder.decode(s.replaceAll("%(?![0-9A-Fa-f]{2})", "%25"), StandardCharsets.UTF_8);
        }
    }
}
