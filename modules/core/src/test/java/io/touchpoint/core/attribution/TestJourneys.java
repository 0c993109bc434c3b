package io.touchpoint.core.attribution;

import java.util.ArrayList;
import java.util.List;

/** Builds journeys for the model tests. */
final class TestJourneys {
    static final long MICROS_PER_HOUR = 3_600_000_000L;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    /** 2024-06-01T12:00:00Z, the conversion time of the examples. */
    static final long CONVERSION = 1_717_243_200_000_000L;

    private TestJourneys() {
    }

    /** n touchpoints one hour apart, channels Email, Paid Search, ... (none Direct). */
    static Journey ofSize(int n) {
        String[] channels = new String[n];
        for (int i = 0; i < n; i++) {
            channels[i] = i % 2 == 0 ? "Email" : "Paid Search";
        }
        return withChannels(channels);
    }

    /** One touchpoint per channel, one hour apart, the last one hour before the conversion. */
    static Journey withChannels(String... channels) {
        List<Touchpoint> tps = new ArrayList<>();
        for (int i = 0; i < channels.length; i++) {
            tps.add(tp("s" + (i + 1), CONVERSION - (channels.length - i) * MICROS_PER_HOUR, channels[i]));
        }
        return new Journey("c1", "purchase", CONVERSION, 100, tps);
    }

    /** Touchpoints the given (possibly fractional) days before the conversion, in that order. */
    static Journey daysBefore(double value, double... days) {
        List<Touchpoint> tps = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            tps.add(tp("s" + (i + 1), CONVERSION - Math.round(days[i] * MICROS_PER_DAY), "Email"));
        }
        return new Journey("c1", "purchase", CONVERSION, value, tps);
    }

    /** Touchpoints at the given microseconds before the conversion at {@code conversion}. */
    static Journey microsBefore(long conversion, long... micros) {
        List<Touchpoint> tps = new ArrayList<>();
        for (int i = 0; i < micros.length; i++) {
            tps.add(tp("s" + (i + 1), conversion - micros[i], "Email"));
        }
        return new Journey("c1", "purchase", conversion, 1, tps);
    }

    /**
     * {@code journey} with CRM milestones at positions on its touchpoints' clock: position k is the
     * start of touchpoint k, fractions fall between touchpoints (the touchpoints must be one hour
     * apart, as in {@link #ofSize}), below 1 is before the first; NaN leaves the milestone out.
     */
    static Journey withMilestones(Journey journey, double lead, double opportunity, double won) {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        long first = journey.touchpoints().get(0).timeMicros();
        double[] at = {lead, opportunity, won};
        String[] roles = {Journey.LEAD, Journey.OPPORTUNITY, Journey.WON};
        for (int i = 0; i < 3; i++) {
            if (!Double.isNaN(at[i])) {
                m.put(roles[i], first + Math.round((at[i] - 1) * MICROS_PER_HOUR));
            }
        }
        return new Journey(journey.conversionId(), journey.goal(), journey.conversionTimeMicros(), journey.value(),
                journey.touchpoints(), m);
    }

    static Touchpoint tp(String sessionId, long timeMicros, String channel) {
        boolean direct = Touchpoint.DIRECT.equals(channel);
        return new Touchpoint(sessionId, timeMicros, channel, direct ? "(direct)" : "src", direct ? "(none)" : "med",
                "(not set)");
    }
}
