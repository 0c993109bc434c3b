package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.privacy.ClientIps;
import io.touchpoint.core.privacy.PrivacyConfig;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Apache/NGINX "combined" log lines the way Matomo's log importer reads them: every
 * successful page request is a {@code page_view}; the visitor is a keyed hash of the masked client
 * address and the user agent ({@link ClientIps#visitorId}: the raw address goes no further than
 * this parser); static assets, error and redirect responses are skipped (and counted) unless
 * configured.
 */
public final class AccessLogParser implements LineRecords.LineParser {
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    /** Extensions of static assets; Matomo's importer skips the same kinds of request. */
    static final Set<String> STATIC_EXTENSIONS = Set.of(
            "css", "js", "mjs", "map", "json", "xml", "txt", "ico", "png", "jpg", "jpeg", "gif", "svg", "webp",
            "avif", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "wav");

    private final InputConfig.AccessLogOptions options;
    private final String urlPrefix;
    private final ClientIps ips;

    /**
     * For tests and core-only callers: the default IP mask ({@code ip-mask = 2}) and a fixed,
     * public key ({@link ClientIps#withFixedTestKey}), so ids are repeatable but not protected.
     */
    public AccessLogParser(InputConfig config) {
        this(config, ClientIps.withFixedTestKey(PrivacyConfig.DEFAULT.ipMask()));
    }

    /** @param ips masks each client address and makes the visitor id from it (under the run's key) */
    public AccessLogParser(InputConfig config, ClientIps ips) {
        this.options = config.accessLog();
        this.urlPrefix = options.host().isEmpty() ? "" : "https://" + options.host();
        this.ips = ips;
    }

    @Override
    public RawRecord parse(String file, long line, String text) {
        CombinedLogLine m = CombinedLogLine.parse(text);
        if (m == null) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE, "not in combined log format");
        }
        int status = m.status();
        if (status >= 400 && !options.keepErrors()) {
            return RawRecord.skipped(file, line, text, Reasons.HTTP_ERROR);
        }
        if (status >= 300 && status < 400 && !options.keepRedirects()) {
            return RawRecord.skipped(file, line, text, Reasons.HTTP_REDIRECT);
        }
        // After the status checks: probes with an empty request ("-") are typically 400s, skipped as errors.
        String path = requestPath(m.request());
        if (path == null) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE, "request line has no path");
        }
        if (!options.keepStaticAssets() && isStaticAsset(path)) {
            return RawRecord.skipped(file, line, text, Reasons.STATIC_ASSET);
        }
        String time;
        try {
            time = OffsetDateTime.parse(m.time(), CLF_TIME).toString();
        } catch (DateTimeException e) {
            time = m.time(); // validation quarantines it as unparseable_time, keeping the raw line
        }
        String referrer = dash(m.referrer());
        String agent = dash(m.agent());
        String[] fields = new String[CanonicalColumn.COUNT];
        fields[CanonicalColumn.EVENT_TIME.ordinal()] = time;
        // The address is masked before it is used, and is kept nowhere: the id is a keyed hash.
        fields[CanonicalColumn.VISITOR_ID.ordinal()] = ips.visitorId(m.host(), agent);
        fields[CanonicalColumn.EVENT_NAME.ordinal()] = "page_view";
        fields[CanonicalColumn.PAGE_URL.ordinal()] = path.startsWith("/") ? urlPrefix + path : path;
        fields[CanonicalColumn.REFERRER_URL.ordinal()] = referrer;
        fields[CanonicalColumn.USER_AGENT.ordinal()] = agent;
        return RawRecord.ok(file, line, text, fields);
    }

    /**
     * The request target: the second of the request line's space-separated words ("GET /a HTTP/1.1"),
     * or null when there is none. The same word {@code request.split(" ")[1]} gives, without
     * cutting a long request into all its words.
     */
    static String requestPath(String request) {
        int start = request.indexOf(' ') + 1;
        if (start == 0) {
            return null;
        }
        int end = request.indexOf(' ', start);
        if (end < 0) {
            end = request.length();
        }
        if (end == start && request.chars().skip(start).allMatch(c -> c == ' ')) {
            return null; // only spaces follow: split drops trailing empty words
        }
        return request.substring(start, end);
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

}
