package io.touchpoint.spark.rows;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns Java strings into Spark strings, remembering the first few thousand distinct values: the
 * columns it serves repeat a handful of values (statuses, sources, media, campaigns, channels), so
 * most lookups hit and each hit skips an encoding and an allocation. Past the limit it encodes
 * without remembering. One encoder per task; not thread-safe.
 */
public final class Utf8Encoder {
    private static final int LIMIT = 4096;

    private final Map<String, UTF8String> known = new HashMap<>();

    /** The Spark string of {@code s}, or null for null. */
    public UTF8String encode(String s) {
        if (s == null) {
            return null;
        }
        UTF8String u = known.get(s);
        if (u == null) {
            u = UTF8String.fromString(s);
            if (known.size() < LIMIT) {
                known.put(s, u);
            }
        }
        return u;
    }
}
