package io.touchpoint.core.ingest;

/**
 * The fields of one Apache/NGINX "combined" log line:
 * {@code host ident user [time] "request" status bytes "referrer" "user agent"}, anything may follow.
 *
 * <p>Found by one left-to-right pass, so a line costs time in proportion to its length and no
 * stack at all: the regular expression this replaces recursed once per character of a quoted
 * field, and a request or referrer of about 1,300 characters overflowed the stack (real logs
 * carry long query strings). It accepts exactly the lines that expression did, with one
 * leniency: a line separator other than CR and LF (U+0085, U+2028, U+2029) is an ordinary
 * character here, where the expression's {@code .} refused it after a backslash and in the
 * trailing fields.
 *
 * @param host the client address, as logged (IPv4, IPv6, a name)
 * @param time the text between the brackets, not yet read as a time
 * @param request the request line between its quotes, escapes left as logged
 * @param status the three-digit response status
 * @param referrer the referrer between its quotes, escapes left as logged
 * @param agent the user agent between its quotes, escapes left as logged
 */
record CombinedLogLine(String host, String time, String request, int status, String referrer, String agent) {

    /** The line's fields, or null when it is not a combined-format line. */
    static CombinedLogLine parse(String line) {
        Scanner s = new Scanner(line);
        String host = s.token();
        if (host == null || !s.skip(' ') || s.token() == null || !s.skip(' ') || s.token() == null
                || !s.skip(' ') || !s.skip('[')) {
            return null;
        }
        String time = s.bracketed();
        if (time == null || !s.skip(' ') || !s.skip('"')) {
            return null;
        }
        String request = s.quoted();
        if (request == null || !s.skip(' ')) {
            return null;
        }
        int status = s.status();
        if (status < 0 || !s.skip(' ') || s.token() == null || !s.skip(' ') || !s.skip('"')) {
            return null;
        }
        String referrer = s.quoted();
        if (referrer == null || !s.skip(' ') || !s.skip('"')) {
            return null;
        }
        String agent = s.quoted();
        if (agent == null) {
            return null;
        }
        return new CombinedLogLine(host, time, request, status, referrer, agent);
    }

    /** A cursor over the line; every method moves forward only, so the pass is linear. */
    private static final class Scanner {
        private final String line;
        private int pos;

        Scanner(String line) {
            this.line = line;
        }

        boolean skip(char c) {
            if (pos < line.length() && line.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** One or more characters up to the next whitespace (the regex {@code \S+}), or null. */
        String token() {
            int start = pos;
            while (pos < line.length() && !isWhitespace(line.charAt(pos))) {
                pos++;
            }
            return pos > start ? line.substring(start, pos) : null;
        }

        /** One or more characters up to and past the closing {@code ]}, or null. */
        String bracketed() {
            int end = line.indexOf(']', pos);
            if (end <= pos) {
                return null;
            }
            String s = line.substring(pos, end);
            pos = end + 1;
            return s;
        }

        /**
         * The text up to and past the closing quote, the opening one already read; a backslash
         * escapes the character after it (so {@code \"} does not close). Null when no quote closes.
         */
        String quoted() {
            for (int i = pos; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    String s = line.substring(pos, i);
                    pos = i + 1;
                    return s;
                }
                if (c == '\\') {
                    i++;
                }
            }
            return null;
        }

        /** Exactly three ASCII digits, or -1. */
        int status() {
            if (pos + 3 > line.length()) {
                return -1;
            }
            int value = 0;
            for (int i = pos; i < pos + 3; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            pos += 3;
            return value;
        }

        /** The regex {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
        private static boolean isWhitespace(char c) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
    }
}
