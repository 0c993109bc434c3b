package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Apache/NGINX "combined" log lines the way Matomo's log importer reads them: every
 * successful page request is a {@code page_view}; the visitor is a hash of IP and user agent;
 * static assets, error and redirect responses are skipped (and counted) unless configured.
 */
public final class AccessLogParser implements LineRecords.LineParser {
    /** host ident user [time] "request" status bytes "referrer" "user agent" (anything may follow). */
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\S+)"
                    + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\".*$");
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    /** Extensions of static assets; Matomo's importer skips the same kinds of request. */
    static final Set<String> STATIC_EXTENSIONS = Set.of(
            "css", "js", "mjs", "map", "json", "xml", "txt", "ico", "png", "jpg", "jpeg", "gif", "svg", "webp",
            "avif", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "wav");

    private final InputConfig.AccessLogOptions options;
    private final String urlPrefix;

    public AccessLogParser(InputConfig config) {
        this.options = config.accessLog();
        this.urlPrefix = options.host().isEmpty() ? "" : "https://" + options.host();
    }

    @Override
    public RawRecord parse(String file, long line, String text) {
        Matcher m = COMBINED.matcher(text);
        if (!m.matches()) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE, "not in combined log format");
        }
        int status = Integer.parseInt(m.group(4));
        if (status >= 400 && !options.keepErrors()) {
            return RawRecord.skipped(file, line, text, Reasons.HTTP_ERROR);
        }
        if (status >= 300 && status < 400 && !options.keepRedirects()) {
            return RawRecord.skipped(file, line, text, Reasons.HTTP_REDIRECT);
        }
        // After the status checks: probes with an empty request ("-") are typically 400s, skipped as errors.
        String[] request = m.group(3).split(" ");
        if (request.length < 2) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE, "request line has no path");
        }
        String path = request[1];
        if (!options.keepStaticAssets() && isStaticAsset(path)) {
            return RawRecord.skipped(file, line, text, Reasons.STATIC_ASSET);
        }
        String time;
        try {
            time = OffsetDateTime.parse(m.group(2), CLF_TIME).toString();
        } catch (DateTimeException e) {
            time = m.group(2); // validation quarantines it as unparseable_time, keeping the raw line
        }
        String ip = m.group(1);
        String referrer = dash(m.group(6));
        String agent = dash(m.group(7));
        String[] fields = new String[CanonicalColumn.COUNT];
        fields[CanonicalColumn.EVENT_TIME.ordinal()] = time;
        fields[CanonicalColumn.VISITOR_ID.ordinal()] = visitorId(ip, agent);
        fields[CanonicalColumn.EVENT_NAME.ordinal()] = "page_view";
        fields[CanonicalColumn.PAGE_URL.ordinal()] = path.startsWith("/") ? urlPrefix + path : path;
        fields[CanonicalColumn.REFERRER_URL.ordinal()] = referrer;
        fields[CanonicalColumn.USER_AGENT.ordinal()] = agent;
        return RawRecord.ok(file, line, text, fields);
    }

    static boolean isStaticAsset(String path) {
        int end = path.length();
        int q = path.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int slash = path.lastIndexOf('/', end - 1);
        int dot = path.lastIndexOf('.', end - 1);
        if (dot <= slash) {
            return false;
        }
        return STATIC_EXTENSIONS.contains(path.substring(dot + 1, end).toLowerCase(Locale.ROOT));
    }

    private static String dash(String s) {
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    /** Matomo-style visitor id: the first 16 hex digits of SHA-256(ip + user agent). */
    static String visitorId(String ip, String agent) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest((ip + "|" + (agent == null ? "" : agent)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
