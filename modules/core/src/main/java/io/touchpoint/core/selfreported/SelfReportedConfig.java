package io.touchpoint.core.selfreported;

import java.io.Serializable;
import java.util.Objects;

/**
 * {@code touchpoint.self-reported}: where the self-reported attribution answers are and how they map to channels
 * (docs/channels.md, "Self-reported answers").
 *
 * @param column the events' or CRM's column holding the answer ("How did you hear about us?"); empty: none
 * @param useDefaultRules whether the bundled rules follow the user's rules
 * @param rules the user's rules, then (when {@code useDefaultRules}) the bundled ones
 */
public record SelfReportedConfig(String column, boolean useDefaultRules, SelfReportedRules rules) implements Serializable {
    public SelfReportedConfig {
        column = Objects.requireNonNull(column).strip();
        Objects.requireNonNull(rules);
    }

    /** The defaults: no answer column, the bundled rules. */
    public static final SelfReportedConfig DEFAULT = new SelfReportedConfig("", true, SelfReportedRules.defaults());

    /** Whether an answer column is configured. */
    public boolean enabled() {
        return !column.isEmpty();
    }
}
