package io.touchpoint.core.attribution;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.traffic.TrafficSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Sessions, conversions and configs for the journey tests; times are microseconds relative to {@link #T}. */
final class AttributionFixtures {
    /** The time of the conversion under test: 2024-06-30T12:00:00Z. */
    static final long T = Instant.parse("2024-06-30T12:00:00Z").getEpochSecond() * 1_000_000L;
    static final long US = 1;
    static final long SECOND = 1_000_000L;
    static final long HOUR = 3600 * SECOND;
    static final long DAY = 24 * HOUR;
    static final TrafficSource GOOGLE = new TrafficSource("google", "organic", "(not set)", null, null);

    private AttributionFixtures() {
    }

    /** Config with the models first, last, linear (in this order). */
    static AttributionConfig config(Duration lookback, int maxTouchpoints, JourneyReset reset) {
        return config(lookback, maxTouchpoints, reset, "first", "last", "linear");
    }

    static AttributionConfig config(Duration lookback, int maxTouchpoints, JourneyReset reset, String... models) {
        List<AttributionModel> parsed = new ArrayList<>();
        for (int i = 0; i < models.length; i++) {
            parsed.add(AttributionModels.parse("touchpoint.attribution.models[" + i + "]", models[i]));
        }
        return new AttributionConfig(lookback, maxTouchpoints, reset, parsed);
    }

    /** Defaults of reference.conf: 30d, 100, none. */
    static AttributionConfig defaults() {
        return config(Duration.ofDays(30), 100, JourneyReset.NONE);
    }

    static Touchpoint touchpoint(String sessionId, long startMicros) {
        return new Touchpoint(sessionId, startMicros, "Organic Search", "google", "organic", "(not set)");
    }

    static Session session(String id, String visitor, String person, long startMicros) {
        LocalDate date = LocalDate.ofInstant(Instant.EPOCH.plusNanos(startMicros * 1000), ZoneOffset.UTC);
        return new Session(id, visitor, person, startMicros, startMicros + 60 * SECOND, 2, "https://shop.example.com/",
                "https://www.google.com/", GOOGLE, "Organic Search", date, 0, 0.0);
    }

    /** A conversion worth 10 in {@code session}, at {@code micros}. */
    static Conversion conversion(String id, String goal, Session session, long micros) {
        return conversion(id, goal, session.visitorId(), session.personId(), AttributionPipeline.touchpoint(session), micros);
    }

    static Conversion conversion(String id, String goal, String visitor, String person, Touchpoint session, long micros) {
        return new Conversion(id, goal, visitor, person, "ev-" + id, null, micros, 10.0, session,
                LocalDate.ofInstant(Instant.EPOCH.plusNanos(micros * 1000), ZoneOffset.UTC));
    }

    static List<String> sessionIds(Journey j) {
        return j.touchpoints().stream().map(Touchpoint::sessionId).toList();
    }

    /** Credits as text, e.g. "[1.0, 0.0]", so they compare by value. */
    static List<String> credits(List<double[]> credits) {
        return credits.stream().map(Arrays::toString).collect(Collectors.toList());
    }
}
