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
                .withField(UserAgent.AGENT_NAME)
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
        return agent(userAgent).deviceClass();
    }

    /**
     * What Touchpoint keeps of a user agent: Yauaa's device class and agent name, and from them the
     * device category and browser family of the events table (docs/privacy.md).
     *
     * @param deviceClass Yauaa's DeviceClass (Desktop, Phone, Tablet, Robot, ...)
     * @param agentName Yauaa's AgentName (Chrome, Firefox, Safari, Edge, Googlebot, ...)
     */
    public record Agent(String deviceClass, String agentName) {
        public boolean bot() {
            return BOT_CLASSES.contains(deviceClass);
        }

        /**
         * The device category, lower case: {@code desktop} (Desktop), {@code mobile} (Phone,
         * Mobile), {@code tablet} (Tablet, eReader), {@code tv} (TV, Set-top box, Game Console),
         * {@code bot} (the bot classes), {@code other} (anything else: Watch, Virtual Reality,
         * Handheld Game Console, Car, Anonymized, Unknown, ...).
         */
        public String deviceCategory() {
            if (bot()) {
                return "bot";
            }
            return switch (deviceClass) {
                case "Desktop" -> "desktop";
                case "Phone", "Mobile" -> "mobile";
                case "Tablet", "eReader" -> "tablet";
                case "TV", "Set-top box", "Game Console" -> "tv";
                default -> "other";
            };
        }

        /** The browser family: Yauaa's agent name as it gives it (Chrome, Firefox, Safari, Edge, ...). */
        public String browserFamily() {
            return agentName;
        }
    }

    /**
     * Answers already given, by user agent. Yauaa's own cache copies a whole result per hit, which
     * cost more than everything else in ingest; a log has few distinct user agents.
     */
    private static final BoundedMemo<String, Agent> AGENTS = new BoundedMemo<>(50_000, ua -> {
        UserAgent a = Holder.ANALYZER.parse(ua);
        return new Agent(a.getValue(UserAgent.DEVICE_CLASS), a.getValue(UserAgent.AGENT_NAME));
    });

    /**
     * The analysis of a user agent, remembered (the bot verdict, the device category and the browser
     * family come from this one analysis); null for an empty user agent.
     */
    public static Agent agent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        return AGENTS.get(userAgent);
    }

    /** True for a known bot or crawler; an empty user agent is not judged a bot. */
    public static boolean isBot(String userAgent) {
        Agent a = agent(userAgent);
        return a != null && a.bot();
    }

}
