package io.touchpoint.core.ingest;

import java.util.Set;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Recognises bots and crawlers by user agent with Yauaa, a maintained user-agent analyser.
 *
 * <p>One analyser per JVM (it takes seconds and tens of MB to build), asked only for the device
 * class and caching answers, since a log repeats few distinct user agents many times.
 */
public final class BotDetector {
    /** Yauaa device classes of automated clients, including ones that pretend to be browsers. */
    static final Set<String> BOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

    private BotDetector() {
    }

    private static final class Holder {
        static final UserAgentAnalyzer ANALYZER = UserAgentAnalyzer.newBuilder()
                .withField(UserAgent.DEVICE_CLASS)
                .withCache(20_000)
                .hideMatcherLoadStats()
                .immediateInitialization()
                .build();
    }

    /** Yauaa's device class (Desktop, Phone, Tablet, Robot, ...); "Unknown" for an empty user agent. */
    public static String deviceClass(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown";
        }
        return Holder.ANALYZER.parse(userAgent).getValue(UserAgent.DEVICE_CLASS);
    }

    /** True for a known bot or crawler; an empty user agent is not judged a bot. */
    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        UserAgent ua = Holder.ANALYZER.parse(userAgent);
        return BOT_CLASSES.contains(ua.getValue(UserAgent.DEVICE_CLASS));
    }
}
