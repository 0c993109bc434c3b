package io.touchpoint.core.traffic;

import io.touchpoint.core.error.TouchpointException;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the {@link TrafficSource} of an event from its page URL, referrer and optional utm columns.
 *
 * <p>Rules, first match wins:
 * <ol>
 *   <li>utm parameters: the utm column values when any column is non-blank, else the page URL's {@code utm_*}
 *       parameters or their Matomo aliases ({@code mtm_*}, {@code pk_*}, ...). Applies when source, medium or
 *       campaign is present; the missing ones are {@code (not set)}.</li>
 *   <li>click ids in the page URL: {@code gclid, gbraid, wbraid, dclid} → google / cpc, {@code msclkid} → bing / cpc.</li>
 *   <li>an external referrer: a known social network (Matomo list, checked first) → host without {@code www.} /
 *       referral; a known search engine → engine name / organic with the search keyword as term; any other host →
 *       host without {@code www.} / referral.</li>
 *   <li>otherwise {@link TrafficSource#DIRECT}. Internal referrers (see {@link #isInternalReferrer}) count as none.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe; serializes only the internal-host sets (the referrer lists are JVM-wide).
 */
public final class SourceResolver implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KEY = "touchpoint.sessions.internal-hosts";

    private static final String[] SOURCE = {"utm_source", "mtm_source", "pk_source", "matomo_source"};
    private static final String[] MEDIUM = {"utm_medium", "mtm_medium", "pk_medium", "matomo_medium"};
    private static final String[] CAMPAIGN = {"utm_campaign", "mtm_campaign", "mtm_cpn", "pk_campaign", "pk_cpn",
        "piwik_campaign", "matomo_campaign"};
    private static final String[] TERM = {"utm_term", "mtm_kwd", "mtm_keyword", "pk_kwd", "pk_keyword", "piwik_kwd",
        "matomo_kwd"};
    private static final String[] CONTENT = {"utm_content", "mtm_content", "pk_content"};
    private static final String[] GOOGLE_CLICK_IDS = {"gclid", "gbraid", "wbraid", "dclid"};
    private static final String BING_CLICK_ID = "msclkid";

    /** Every query parameter this class reads. */
    static final java.util.List<String> PARAMETERS = java.util.stream.Stream.of(SOURCE, MEDIUM, CAMPAIGN, TERM, CONTENT,
            GOOGLE_CLICK_IDS, new String[] {BING_CLICK_ID}).flatMap(java.util.Arrays::stream).toList();

    private final Set<String> exactHosts = new HashSet<>();
    /** Entries written {@code *.example.com}, stored as {@code example.com}: the domain and all subdomains. */
    private final Set<String> wildcardDomains = new HashSet<>();

    /**
     * @param internalHosts the value of {@code touchpoint.sessions.internal-hosts}: bare hosts ({@code shop.example.com},
     *     a leading {@code www.} is ignored) or {@code *.example.com} for a domain and all its subdomains; may be null
     * @throws TouchpointException (config) for a blank entry or one that is not a bare host
     */
    public SourceResolver(Collection<String> internalHosts) {
        if (internalHosts == null) {
            return;
        }
        for (String entry : internalHosts) {
            String h = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            boolean wildcard = h.startsWith("*.");
            String host = wildcard ? h.substring(2) : h;
            if (host.isEmpty() || !host.matches("[\\p{L}\\p{N}_.-]+") || host.startsWith(".")) {
                throw TouchpointException.config(KEY, entry, "Not a host name",
                        "List bare host names such as shop.example.com, or *.example.com for a domain and all "
                                + "its subdomains (no scheme, path or port).");
            }
            (wildcard ? wildcardDomains : exactHosts).add(stripWww(host));
        }
    }

    /** Resolves the traffic source; utm* are the optional input columns (null or blank = absent). Never throws. */
    public TrafficSource resolve(String pageUrl, String referrerUrl, String utmSource, String utmMedium,
            String utmCampaign, String utmTerm, String utmContent) {
        UrlParts page = UrlParts.parse(pageUrl, mayNameParameters(pageUrl));
        // 1. utm: the columns win as a whole when any is filled, so URL and column values are never mixed
        boolean anyColumn = !isBlank(utmSource) || !isBlank(utmMedium) || !isBlank(utmCampaign)
                || !isBlank(utmTerm) || !isBlank(utmContent);
        String source;
        String medium;
        String campaign;
        String term;
        String content;
        if (anyColumn) {
            source = clean(utmSource);
            medium = clean(utmMedium);
            campaign = clean(utmCampaign);
            term = clean(utmTerm);
            content = clean(utmContent);
        } else {
            Map<String, String> q = page.query();
            source = first(q, SOURCE);
            medium = first(q, MEDIUM);
            campaign = first(q, CAMPAIGN);
            term = first(q, TERM);
            content = first(q, CONTENT);
        }
        if (source != null || medium != null || campaign != null) {
            return new TrafficSource(orNotSet(source), orNotSet(medium), orNotSet(campaign), term, content);
        }
        // 2. click ids: auto-tagged ads carry no utm parameters
        if (first(page.query(), GOOGLE_CLICK_IDS) != null) {
            return new TrafficSource("google", "cpc", TrafficSource.NOT_SET, null, null);
        }
        if (first(page.query(), BING_CLICK_ID) != null) {
            return new TrafficSource("bing", "cpc", TrafficSource.NOT_SET, null, null);
        }
        // 3. external referrer. Socials are checked first because Matomo also lists some of them as search
        // engines (www.facebook.com with q=): a facebook.com referral is social, not organic search.
        UrlParts ref = UrlParts.parse(referrerUrl);
        if (ref.host() != null && !isInternal(page.host(), ref.host())) {
            String host = stripWww(ref.host());
            ReferrerLists lists = ReferrerLists.bundled();
            if (lists.isSocialHost(host)) {
                return new TrafficSource(host, "referral", TrafficSource.NOT_SET, null, null);
            }
            ReferrerLists.SearchEngine engine = lists.searchEngine(ref.host());
            if (engine != null) {
                return new TrafficSource(engine.name(), "organic", TrafficSource.NOT_SET, engine.keyword(ref), null);
            }
            return new TrafficSource(host, "referral", TrafficSource.NOT_SET, null, null);
        }
        return TrafficSource.DIRECT;
    }

    /**
     * True when the referrer's host (ignoring a leading {@code www.}) equals the page's host (ignoring {@code www.})
     * or matches an internal-hosts entry. False when the referrer has no host.
     */
    public boolean isInternalReferrer(String pageUrl, String referrerUrl) {
        String refHost = UrlParts.parse(referrerUrl).host();
        return refHost != null && isInternal(UrlParts.parse(pageUrl).host(), refHost);
    }

    private boolean isInternal(String pageHost, String refHost) {
        String r = stripWww(refHost);
        if ((pageHost != null && r.equals(stripWww(pageHost))) || exactHosts.contains(r)) {
            return true;
        }
        if (wildcardDomains.isEmpty()) {
            return false;
        }
        for (String d = r; ; ) {
            if (wildcardDomains.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }

    private static String first(Map<String, String> query, String... names) {
        for (String n : names) {
            String v = clean(query.get(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * False when no query parameter of {@code url} can be one this class reads (utm and Matomo names,
     * click ids): then its query is not parsed, which was the larger part of resolving a source. A
     * percent sign may encode any name, so it always counts.
     */
    static boolean mayNameParameters(String url) {
        if (url == null || url.indexOf('?') < 0) {
            return false;
        }
        for (String part : PARAMETER_PARTS) {
            if (url.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** A part of every name in {@link #PARAMETERS}. */
    private static final String[] PARAMETER_PARTS = {"%", "utm_", "mtm_", "pk_", "piwik_", "matomo_", "clid", "braid",
        "msclkid"};

    private static String stripWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String clean(String s) {
        return isBlank(s) ? null : s.strip();
    }

    private static String orNotSet(String s) {
        return s == null ? TrafficSource.NOT_SET : s;
    }
}
