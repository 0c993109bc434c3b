package io.touchpoint.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engines must agree on before their times mean anything: sessions, conversions, the
 * shared funnel's units per step, and each model's credit per channel (within 1e-6).
 */
final class Agreement {
    static final double TOLERANCE = 1e-6;

    private Agreement() {
    }

    /** @return the disagreements, empty when all engines agree with the first one */
    static List<String> check(Map<String, List<EngineResult>> byEngine) {
        List<String> out = new ArrayList<>();
        EngineResult ref = byEngine.values().iterator().next().get(0);
        for (var e : byEngine.entrySet()) {
            EngineResult r = e.getValue().get(0);
            if (r == ref) {
                continue;
            }
            String pair = ref.engine() + " vs " + r.engine();
            if (r.sessions() != ref.sessions()) {
                out.add(pair + ": sessions " + ref.sessions() + " vs " + r.sessions());
            }
            if (r.conversions() != ref.conversions()) {
                out.add(pair + ": conversions " + ref.conversions() + " vs " + r.conversions());
            }
            if (!Arrays.equals(r.funnel(), ref.funnel())) {
                out.add(pair + ": funnel units " + Arrays.toString(ref.funnel()) + " vs " + Arrays.toString(r.funnel()));
            }
            if (!r.credits().isEmpty() && !ref.credits().isEmpty()) {
                Map<String, Map<String, Double>> a = byBaseName(ref.credits());
                Map<String, Map<String, Double>> b = byBaseName(r.credits());
                for (String model : a.keySet()) {
                    Map<String, Double> x = a.get(model);
                    Map<String, Double> y = b.getOrDefault(model, Map.of());
                    for (String channel : union(x, y)) {
                        double u = x.getOrDefault(channel, 0.0);
                        double v = y.getOrDefault(channel, 0.0);
                        if (Math.abs(u - v) > TOLERANCE * Math.max(1, Math.abs(u))) {
                            out.add(pair + ": " + model + " credit for " + channel + " " + u + " vs " + v);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** position_based(first=0.4,last=0.4) and position_based are the same model here. */
    private static Map<String, Map<String, Double>> byBaseName(Map<String, Map<String, Double>> credits) {
        Map<String, Map<String, Double>> m = new HashMap<>();
        credits.forEach((model, v) -> m.put(model.contains("(") ? model.substring(0, model.indexOf('(')) : model, v));
        return m;
    }

    private static List<String> union(Map<String, Double> a, Map<String, Double> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }
}
