package io.touchpoint.core.util;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers answers of a pure function whose inputs repeat (user agents, traffic sources), shared by
 * threads. When it holds {@code max} answers it forgets them all: cheaper than an eviction order,
 * and logs that repeat few inputs never get there.
 */
public final class BoundedMemo<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int max;
    private final Compute<K, V> compute;
    // Answers are not shipped with the function: each JVM (each Spark executor) learns its own.
    private transient volatile ConcurrentHashMap<K, V> answers;

    /** The function remembered; serializable, so a memo can travel inside a Spark closure. */
    @FunctionalInterface
    public interface Compute<K, V> extends Function<K, V>, Serializable {
    }

    public BoundedMemo(int max, Compute<K, V> compute) {
        this.max = max;
        this.compute = compute;
    }

    public V get(K key) {
        ConcurrentHashMap<K, V> m = answers;
        if (m == null) {
            m = new ConcurrentHashMap<>();
            answers = m;
        }
        V known = m.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        if (m.size() >= max) {
            m.clear();
        }
        m.put(key, value);
        return value;
    }
}
