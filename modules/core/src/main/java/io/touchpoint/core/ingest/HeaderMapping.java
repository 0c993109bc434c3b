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
     * Names match exactly: callers strip what is not part of a name (spaces, a byte order mark).
     *
     * @throws TouchpointException (INPUT) when a required column is missing, or when a column
     *     Touchpoint reads appears twice (which one holds the values cannot be told); columns it
     *     does not read may repeat, as the empty names of trailing delimiters do
     */
    public static int[] indexes(InputConfig config, String file, List<String> header) {
        int[] idx = new int[CanonicalColumn.COUNT];
        List<String> missing = new ArrayList<>();
        for (CanonicalColumn c : CanonicalColumn.ALL) {
            String name = config.sourceName(c);
            int at = header.indexOf(name);
            idx[c.ordinal()] = at;
            if (at < 0 && c.required()) {
                missing.add(name);
            }
            if (at >= 0) {
                int again = header.subList(at + 1, header.size()).indexOf(name);
                if (again >= 0) {
                    throw duplicate(file, header, c, name, at, at + 1 + again);
                }
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

    private static TouchpointException duplicate(String file, List<String> header, CanonicalColumn c, String name,
                                                 int first, int second) {
        String read = name.equals(c.columnName()) ? "" : " (read as " + c.columnName() + ")";
        return TouchpointException.input(file, "The input has the column " + name + read + " twice, as columns "
                        + (first + 1) + " and " + (second + 1) + " (its columns: " + String.join(", ", header) + ")",
                "Rename or remove one of the two, so that one column holds " + c.columnName()
                        + "; to read another column as " + c.columnName() + ", map it in the config, e.g. "
                        + "touchpoint.input.columns { " + c.columnName() + " = \"your_column\" }.", null);
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
