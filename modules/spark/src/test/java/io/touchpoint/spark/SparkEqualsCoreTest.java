package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionPipeline;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The Spark binding gives exactly the core's sessions and events on the same input. */
class SparkEqualsCoreTest extends SparkTestBase {
    @TempDir
    Path out;

    @ParameterizedTest(name = "timeout={0} split-on-source-change={1} midnight={2} zone={3}")
    @CsvSource({
        "30m, true, false, UTC",
        "10m, false, true, America/New_York",
    })
    void sparkSessionsEqualCoreSessions(String timeout, boolean sourceChange, boolean midnight, String zone) throws Exception {
        TouchpointConfig config = config(out, "touchpoint.input.path", SAMPLE.getPath(),
                "touchpoint.sessions.timeout", timeout, "touchpoint.sessions.split-on-source-change", sourceChange,
                "touchpoint.sessions.split-at-midnight", midnight, "touchpoint.input.time-zone", zone);
        io.touchpoint.spark.pipeline.Pipeline.Result spark = sessionise(config);
        SessionPipeline.Result core = CoreReference.sessions(config, SAMPLE);

        Set<String> sparkSessions = table(out, "sessions").collectAsList().stream().map(SparkEqualsCoreTest::key)
                .collect(Collectors.toSet());
        Set<String> coreSessions = core.sessions().stream().map(SparkEqualsCoreTest::key).collect(Collectors.toSet());
        assertThat(sparkSessions).hasSize(core.sessions().size()).isEqualTo(coreSessions);

        Set<String> sparkEvents = table(out, "events").select("event_id", "session_id", "person_id", "event_date")
                .collectAsList().stream().map(Row::toString).collect(Collectors.toSet());
        Set<String> coreEvents = core.events().stream().map(SparkEqualsCoreTest::key).collect(Collectors.toSet());
        assertThat(sparkEvents).isEqualTo(coreEvents);
        assertThat(spark.counts().duplicates()).isEqualTo(core.duplicates());
    }

    /** By column name: the table's columns are a contract, their positions may grow (account_id after person_id). */
    private static String key(Row r) {
        return String.join("|", r.<String>getAs("session_id"), r.<String>getAs("visitor_id"), r.<String>getAs("person_id"),
                String.valueOf(ParsedSchema.micros((Instant) r.getAs("session_start"))),
                String.valueOf(ParsedSchema.micros((Instant) r.getAs("session_end"))), String.valueOf(r.<Long>getAs("event_count")),
                r.<String>getAs("landing_url"), r.<String>getAs("referrer_url"), r.<String>getAs("source"),
                r.<String>getAs("medium"), r.<String>getAs("campaign"), r.<String>getAs("channel"),
                String.valueOf(r.<Boolean>getAs("is_direct")), r.getAs("session_date").toString());
    }

    private static String key(Session s) {
        return String.join("|", s.sessionId(), s.visitorId(), s.personId(), String.valueOf(s.startMicros()),
                String.valueOf(s.endMicros()), String.valueOf(s.eventCount()), s.landingUrl(), s.referrerUrl(),
                s.source().source(), s.source().medium(), s.source().campaign(), s.channel(),
                String.valueOf(s.isDirect()), s.sessionDate().toString());
    }

    private static String key(SessionizedEvent e) {
        return "[" + e.event().eventId() + "," + e.sessionId() + "," + e.personId() + "," + e.eventDate() + "]";
    }
}
