package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.util.ArrayList;
import java.util.List;

/** Maps an input's column names onto {@link CanonicalColumn}s, honouring configured renames. */
public final class HeaderMapping {
    private HeaderMapping() {
    }

    /**
     * For each canonical column, the index of its input column, or -1 when the input lacks it.
     *
     * @throws TouchpointException (INPUT) when a required column is missing
     */
    public static int[] indexes(InputConfig config, String file, List<String> header) {
        int[] idx = new int[CanonicalColumn.COUNT];
        List<String> missing = new ArrayList<>();
        for (CanonicalColumn c : CanonicalColumn.ALL) {
            idx[c.ordinal()] = header.indexOf(config.sourceName(c));
            if (idx[c.ordinal()] < 0 && c.required()) {
                missing.add(config.sourceName(c));
            }
        }
        if (!missing.isEmpty()) {
            throw TouchpointException.input(file, "The input has no column " + String.join(", ", missing)
                            + " (its columns: " + String.join(", ", header) + ")",
                    "Add the column, or map your column name in the config, e.g. touchpoint.input.columns { "
                            + CanonicalColumn.ALL.stream().filter(c -> missing.contains(config.sourceName(c)))
                            .findFirst().map(CanonicalColumn::columnName).orElse("event_time") + " = \"your_column\" }.", null);
        }
        return idx;
    }

    /** The canonical fields of one record: empty strings become null (absent). */
    public static String[] pick(List<String> fields, int[] idx) {
        String[] out = new String[CanonicalColumn.COUNT];
        for (int i = 0; i < out.length; i++) {
            int j = idx[i];
            if (j >= 0 && j < fields.size()) {
                String v = fields.get(j);
                out[i] = v.isEmpty() ? null : v;
            }
        }
        return out;
    }
}
