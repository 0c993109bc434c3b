package io.touchpoint.core.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bundled referrer lists (Matomo search engines and socials, GA4 source categories), loaded once per JVM from
 * the TSV resources under {@code io/touchpoint/referrers/}. Never serialized: holders call {@link #bundled()}.
 *
 * <p>Host lookups are hash lookups. Matomo's {@code {}} wildcard ({@code google.{}}, {@code {}.bing.com},
 * {@code images.{}.ask.com}) is handled by deriving the few candidate patterns a host could match (each label
 * replaced by {@code {}}, or a two-label country suffix such as {@code co.uk} replaced by {@code {}}) instead of
 * looping over regexes.
 */
final class ReferrerLists {

    private static final String BASE = "/io/touchpoint/referrers/";
    /** Second-level labels under a ccTLD that Matomo folds into {@code {}} too ({@code google.co.uk}). */
    private static final Set<String> SECOND_LEVEL = Set.of("com", "co", "org", "net", "edu", "gov", "ac", "it");

    /** A search engine entry: lower-cased name and its keyword parameters (names or path regexes), in list order. */
    record SearchEngine(String name, List<String> params, List<Pattern> pathPatterns) {
        /** The search keyword in the referrer, or null. */
        String keyword(UrlParts referrer) {
            for (String p : params) {
                String v = referrer.query().get(p);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
            for (Pattern p : pathPatterns) {
                Matcher m = p.matcher(referrer.path());
                if (m.find() && m.groupCount() >= 1 && m.group(1) != null && !m.group(1).isBlank()) {
                    return UrlParts.decode(m.group(1)).strip();
                }
            }
            return null;
        }
    }

    private final Map<String, SearchEngine> engineByHost = new HashMap<>();
    private final Set<String> engineNames = new HashSet<>();
    private final Set<String> socialHosts = new HashSet<>();
    private final Set<String> socialNames = new HashSet<>();
    private final Map<String, SourceCategory> ga4Categories = new HashMap<>();

    private ReferrerLists() {
        Map<String, SearchEngine> byName = new HashMap<>();
        read("search-engines.tsv", cols -> {
            String name = cols[0].toLowerCase(Locale.ROOT);
            List<String> params = new ArrayList<>();
            List<Pattern> patterns = new ArrayList<>();
            for (int i = 2; i < cols.length; i++) {
                String p = cols[i];
                if (p.length() > 2 && p.startsWith("/") && p.endsWith("/")) {
                    try {
                        patterns.add(Pattern.compile(p.substring(1, p.length() - 1)));
                    } catch (PatternSyntaxException e) {
                        // a PHP-only regex construct: skip it, the name parameters still work
                    }
                } else if (!p.isEmpty()) {
                    params.add(p);
                }
            }
            engineNames.add(name);
            engineByHost.putIfAbsent(cols[1], new SearchEngine(name, List.copyOf(params), List.copyOf(patterns)));
        });
        read("socials.tsv", cols -> {
            socialNames.add(cols[0].toLowerCase(Locale.ROOT));
            socialHosts.add(cols[1]);
        });
        read("source-categories.tsv", cols ->
                ga4Categories.putIfAbsent(cols[0].toLowerCase(Locale.ROOT), SourceCategory.valueOf(cols[1])));
    }

    private static final class Holder {
        static final ReferrerLists INSTANCE = new ReferrerLists();
    }

    /** The lists bundled with Touchpoint, loaded on first use. */
    static ReferrerLists bundled() {
        return Holder.INSTANCE;
    }

    private static void read(String file, Consumer<String[]> row) {
        try (InputStream in = ReferrerLists.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + BASE + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    if (cols.length >= 2) {
                        row.accept(cols);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled resource " + BASE + file, e);
        }
    }

    /** The search engine of a lower-cased host, or null; a leading {@code www.} is tried with and without. */
    SearchEngine searchEngine(String host) {
        SearchEngine e = lookupEngine(host);
        if (e == null && host.startsWith("www.")) {
            e = lookupEngine(host.substring(4));
        }
        return e;
    }

    private SearchEngine lookupEngine(String host) {
        SearchEngine e = engineByHost.get(host);
        if (e != null) {
            return e;
        }
        String[] labels = host.split("\\.");
        if (labels.length < 2) {
            return null;
        }
        // each single label replaced by {}: google.{}, {}.bing.com, images.{}.ask.com
        for (int i = 0; i < labels.length; i++) {
            e = engineByHost.get(join(labels, i, i + 1));
            if (e != null) {
                return e;
            }
        }
        // a country suffix with a second level replaced by {}: google.co.uk -> google.{}
        int n = labels.length;
        if (n >= 3 && labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2])) {
            return engineByHost.get(join(labels, n - 2, n));
        }
        return null;
    }

    /** The labels joined with '.', with labels [from, to) replaced by a single {}. */
    private static String join(String[] labels, int from, int to) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < labels.length; i++) {
            if (i >= from && i < to) {
                if (i == from) {
                    sb.append(sb.length() > 0 ? ".{}" : "{}");
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(labels[i]);
        }
        return sb.toString();
    }

    /** True for a lower-cased engine name from the Matomo list ("google", "bing"). */
    boolean isEngineName(String lower) {
        return engineNames.contains(lower);
    }

    /**
     * True when the lower-cased host is a Matomo social host or a subdomain of one (Matomo matches socials by
     * domain suffix too, so {@code l.facebook.com} counts as facebook.com).
     */
    boolean isSocialHost(String host) {
        String h = host;
        while (true) {
            if (socialHosts.contains(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (dot < 0 || h.indexOf('.', dot + 1) < 0) {
                return false; // stop before the bare TLD
            }
            h = h.substring(dot + 1);
        }
    }

    /** True for a lower-cased social network name from the Matomo list ("facebook"). */
    boolean isSocialName(String lower) {
        return socialNames.contains(lower);
    }

    /** The GA4 category of a lower-cased source, or null. */
    SourceCategory ga4Category(String lower) {
        return ga4Categories.get(lower);
    }
}
