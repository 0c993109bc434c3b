package io.touchpoint.core.spend;

import io.touchpoint.core.config.InputFormat;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * {@code touchpoint.spend}: the ad spend file whose costs {@code attribution_summary} and
 * {@code model_comparison} set against the credited conversions (cost, CPA, ROAS).
 *
 * @param path a file, folder or glob; empty: no spend (every cost column is null)
 * @param format {@link InputFormat#CSV} (with a header row), {@link InputFormat#JSONL} or {@link InputFormat#PARQUET}
 * @param columns canonical column to the file's own column name, only for renamed columns
 */
public record SpendConfig(String path, InputFormat format, Map<SpendColumn, String> columns) implements Serializable {
    /** No spend file. */
    public static final SpendConfig NONE = new SpendConfig("", InputFormat.CSV, Map.of());

    public SpendConfig {
        path = Objects.requireNonNull(path).strip();
        Objects.requireNonNull(format);
        if (format == InputFormat.ACCESS_LOG) {
            throw new IllegalArgumentException("a spend file is csv, jsonl or parquet");
        }
        columns = Map.copyOf(columns);
    }

    /** Whether a spend file is configured. */
    public boolean enabled() {
        return !path.isEmpty();
    }

    /** The file's name for a canonical column: the configured rename, else the canonical name. */
    public String sourceName(SpendColumn column) {
        return columns.getOrDefault(column, column.columnName());
    }
}
