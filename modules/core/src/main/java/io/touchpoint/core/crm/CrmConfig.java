package io.touchpoint.core.crm;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * {@code touchpoint.crm}: the CRM export of offline outcomes (leads, opportunities, closed deals)
 * joined to the web journeys (docs/crm.md).
 *
 * @param path file or folder of the export; empty: there is none
 * @param format {@code csv} (a header row), {@code jsonl} (one object per line) or {@code parquet}
 * @param columns canonical column to the file's column name, for files whose names differ
 */
public record CrmConfig(String path, String format, Map<CrmColumn, String> columns) implements Serializable {
    /** The formats a CRM export may have. */
    public static final java.util.List<String> FORMATS = java.util.List.of("csv", "jsonl", "parquet");

    public CrmConfig {
        path = Objects.requireNonNull(path).strip();
        columns = Map.copyOf(columns);
    }

    /** No CRM input. */
    public static final CrmConfig NONE = new CrmConfig("", "csv", Map.of());

    public boolean enabled() {
        return !path.isEmpty();
    }

    /** The file's name of {@code c}: as renamed, else the canonical name. */
    public String columnOf(CrmColumn c) {
        return columns.getOrDefault(c, c.columnName());
    }
}
