package io.touchpoint.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.traffic.TrafficSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journey example of docs/models.md, "Conversions and journeys", as written there. */
class JourneysDocExampleTest {
    private static final Map<String, String> CHANNELS = Map.of("S1", "Organic Search", "S2", "Email",
            "S3", "Paid Social", "S4", "Direct", "S5", "Paid Search");

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L;
    }

    private static Session session(String id, String visitor, String start) {
        return new Session(id, visitor, "p", micros(start), micros(start), 1, null, null,
                new TrafficSource(CHANNELS.get(id), "x", "(not set)", null, null), CHANNELS.get(id),
                LocalDate.parse(start.substring(0, 10)), 0, 0);
    }

    private static Conversion conversion(String id, Session s, String time, double value) {
        return new Conversion(id, "purchase", s.visitorId(), "p", id, null, micros(time), value,
                AttributionPipeline.touchpoint(s), LocalDate.parse(time.substring(0, 10)));
    }

    private static List<AttributionPipeline.Attributed> run(AttributionConfig.JourneyReset reset) {
        Session s1 = session("S1", "A", "2026-08-01T10:00:00Z");
        Session s2 = session("S2", "A", "2026-08-05T09:00:00Z");
        Session s3 = session("S3", "B", "2026-08-20T18:00:00Z");
        Session s4 = session("S4", "A", "2026-09-01T12:00:00Z");
        Session s5 = session("S5", "B", "2026-09-03T19:45:00Z");
        List<AttributionModel> models = List.of(AttributionModels.parse("m", "first"),
                AttributionModels.parse("m", "linear"), AttributionModels.parse("m", "last_non_direct"));
        AttributionConfig config = new AttributionConfig(Duration.ofDays(30), 100, reset, models);
        return AttributionPipeline.run(List.of(s1, s2, s3, s4, s5),
                List.of(conversion("C1", s4, "2026-09-01T12:10:00Z", 90), conversion("C2", s5, "2026-09-03T20:00:00Z", 60)),
                config);
    }

    private static List<String> sessions(AttributionPipeline.Attributed a) {
        return a.journey().touchpoints().stream().map(Touchpoint::sessionId).toList();
    }

    @Test
    void withoutReset() {
        List<AttributionPipeline.Attributed> r = run(AttributionConfig.JourneyReset.NONE);
        assertThat(sessions(r.get(0))).containsExactly("S2", "S3", "S4");
        assertThat(sessions(r.get(1))).containsExactly("S2", "S3", "S4", "S5");
        double[] linear = r.get(0).credits().get(1);
        for (double c : linear) {
            assertThat(c * 90).isCloseTo(30, within(1e-9));
        }
        assertThat(r.get(0).credits().get(2)).containsExactly(0, 1, 0); // last_non_direct: Paid Social
        assertThat(r.get(1).credits().get(0)).containsExactly(1, 0, 0, 0); // first: Email
    }

    @Test
    void resetAfterConversion() {
        List<AttributionPipeline.Attributed> r = run(AttributionConfig.JourneyReset.AFTER_CONVERSION);
        assertThat(sessions(r.get(0))).containsExactly("S2", "S3", "S4");
        assertThat(sessions(r.get(1))).containsExactly("S5");
        assertThat(r.get(1).credits().get(0)).containsExactly(1); // first: Paid Search
    }
}
