package io.touchpoint.core.session;

import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.conversion.Goals;
import io.touchpoint.core.traffic.ChannelRules;
import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a visitor's next event starts a new session (docs/sessions.md states these with examples).
 *
 * <ul>
 *   <li>a gap of at least the timeout since the previous event (exactly 30 minutes splits);</li>
 *   <li>with split-on-source-change, an event whose traffic source is not direct and differs from
 *       the session's (source, medium, campaign);</li>
 *   <li>with split-at-midnight, a change of local date.</li>
 * </ul>
 * Direct hits and internal referrers (resolved to direct) never split a session on their own.
 */
public final class SessionRules implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final long timeoutMicros;
    private final boolean splitOnSourceChange;
    private final boolean splitAtMidnight;
    private final ZoneId zone;
    private final ChannelRules channels;
    private final Goals goals;
    /** Fixed-offset zones (UTC above all) get the date by arithmetic; others ask the zone rules. */
    private final Integer fixedOffsetSeconds;

    /** Rules without conversion goals. */
    public SessionRules(SessionConfig config, ZoneId zone, ChannelRules channels) {
        this(config, zone, channels, new Goals(java.util.List.of()));
    }

    /** @param goals which events are conversions (counted per session and emitted as conversions) */
    public SessionRules(SessionConfig config, ZoneId zone, ChannelRules channels, Goals goals) {
        this.timeoutMicros = Math.multiplyExact(config.timeout().toSeconds(), MICROS_PER_SECOND)
                + config.timeout().toNanosPart() / 1000;
        this.splitOnSourceChange = config.splitOnSourceChange();
        this.splitAtMidnight = config.splitAtMidnight();
        this.zone = zone;
        this.channels = channels;
        this.goals = goals;
        this.fixedOffsetSeconds = zone.getRules().isFixedOffset()
                ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() : null;
    }

    /**
     * @param previousMicros the visitor's previous event time
     * @param sessionSource the current session's source
     * @param previousDay the previous event's local epoch day
     */
    boolean startsNewSession(long previousMicros, TrafficSource sessionSource, long previousDay,
                             long micros, TrafficSource source, long day) {
        if (micros - previousMicros >= timeoutMicros) {
            return true;
        }
        if (splitOnSourceChange && !source.isDirect() && !source.sameSource(sessionSource)) {
            return true;
        }
        return splitAtMidnight && day != previousDay;
    }

    /** Local epoch day of a UTC epoch-microsecond time in the input time zone. */
    public long epochDay(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int offset = fixedOffsetSeconds != null ? fixedOffsetSeconds
                : zone.getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        return Math.floorDiv(seconds + offset, SECONDS_PER_DAY);
    }

    public LocalDate localDate(long micros) {
        return LocalDate.ofEpochDay(epochDay(micros));
    }

    String channelOf(TrafficSource source) {
        return channels.channelOf(source);
    }

    Goals goals() {
        return goals;
    }
}
