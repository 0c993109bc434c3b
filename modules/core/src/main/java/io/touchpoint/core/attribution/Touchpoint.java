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
 * @param personId the person whose session it is, or null where nobody asked (a journey of one
 *     person); an account's journey (docs/accounts.md) holds the sessions of several people
 */
public record Touchpoint(String sessionId, long timeMicros, String channel,
                         String source, String medium, String campaign, String personId) implements Serializable {

    /** A touchpoint whose person is not recorded. */
    public Touchpoint(String sessionId, long timeMicros, String channel, String source, String medium, String campaign) {
        this(sessionId, timeMicros, channel, source, medium, campaign, null);
    }

    /** The channel name of direct traffic. */
    public static final String DIRECT = "Direct";

    /** True when the session's channel is {@code Direct}. */
    public boolean isDirect() {
        return DIRECT.equals(channel);
    }
}
