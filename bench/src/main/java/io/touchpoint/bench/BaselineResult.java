package io.touchpoint.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a hand-written SQL baseline computed for the benchmark's work, and how long each stage took.
 *
 * @param engine            "duckdb" or "spark-sql"
 * @param events            accepted, de-duplicated events
 * @param sessions          sessions
 * @param conversions       conversions (purchase events)
 * @param conversionCredit  model (Touchpoint's canonical name, see {@link #MODELS}) → channel → conversions credited
 * @param revenueCredit     model → channel → revenue credited
 * @param funnelUnits       persons reaching steps 1..4 of the funnel (cumulative)
 * @param loadMs            read, validate, drop bots, resolve sources, de-duplicate
 * @param sessionsMs        people, sessions, channels
 * @param attributionMs     conversions, journeys, all six models, credit per channel
 * @param funnelMs          the funnel
 */
public record BaselineResult(String engine, long events, long sessions, long conversions,
                             Map<String, Map<String, Double>> conversionCredit,
                             Map<String, Map<String, Double>> revenueCredit,
                             long[] funnelUnits,
                             long loadMs, long sessionsMs, long attributionMs, long funnelMs) {

    /** The six models, by Touchpoint's canonical names, in the column order of the attribution queries. */
    public static final List<String> MODELS = List.of("first", "last", "last_non_direct", "linear",
            "position_based(first=0.4,last=0.4)", "time_decay(half_life=7d)");

    /** Funnel steps (event names), in order. */
    public static final List<String> FUNNEL_STEPS = List.of("product_view", "add_to_cart", "begin_checkout", "purchase");

    public BaselineResult {
        funnelUnits = funnelUnits.clone();
    }

    @Override
    public long[] funnelUnits() {
        return funnelUnits.clone();
    }

    public long totalMs() {
        return loadMs + sessionsMs + attributionMs + funnelMs;
    }

    /**
     * Where this result and {@code other} disagree: counts and funnel units exactly, credits within
     * {@code tolerance} (a channel missing on one side counts as 0). Empty when they agree.
     */
    public List<String> differences(BaselineResult other, double tolerance) {
        List<String> out = new ArrayList<>();
        if (events != other.events) {
            out.add("events " + events + " vs " + other.events);
        }
        if (sessions != other.sessions) {
            out.add("sessions " + sessions + " vs " + other.sessions);
        }
        if (conversions != other.conversions) {
            out.add("conversions " + conversions + " vs " + other.conversions);
        }
        if (!Arrays.equals(funnelUnits, other.funnelUnits)) {
            out.add("funnel " + Arrays.toString(funnelUnits) + " vs " + Arrays.toString(other.funnelUnits));
        }
        compare("conversions", conversionCredit, other.conversionCredit, tolerance, out);
        compare("revenue", revenueCredit, other.revenueCredit, tolerance, out);
        return out;
    }

    private static void compare(String what, Map<String, Map<String, Double>> a, Map<String, Map<String, Double>> b,
                                double tolerance, List<String> out) {
        TreeSet<String> models = new TreeSet<>(a.keySet());
        models.addAll(b.keySet());
        for (String m : models) {
            Map<String, Double> x = a.getOrDefault(m, Map.of());
            Map<String, Double> y = b.getOrDefault(m, Map.of());
            TreeSet<String> channels = new TreeSet<>(x.keySet());
            channels.addAll(y.keySet());
            for (String c : channels) {
                double u = x.getOrDefault(c, 0.0);
                double v = y.getOrDefault(c, 0.0);
                if (!(Math.abs(u - v) <= tolerance)) {
                    out.add(String.format(Locale.ROOT, "%s %s %s: %.9f vs %.9f", what, m, c, u, v));
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaselineResult r && engine.equals(r.engine) && events == r.events && sessions == r.sessions
                && conversions == r.conversions && conversionCredit.equals(r.conversionCredit)
                && revenueCredit.equals(r.revenueCredit) && Arrays.equals(funnelUnits, r.funnelUnits)
                && loadMs == r.loadMs && sessionsMs == r.sessionsMs && attributionMs == r.attributionMs
                && funnelMs == r.funnelMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, events, sessions, conversions, conversionCredit, revenueCredit,
                Arrays.hashCode(funnelUnits), loadMs, sessionsMs, attributionMs, funnelMs);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %,d events, %,d sessions, %,d conversions, funnel %s%n", engine, events,
                sessions, conversions, Arrays.toString(funnelUnits)));
        b.append(String.format(Locale.ROOT, "  ms: load %,d, sessions %,d, attribution %,d, funnel %,d, total %,d%n",
                loadMs, sessionsMs, attributionMs, funnelMs, totalMs()));
        for (String m : MODELS) {
            b.append("  ").append(m).append(' ').append(new TreeMap<>(conversionCredit.getOrDefault(m, Map.of())))
                    .append(System.lineSeparator());
        }
        return b.toString();
    }

    // ---- shared by the two baselines ----

    /** Builds the per-model maps from rows of (channel, six conversion sums, six revenue sums). */
    static final class CreditBuilder {
        final Map<String, Map<String, Double>> conversions = new TreeMap<>();
        final Map<String, Map<String, Double>> revenue = new TreeMap<>();

        void add(String channel, double[] conversionSums, double[] revenueSums) {
            for (int i = 0; i < MODELS.size(); i++) {
                conversions.computeIfAbsent(MODELS.get(i), k -> new TreeMap<>()).put(channel, conversionSums[i]);
                revenue.computeIfAbsent(MODELS.get(i), k -> new TreeMap<>()).put(channel, revenueSums[i]);
            }
        }
    }

    /**
     * The statements of a bundled SQL file ({@code sql/<name>.sql} next to this class), with {@code ${key}}
     * replaced by the given values. Statements end with a semicolon at the end of a line; comment-only
     * chunks are dropped.
     */
    static List<String> statements(String name, Map<String, String> vars) {
        String text;
        try (InputStream in = BaselineResult.class.getResourceAsStream("sql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("Missing resource sql/" + name + ".sql");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        List<String> out = new ArrayList<>();
        for (String chunk : text.split(";[ \\t]*(\\r?\\n|$)")) {
            boolean code = chunk.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
            if (code) {
                out.add(chunk.strip());
            }
        }
        return out;
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
