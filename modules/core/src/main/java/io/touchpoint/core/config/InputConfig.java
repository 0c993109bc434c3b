package io.touchpoint.core.config;

import io.touchpoint.core.ingest.CanonicalColumn;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;

/**
 * Where and how to read the raw visit log ({@code touchpoint.input}).
 *
 * @param columns canonical column to the input's own column name, only for renamed columns
 * @param timeZone zone of date partitions, midnight splits and offset-less times
 */
public record InputConfig(
        String path,
        InputFormat format,
        Map<CanonicalColumn, String> columns,
        ZoneId timeZone,
        char csvDelimiter,
        AccessLogOptions accessLog) implements Serializable {

    public InputConfig {
        columns = Map.copyOf(columns);
    }

    /** The input's name for a canonical column: the configured rename, else the canonical name. */
    public String sourceName(CanonicalColumn column) {
        return columns.getOrDefault(column, column.columnName());
    }

    /** {@code touchpoint.input.access-log}: what to keep of an access log. */
    public record AccessLogOptions(String host, boolean keepStaticAssets, boolean keepErrors, boolean keepRedirects)
            implements Serializable {
    }
}
