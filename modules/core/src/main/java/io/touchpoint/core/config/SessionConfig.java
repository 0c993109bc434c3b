package io.touchpoint.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Sessionisation settings ({@code touchpoint.sessions}); the rules are in docs/sessions.md. */
public record SessionConfig(
        Duration timeout,
        boolean splitOnSourceChange,
        boolean splitAtMidnight,
        List<String> internalHosts,
        boolean excludeBots) implements Serializable {

    public SessionConfig {
        internalHosts = List.copyOf(internalHosts);
    }
}
