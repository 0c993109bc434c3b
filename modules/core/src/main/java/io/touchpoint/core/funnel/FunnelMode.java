package io.touchpoint.core.funnel;

import io.touchpoint.core.error.TouchpointException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optional rules of a funnel ({@code mode = [...]}), named as in ClickHouse's windowFunnel; docs/funnels.md. */
public enum FunnelMode {
    /** An event that neither repeats the step just reached nor matches the next step ends the attempt. */
    STRICT_ORDER("strict_order"),
    /**
     * As ClickHouse's: an attempt takes the earliest event that can fill its next step, and an event
     * repeating a step it filled ends it (step 1 only before step 2); docs/funnels.md.
     */
    STRICT_DEDUPLICATION("strict_deduplication"),
    /** Each step must be strictly later than the one before: events at the same time do not chain. */
    STRICT_INCREASE("strict_increase");

    private final String configName;

    FunnelMode(String configName) {
        this.configName = configName;
    }

    /** The name written in the config, e.g. {@code strict_order}. */
    public String configName() {
        return configName;
    }

    /** Parses a config value (case and surrounding blanks are ignored). */
    public static FunnelMode parse(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(v)).findFirst()
                .orElseThrow(() -> TouchpointException.config(key, value, "Unknown funnel mode",
                        "Use one of: " + Arrays.stream(values()).map(FunnelMode::configName)
                                .collect(Collectors.joining(", ")) + "."));
    }
}
