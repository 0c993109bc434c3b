package io.touchpoint.core.config;

import io.touchpoint.core.traffic.ChannelRules;
import java.io.Serializable;

/**
 * The validated, effective configuration of one run.
 *
 * @param effective the merged configuration (flags over file over defaults) as HOCON-compatible
 *     JSON, recorded in the run manifest
 */
public record TouchpointConfig(
        InputConfig input,
        String outputPath,
        SessionConfig sessions,
        ChannelRules channelRules,
        String effective) implements Serializable {
}
