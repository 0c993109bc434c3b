package io.touchpoint.core.privacy;

import io.touchpoint.core.util.BoundedMemo;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Client addresses of access logs, anonymised before anything uses them
 * ({@code touchpoint.privacy.ip-mask}, docs/privacy.md):
 *
 * <ul>
 *   <li>{@link #mask}: an IPv4 address loses its last {@code ip-mask} bytes (203.0.113.77 with 2
 *       becomes 203.0.0.0); an IPv6 address loses its last 0, 64, 80, 104 or 128 bits for
 *       {@code ip-mask} 0 to 4, as Matomo's anonymisation. An IPv4-mapped IPv6 address
 *       ({@code ::ffff:203.0.113.77}) is masked and written as the IPv4 address it maps, so both
 *       forms give the same visitor. IPv6 is written in its canonical short form (RFC 5952), so
 *       every spelling of one address gives the same visitor.</li>
 *   <li>{@link #visitorId}: the first 16 bytes of HMAC-SHA256 of {@code masked address|user agent}
 *       under the run's key, as unpadded base64url: 22 characters. A host that is not an IP
 *       address (a name logged with Apache's HostnameLookups) is not masked but hashed whole.</li>
 *   <li>{@link #maskText}: every IPv4 and IPv6 address in a text (a quarantined record) masked
 *       alike; {@link #maskLogLine} also redacts the client host of a combined log line when it is
 *       a name (a reverse-DNS name often spells the address).</li>
 * </ul>
 * The key is the pseudonym key when {@code privacy.pseudonymise} is on, else the output folder's own
 * secret: without it, an id could be reversed by hashing every masked address with a known agent.
 */
public final class ClientIps implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Bits of an IPv6 address zeroed for {@code ip-mask} 0 to 4 (Matomo's choice). */
    private static final int[] IPV6_BITS = {0, 64, 80, 104, 128};
    /** What stands for a client host that is a name, in a quarantined line. */
    public static final String REDACTED_HOST = "(host)";
    /**
     * A fixed, public key, for tests and the core reference only: ids made with it are no better
     * than an unkeyed hash. Runs use the pseudonym key or the output folder's secret.
     */
    private static final byte[] FIXED_TEST_KEY = "touchpoint-fixed-test-key-not-secret".getBytes(StandardCharsets.UTF_8);

    private final int maskBytes;
    private final Pseudonyms key;
    private transient BoundedMemo<String, String> ids;

    /**
     * @param maskBytes {@code privacy.ip-mask}, 0 to 4
     * @param key the keyed hash of visitor ids; null when no visitor id is made (inputs other than access logs)
     */
    public ClientIps(int maskBytes, Pseudonyms key) {
        if (maskBytes < 0 || maskBytes > 4) {
            throw new IllegalArgumentException("ip-mask is 0 to 4, not " + maskBytes);
        }
        this.maskBytes = maskBytes;
        this.key = key;
    }

    /** Masking as configured, with a fixed public key (tests and core-only callers; see {@link #FIXED_TEST_KEY}). */
    public static ClientIps withFixedTestKey(int maskBytes) {
        return new ClientIps(maskBytes, Pseudonyms.ofSecret(FIXED_TEST_KEY));
    }

    public int maskBytes() {
        return maskBytes;
    }

    /**
     * The visitor id of a client: 22 characters of base64url, the first 16 bytes of HMAC-SHA256 of
     * the masked address (or the host whole when it is not an address), "|" and the user agent
     * (empty when there is none). Remembered per (host, agent): a log repeats them.
     */
    public String visitorId(String host, String agent) {
        if (key == null) {
            throw new IllegalStateException("No key for visitor ids was given");
        }
        if (ids == null) {
            ids = new BoundedMemo<>(16_384, this::computeId);
        }
        return ids.get(host + "|" + (agent == null ? "" : agent));
    }

    private String computeId(String hostAndAgent) {
        int bar = hostAndAgent.indexOf('|');
        String host = hostAndAgent.substring(0, bar);
        String masked = mask(host);
        return key.shortHash(masked == null ? hostAndAgent : masked + hostAndAgent.substring(bar));
    }

    /** The masked address, or null when {@code host} is not an IPv4 or IPv6 address. */
    public String mask(String host) {
        if (host == null) {
            return null;
        }
        String h = host;
        if (h.length() > 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            h = h.substring(1, h.length() - 1);
        }
        int[] v4 = parseIpv4(h, 0, h.length());
        if (v4 != null) {
            return ipv4(v4, maskBytes);
        }
        int[] v6 = parseIpv6(h);
        if (v6 == null) {
            return null;
        }
        if (isMappedIpv4(v6)) {
            return ipv4(new int[] {v6[6] >>> 8, v6[6] & 0xff, v6[7] >>> 8, v6[7] & 0xff}, maskBytes);
        }
        int bits = IPV6_BITS[maskBytes];
        for (int g = 7; g >= 0 && bits > 0; g--) {
            int take = Math.min(16, bits);
            v6[g] &= take == 16 ? 0 : (0xffff << take) & 0xffff;
            bits -= take;
        }
        return ipv6(v6);
    }

    /**
     * A combined log line with its client host masked (a name replaced by {@value #REDACTED_HOST})
     * and every other address in it masked ({@link #maskText}); a line that is not in combined
     * format has every address in it masked. Unchanged with {@code ip-mask = 0}.
     */
    public String maskLogLine(String line) {
        if (line == null || maskBytes == 0) {
            return line;
        }
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        // The host of a line that has the shape "host ident user [time] ...": anything else is left to maskText.
        if (end > 0 && end + 1 < line.length() && line.indexOf(" [", end) > end && mask(line.substring(0, end)) == null
                && line.charAt(end) == ' ' && looksLikeHostField(line.substring(0, end))) {
            return REDACTED_HOST + maskText(line.substring(end));
        }
        return maskText(line);
    }

    /** A host name as logged by Apache's HostnameLookups: letters, digits, dots, dashes, at least one dot. */
    private static boolean looksLikeHostField(String s) {
        if (s.indexOf('.') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} with every IPv4 address (four numbers 0 to 255 split by dots, not part of a
     * longer run of digits and dots) and every IPv6 address (hex groups and colons, at least two
     * colons, not inside a word) masked as {@link #mask} does. Unchanged with {@code ip-mask = 0}.
     */
    public String maskText(String text) {
        if (text == null || maskBytes == 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!isHex(c) && c != ':' || i > 0 && isWordOrAddress(text.charAt(i - 1))) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && (isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
                end++;
            }
            if (end < n && isWordOrAddress(text.charAt(end))) { // part of a longer word
                i = end;
                continue;
            }
            String masked = maskCandidate(text, i, end);
            if (masked != null) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(masked);
                copied = end;
            }
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /** The masked form of {@code text[from, to)} when it is an address (a trailing dot or colon left out), else null. */
    private String maskCandidate(String text, int from, int to) {
        int end = to;
        while (end > from && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ':' && !text.startsWith("::", end - 2))) {
            end--;
        }
        if (end < to && text.charAt(end) == '.' && end + 1 < to) {
            return null; // a longer run of dotted numbers (a version) is not an address
        }
        String s = text.substring(from, end);
        int colon = s.indexOf(':');
        if (colon < 0 && parseIpv4(s, 0, s.length()) == null) {
            return null;
        }
        if (colon > 0 && s.indexOf(':', colon + 1) < 0 && parseIpv4(s, 0, colon) != null) {
            return mask(s.substring(0, colon)) + text.substring(from + colon, to); // an address and a port
        }
        String m = mask(s);
        return m == null ? null : m + text.substring(end, to);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Characters that make a run of hex digits part of a word or a longer token rather than an address. */
    private static boolean isWordOrAddress(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == ':';
    }

    /** The four numbers of a dotted IPv4 address in {@code s[from, to)}, or null. */
    static int[] parseIpv4(String s, int from, int to) {
        int[] out = new int[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || v > 255) {
                return null;
            }
            out[part++] = v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    /** The eight 16-bit groups of an IPv6 address (compressed, with a dotted IPv4 tail, with a zone), or null. */
    static int[] parseIpv6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct); // a zone (fe80::1%eth0) names the interface, not the address
        }
        if (s.indexOf(':') < 0) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] a = groups(head, gap < 0);
        int[] b = gap >= 0 ? groups(tail, true) : new int[0];
        if (a == null || b == null) {
            return null;
        }
        int total = a.length + b.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, 8 - b.length, b.length);
        return out;
    }

    /** The groups of one side of "::" (a dotted IPv4 tail allowed when {@code last}), or null. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int p = 0; p < parts.length; p++) {
            String g = parts[p];
            if (last && p == parts.length - 1 && g.indexOf('.') >= 0) {
                int[] v4 = parseIpv4(g, 0, g.length());
                if (v4 == null) {
                    return null;
                }
                out[n++] = v4[0] << 8 | v4[1];
                out[n++] = v4[2] << 8 | v4[3];
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int i = 0; i < g.length(); i++) {
                int d = Character.digit(g.charAt(i), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isMappedIpv4(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    }

    private static String ipv4(int[] b, int maskBytes) {
        StringBuilder out = new StringBuilder(15);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(i < 4 - maskBytes ? b[i] : 0);
        }
        return out.toString();
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups (the first of equals) as "::". */
    static String ipv6(int[] g) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ClientIps(ip-mask " + maskBytes + ", key hidden)";
    }
}
