package io.touchpoint.core.config;

import io.touchpoint.core.error.TouchpointException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The raw visit-log formats Touchpoint reads. */
public enum InputFormat {
    /** Comma-separated values with a header row naming the columns. */
    CSV("csv"),
    /** One JSON object per line. */
    JSONL("jsonl"),
    /** Apache Parquet files. */
    PARQUET("parquet"),
    /** Apache/NGINX "combined" access logs, read as Matomo's log importer does. */
    ACCESS_LOG("access-log");

    private final String configName;

    InputFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a config value; {@code json} and {@code combined} are accepted as aliases. */
    public static InputFormat parse(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "json", "ndjson" -> { return JSONL; }
            case "combined", "access_log" -> { return ACCESS_LOG; }
            default -> { }
        }
        return Arrays.stream(values()).filter(f -> f.configName.equals(v)).findFirst()
                .orElseThrow(() -> TouchpointException.config(key, value, "Unknown input format",
                        "Use one of: " + Arrays.stream(values()).map(InputFormat::configName)
                                .collect(Collectors.joining(", ")) + "."));
    }
}
