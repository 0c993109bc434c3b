package io.touchpoint.core.ingest;

import io.touchpoint.core.util.BoundedMemo;
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

    /**
     * Builds the analyser on a background thread and returns at once. Building takes about two
     * seconds on one core; started before Spark, it overlaps Spark's own start instead of stalling
     * the first tasks (every task of a local run waits for it).
     */
    public static java.util.concurrent.CompletableFuture<Void> warmUp() {
        return java.util.concurrent.CompletableFuture.runAsync(() -> deviceClass("Mozilla/5.0"), runnable -> {
            Thread t = new Thread(runnable, "touchpoint-user-agent-warm-up");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Yauaa's device class (Desktop, Phone, Tablet, Robot, ...); "Unknown" for an empty user agent. */
    public static String deviceClass(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown";
        }
        return Holder.ANALYZER.parse(userAgent).getValue(UserAgent.DEVICE_CLASS);
    }

    /**
     * Answers already given, by user agent. Yauaa's own cache copies a whole result per hit, which
     * cost more than everything else in ingest; a log has few distinct user agents.
     */
    private static final BoundedMemo<String, Boolean> IS_BOT = new BoundedMemo<>(50_000,
            ua -> BOT_CLASSES.contains(Holder.ANALYZER.parse(ua).getValue(UserAgent.DEVICE_CLASS)));

    /** True for a known bot or crawler; an empty user agent is not judged a bot. */
    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        return IS_BOT.get(userAgent);
    }

}
