package io.touchpoint.core.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.error.TouchpointException;
import java.time.Duration;
import java.util.Set;

/**
 * Typed reads from the objects inside config lists (goals, funnels), which reference.conf cannot
 * describe key by key: every error names the full path, e.g. {@code touchpoint.funnels[0].steps[2].name}.
 */
public final class ConfigObjects {
    private ConfigObjects() {
    }

    /** The list at {@code key}, or a config error saying what to write. */
    public static ConfigList list(ConfigValue value, String key, String example) {
        if (!(value instanceof ConfigList list)) {
            throw TouchpointException.config(key, value.unwrapped(), "Expected a list", "Write e.g. " + example + ".");
        }
        return list;
    }

    /** The object at {@code key}, or a config error saying what to write. */
    public static ConfigObject object(ConfigValue value, String key, String example) {
        if (!(value instanceof ConfigObject o)) {
            throw TouchpointException.config(key, value.unwrapped(), "Expected an object", "Write e.g. " + example + ".");
        }
        return o;
    }

    /** Fails on a key the object may not have. */
    public static void knownKeys(ConfigObject o, String key, Set<String> allowed, String what) {
        for (String field : o.keySet()) {
            if (!allowed.contains(field)) {
                throw TouchpointException.config(key + "." + field, o.get(field).unwrapped(), "Unknown " + what + " key",
                        "A " + what + " has: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
    }

    /** A non-empty string, or null when absent. */
    public static String string(ConfigObject o, String field, String key) {
        ConfigValue v = o.get(field);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.STRING) {
            throw TouchpointException.config(key + "." + field, v.unwrapped(), "Expected a string", "Quote the value.");
        }
        String s = (String) v.unwrapped();
        if (s.isEmpty()) {
            // An empty event name never matches and an empty regex matches everything: both silently wrong.
            throw TouchpointException.config(key + "." + field, "\"\"", "Value must not be empty",
                    "Set a value, or leave the key out.");
        }
        return s;
    }

    /** A whole number, or {@code fallback} when absent. */
    public static int integer(ConfigObject o, String field, String key, int fallback) {
        ConfigValue v = o.get(field);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() != ConfigValueType.NUMBER || ((Number) v.unwrapped()).doubleValue() % 1 != 0) {
            throw TouchpointException.config(key + "." + field, v.unwrapped(), "Expected a whole number", "Write e.g. 2.");
        }
        return ((Number) v.unwrapped()).intValue();
    }

    /** A positive duration (HOCON syntax: 30m, 1d), or {@code fallback} when absent. */
    public static Duration positiveDuration(ConfigObject o, String field, String key, Duration fallback) {
        if (!o.containsKey(field)) {
            return fallback;
        }
        Duration d;
        try {
            d = o.toConfig().getDuration(field);
        } catch (com.typesafe.config.ConfigException e) {
            throw TouchpointException.config(key + "." + field, o.get(field).unwrapped(), "Bad duration",
                    "Use a duration such as 30m, 12h or 7d.");
        }
        if (d.isNegative() || d.isZero()) {
            throw TouchpointException.config(key + "." + field, o.get(field).unwrapped(), "Duration must be positive",
                    "Use a duration above zero, such as 1d.");
        }
        return d;
    }
}
