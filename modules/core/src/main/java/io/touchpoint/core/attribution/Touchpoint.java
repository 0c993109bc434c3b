package io.touchpoint.core.attribution;

import java.io.Serializable;

/**
 * One touchpoint of a journey: a session of the person.
 *
 * @param sessionId the session
 * @param timeMicros session start, UTC epoch microseconds
 * @param channel the session's channel ({@code Direct} for direct traffic), see docs/channels.md
 * @param source traffic source of the session
 * @param medium traffic medium of the session
 * @param campaign campaign of the session
 */
public record Touchpoint(String sessionId, long timeMicros, String channel,
                         String source, String medium, String campaign) implements Serializable {

    /** The channel name of direct traffic. */
    public static final String DIRECT = "Direct";

    /** True when the session's channel is {@code Direct}. */
    public boolean isDirect() {
        return DIRECT.equals(channel);
    }
}
