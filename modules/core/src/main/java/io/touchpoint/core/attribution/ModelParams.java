package io.touchpoint.core.attribution;

import io.touchpoint.core.error.TouchpointException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to the {@code k=v} parameters of a model spec, for built-in and custom models.
 *
 * <p>Every getter records the name it was asked for; after a custom model's constructor ran,
 * {@link AttributionModels#parse} rejects any parameter the model never asked for, so a typo
 * ({@code half_lfe=3d}) is an error, not a silent default. Errors name the config key and the
 * spec as written. The static helpers format canonical names: numbers as plain decimals without
 * trailing zeros ({@code 0.4}, {@code 1}), durations in the largest exact unit among d, h, m, s,
 * ms ({@code 7d}, {@code 36h}, {@code 90m}).
 */
public final class ModelParams {

    private static final Pattern DURATION =
            Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))\\s*(d|h|m|s|ms|us|ns)", Pattern.CASE_INSENSITIVE);

    /** Duration units of canonical names, largest first, with their length in nanoseconds. */
    private static final String[] UNITS = {"d", "h", "m", "s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {
        86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private final String key;
    private final String spec;
    private final String model;
    private final Map<String, String> values;
    private final Set<String> asked = new LinkedHashSet<>();

    private ModelParams(String key, String spec, String model, Map<String, String> values) {
        this.key = key;
        this.spec = spec;
        this.model = model;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parameters of one spec.
     *
     * @param key the config key the spec came from, for error messages
     * @param spec the spec as written, for error messages
     * @param model the model name (built-in name or class name)
     * @param values parameter name to value as written (trimmed), in spec order
     */
    public static ModelParams of(String key, String spec, String model, Map<String, String> values) {
        return new ModelParams(key, spec, model, values);
    }

    /** The config key the spec came from. */
    public String key() {
        return key;
    }

    /** The spec as written. */
    public String spec() {
        return spec;
    }

    /** The model name (built-in name or class name). */
    public String model() {
        return model;
    }

    /** All given parameters as written, in spec order (unmodifiable). */
    public Map<String, String> values() {
        return values;
    }

    /** True when the spec sets {@code name}. */
    public boolean has(String name) {
        asked.add(name);
        return values.containsKey(name);
    }

    /** The value as written, or {@code defaultValue} when not given. */
    public String getString(String name, String defaultValue) {
        asked.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    /** A decimal number ({@code 0.4}, {@code 1}, {@code 2.5e-3}); finite; {@code -0} reads as 0. */
    public double getDouble(String name, double defaultValue) {
        asked.add(name);
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = new BigDecimal(v).doubleValue();
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d)) {
            throw invalid("Parameter '" + name + "' of " + model + " is not a number ('" + v + "')",
                    "Write a decimal number, e.g. " + name + "=0.5.");
        }
        return d + 0.0; // -0.0 -> 0.0, so parse(name()) round-trips
    }

    /** A whole number. */
    public long getLong(String name, long defaultValue) {
        asked.add(name);
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return new BigDecimal(v).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("Parameter '" + name + "' of " + model + " is not a whole number ('" + v + "')",
                    "Write a whole number, e.g. " + name + "=3.");
        }
    }

    /**
     * A duration: a number and a unit, {@code d}, {@code h}, {@code m}, {@code s} or {@code ms}
     * ({@code us} and {@code ns} are accepted too), e.g. {@code 7d}, {@code 1.5d}, {@code 90m}.
     */
    public Duration getDuration(String name, Duration defaultValue) {
        asked.add(name);
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        Duration d = parseDuration(v);
        if (d == null) {
            throw invalid("Parameter '" + name + "' of " + model + " is not a duration ('" + v + "')",
                    "Write a number and a unit (d, h, m, s or ms), e.g. " + name + "=7d or " + name + "=36h.");
        }
        return d;
    }

    /** A config error about this spec: {@code <problem>: <key> = <spec>. <fix>}. */
    public TouchpointException invalid(String problem, String fix) {
        return TouchpointException.config(key, spec, problem, fix);
    }

    /** Rejects any given parameter not in {@code known}; {@code fix} says what is allowed. */
    void rejectUnknown(Collection<String> known, String fix) {
        for (String given : values.keySet()) {
            if (!known.contains(given)) {
                throw invalid("Unknown parameter '" + given + "' of " + model, fix);
            }
        }
    }

    /** The names asked for so far, in order. */
    Set<String> asked() {
        return Collections.unmodifiableSet(asked);
    }

    // ---- canonical formatting -------------------------------------------------------------------

    /** {@code 0.4 -> "0.4"}, {@code 1.0 -> "1"}, {@code 100.0 -> "100"}: shortest decimal, no exponent. */
    public static String formatNumber(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Not a finite number: " + value);
        }
        return BigDecimal.valueOf(value + 0.0).stripTrailingZeros().toPlainString();
    }

    /**
     * The duration in the largest unit among d, h, m, s, ms that holds it exactly: 7d, 36h, 90m,
     * 1500ms (us, ns for finer durations); zero is {@code 0s}.
     */
    public static String formatDuration(Duration duration) {
        BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        for (int i = 0; i < UNITS.length; i++) {
            BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(UNIT_NANOS[i]));
            if (qr[1].signum() == 0) {
                return qr[0] + UNITS[i];
            }
        }
        throw new AssertionError(duration);
    }

    /**
     * The canonical name {@code model(k=v,k=v)} from names and values in declared order; values
     * are formatted with {@link #formatNumber} (any {@link Number}) or {@link #formatDuration},
     * anything else with {@code toString()}. Without parameters it is just {@code model}.
     */
    public static String canonicalName(String model, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        if (namesAndValues.length == 0) {
            return model;
        }
        StringBuilder sb = new StringBuilder(model).append('(');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(namesAndValues[i]).append('=').append(format(namesAndValues[i + 1]));
        }
        return sb.append(')').toString();
    }

    private static String format(Object value) {
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return value instanceof Double || value instanceof Float ? formatNumber(n.doubleValue()) : n.toString();
        }
        if (value instanceof Duration d) {
            return formatDuration(d);
        }
        return String.valueOf(value);
    }

    /** Parses {@code 7d}, {@code 1.5h}, {@code 500ms}; null when it is not a duration or too large. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long unitNanos = 0;
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                unitNanos = UNIT_NANOS[i];
            }
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos));
        try {
            BigInteger exact = nanos.toBigIntegerExact(); // fractions of a nanosecond are not a duration
            BigInteger[] sn = exact.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
            if (sn[1].signum() < 0) {
                sn[0] = sn[0].subtract(BigInteger.ONE);
                sn[1] = sn[1].add(BigInteger.valueOf(1_000_000_000L));
            }
            return Duration.ofSeconds(sn[0].longValueExact(), sn[1].longValueExact());
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
