package io.touchpoint.core.generate;

import io.touchpoint.core.generate.SessionPaths.Step;
import io.touchpoint.core.generate.TrafficMix.Landing;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ZipfDistribution;

/**
 * All sessions of one human, on one or more devices, in time order. Sessions follow each other
 * hours to days apart; a few come back after 20-40 minutes so the 30-minute session timeout matters.
 */
final class Journeys {
    private static final int MAX_SESSIONS = 80;
    private static final double QUICK_RETURN = 0.07;

    private final Rand rand;
    private final Timeline timeline;
    private final TrafficMix traffic;
    private final SessionPaths paths;
    private final UserAgents userAgents;
    /** Most people come once; a few come back dozens of times (heavy tail). */
    private final ZipfDistribution sessions;
    /** Cross-device people are the engaged ones: a flatter tail. */
    private final ZipfDistribution engagedSessions;
    private final ExponentialDistribution unitGap;
    /** Seconds between hits of a session: median 25 s, sometimes minutes. */
    private final LogNormalDistribution pageSeconds;

    Journeys(Rand rand, Timeline timeline, TrafficMix traffic, SessionPaths paths, UserAgents userAgents) {
        this.rand = rand;
        this.timeline = timeline;
        this.traffic = traffic;
        this.paths = paths;
        this.userAgents = userAgents;
        this.sessions = new ZipfDistribution(rand.generator(), MAX_SESSIONS, 2.5);
        this.engagedSessions = new ZipfDistribution(rand.generator(), MAX_SESSIONS, 1.8);
        this.unitGap = new ExponentialDistribution(rand.generator(), 1.0);
        this.pageSeconds = new LogNormalDistribution(rand.generator(), Math.log(25), 1.0);
    }

    /**
     * Emits the person's hits. Device {@code i} is first used by session {@code i}, and those first
     * sessions are squeezed into the range, so every visitor id appears in the log.
     *
     * @param userId the person's account id, or "" for people who never log in
     */
    void person(String[] visitorIds, String userId, Consumer<Hit> out) {
        int devices = visitorIds.length;
        String[] agents = userAgents.devices(devices);
        boolean[] loggedIn = new boolean[devices];
        int count = devices > 1 ? devices - 1 + engagedSessions.sample() : sessions.sample();
        // Typical spacing, so a person with forty sessions fits them into the range.
        long meanGap = Math.max(3 * Timeline.HOUR, Math.min(5 * Timeline.DAY, (timeline.end() - timeline.start()) / (count + 1)));
        long time = timeline.randomTime(devices > 1 ? 0.75 : 1.0);
        long lastHit = time;
        int device = 0;
        for (int s = 0; s < count; s++) {
            boolean quickReturn = false;
            if (s > 0) {
                quickReturn = s >= devices && rand.chance(QUICK_RETURN);
                time = quickReturn ? lastHit + rand.between(20 * Timeline.MINUTE, 40 * Timeline.MINUTE)
                        : nextSessionStart(lastHit, meanGap);
                if (s < devices) {
                    time = Math.min(time, lastHit + (timeline.end() - lastHit) / (devices - s + 1));
                }
                if (time >= timeline.end()) {
                    return;
                }
                // A quick return continues on the same screen; otherwise people switch devices freely.
                device = s < devices ? s : quickReturn ? device : rand.between(0, devices - 1);
            }
            Landing landing = quickReturn && rand.chance(0.7) ? traffic.directReturn() : traffic.landing(s == 0);
            List<Step> steps = paths.session(landing, s == 0);
            int login = loginIndex(steps, !userId.isEmpty(), loggedIn, device, devices > 1);
            for (int i = 0; i < steps.size(); i++) {
                if (i > 0) {
                    time += pageGap();
                }
                if (time >= timeline.end()) {
                    return;
                }
                Step st = steps.get(i);
                out.accept(new Hit(time, visitorIds[device], i >= login ? userId : "", st.eventName(), st.pageUrl(),
                        st.referrerUrl(), st.utm(), st.revenue(), agents[device]));
                lastHit = time;
            }
        }
    }

    /** Hours to days after the last hit; a gap over half a day lands at a usual browsing hour. */
    private long nextSessionStart(long lastHit, long meanGap) {
        long gap = Timeline.HOUR + (long) (unitGap.sample() * meanGap);
        if (gap < 12 * Timeline.HOUR) {
            return lastHit + gap;
        }
        long start = timeline.timeOfDay(Timeline.dayStart(lastHit + gap));
        return Math.max(start, lastHit + Timeline.HOUR);
    }

    private long pageGap() {
        double seconds = Math.max(2, Math.min(600, pageSeconds.sample()));
        return (long) (seconds * Timeline.SECOND);
    }

    /**
     * Index of the first hit carrying the user id, or past the end for an anonymous session. A device
     * stays logged in; otherwise people log in to buy, and cross-device people, who use their
     * account on every screen, also log in while browsing.
     */
    private int loginIndex(List<Step> steps, boolean hasAccount, boolean[] loggedIn, int device, boolean multiDevice) {
        if (!hasAccount) {
            return Integer.MAX_VALUE;
        }
        if (loggedIn[device] && rand.chance(0.85)) {
            return 0;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).eventName().equals("add_to_cart")) {
                loggedIn[device] = true;
                return i;
            }
        }
        if (rand.chance(multiDevice ? 0.4 : 0.1)) {
            loggedIn[device] = true;
            return rand.between(0, steps.size() - 1);
        }
        return Integer.MAX_VALUE;
    }
}
