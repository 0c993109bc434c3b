package io.touchpoint.core.traffic;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GA4 source category of a source string (case-insensitive exact match): Google's GA4 list first; otherwise a
 * host or lower-cased engine name of Matomo's search-engine list is {@link SourceCategory#SEARCH}, a host (or
 * subdomain of one) or lower-cased name of Matomo's socials list is {@link SourceCategory#SOCIAL}.
 *
 * <p>Thread-safe. Serializes to nothing: deserialisation returns the JVM-wide {@link #bundled()} instance, so the
 * lists are never shipped to Spark tasks. Answers are memoised per source (sources repeat on millions of rows).
 */
public final class SourceCategories implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Bound on the memo so unbounded garbage sources cannot exhaust memory; beyond it we just compute. */
    private static final int MAX_MEMO = 100_000;

    private final transient ConcurrentHashMap<String, Optional<SourceCategory>> memo = new ConcurrentHashMap<>();

    private SourceCategories() {
    }

    private static final class Holder {
        static final SourceCategories INSTANCE = new SourceCategories();
    }

    /** The categories from the lists bundled with Touchpoint. */
    public static SourceCategories bundled() {
        return Holder.INSTANCE;
    }

    /** The category of {@code source}, empty when unknown, null or blank. */
    public Optional<SourceCategory> of(String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        Optional<SourceCategory> known = memo.get(source);
        if (known != null) {
            return known;
        }
        Optional<SourceCategory> computed = Optional.ofNullable(compute(source.strip().toLowerCase(Locale.ROOT)));
        if (memo.size() < MAX_MEMO) {
            memo.put(source, computed);
        }
        return computed;
    }

    private static SourceCategory compute(String s) {
        ReferrerLists lists = ReferrerLists.bundled();
        SourceCategory ga4 = lists.ga4Category(s);
        if (ga4 != null) {
            return ga4;
        }
        if (lists.isEngineName(s) || lists.searchEngine(s) != null) {
            return SourceCategory.SEARCH;
        }
        if (lists.isSocialName(s) || lists.isSocialHost(s)) {
            return SourceCategory.SOCIAL;
        }
        return null;
    }

    private Object readResolve() {
        return bundled();
    }
}
