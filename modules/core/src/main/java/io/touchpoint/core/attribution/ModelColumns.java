package io.touchpoint.core.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column-name keys for models in wide tables (model_comparison): the bare model name when it is
 * unique among the requested models ({@code position_based}), else the whole canonical name made
 * identifier-safe ({@code position_based_first_0_2_last_0_6}), so SQL needs no quoting.
 */
public final class ModelColumns {
    private ModelColumns() {
    }

    /** Canonical model name to its key, in model order. */
    public static Map<String, String> keys(List<AttributionModel> models) {
        Map<String, Long> bases = new LinkedHashMap<>();
        models.forEach(m -> bases.merge(base(m.name()), 1L, Long::sum));
        Map<String, String> keys = new LinkedHashMap<>();
        for (AttributionModel m : models) {
            String base = base(m.name());
            keys.put(m.name(), bases.get(base) == 1 ? identifier(base) : identifier(m.name()));
        }
        return keys;
    }

    private static String base(String name) {
        int p = name.indexOf('(');
        String b = p < 0 ? name : name.substring(0, p);
        int dot = b.lastIndexOf('.');
        return dot < 0 ? b : b.substring(dot + 1); // a custom model's simple class name
    }

    private static String identifier(String s) {
        String id = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "m_" + id : id;
    }
}
