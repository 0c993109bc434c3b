package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.spark.session.SessionizedSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden counts of the bundled sample (sample-data/events.csv, made by `touchpoint generate` with
 * the sample spec): what a quick-start user sees. A change here is a change of behaviour.
 */
class SampleRunTest extends SparkTestBase {
    @TempDir
    static Path out;

    static io.touchpoint.spark.pipeline.Pipeline.Result result;
    static TouchpointConfig config;

    @BeforeAll
    static void runSample() {
        config = config(out, "touchpoint.input.path", SAMPLE.getPath());
        result = sessionise(config);
    }

    @Test
    void countsReconcile() {
        IngestCounts c = result.counts();
        assertThat(c.read()).isEqualTo(13_738);
        assertThat(c.reconciles()).isTrue();
        assertThat(c.read()).isEqualTo(c.accepted() + c.quarantinedTotal() + c.duplicates() + c.skippedTotal());
    }

    @Test
    void everyMalformedRowIsQuarantinedWithItsReason() {
        assertThat(result.counts().quarantined()).isEqualTo(Map.of(
                "invalid_revenue", 2L, "malformed_line", 2L, "missing_event_name", 2L,
                "missing_visitor_id", 2L, "unparseable_time", 4L));
        Dataset<Row> q = spark.read().parquet(out.resolve("quarantine").toString());
        assertThat(q.columns()).containsExactly("run_id", "input_file", "input_line", "reason", "detail", "raw");
        assertThat(q.count()).isEqualTo(12);
        assertThat(q.where("raw IS NULL OR input_line < 2 OR input_file NOT LIKE '%events.csv'").count()).isZero();
    }

    @Test
    void goldenCounts() {
        IngestCounts c = result.counts();
        assertThat(c.skipped()).isEqualTo(Map.of("bot", GOLDEN_BOT_ROWS));
        assertThat(c.duplicates()).isEqualTo(GOLDEN_DUPLICATES);
        assertThat(c.accepted()).isEqualTo(GOLDEN_ACCEPTED);
        assertThat(result.sessions()).isEqualTo(GOLDEN_SESSIONS);
    }

    @Test
    void tablesHaveTheirContractColumnsAndRowCounts() {
        Dataset<Row> events = spark.read().parquet(out.resolve("events").toString());
        Dataset<Row> sessions = spark.read().parquet(out.resolve("sessions").toString());
        assertThat(events.columns()).containsExactly(SessionizedSchema.EVENTS_COLUMNS);
        assertThat(sessions.columns()).containsExactly(SessionizedSchema.SESSIONS_COLUMNS);
        assertThat(events.count()).isEqualTo(result.counts().accepted());
        assertThat(sessions.count()).isEqualTo(result.sessions());
        assertThat(sessions.select("session_id").distinct().count()).isEqualTo(result.sessions());
        // Every event belongs to a session of its own visitor, and event counts add up.
        assertThat(events.join(sessions, new String[] {"session_id", "visitor_id", "person_id"}).count())
                .isEqualTo(events.count());
        assertThat(sessions.agg(org.apache.spark.sql.functions.sum("event_count")).first().getLong(0))
                .isEqualTo(events.count());
    }

    @Test
    void sessionsCarryChannelsOfTheirFirstEvent() {
        Dataset<Row> sessions = spark.read().parquet(out.resolve("sessions").toString());
        assertThat(sessions.where("is_direct != (source = '(direct)')").count()).isZero();
        assertThat(sessions.where("channel = 'Direct'").count()).isEqualTo(sessions.where("is_direct").count());
        List<String> channels = sessions.select("channel").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(channels).contains("Direct", "Organic Search", "Paid Search", "Organic Social", "Paid Social", "Email",
                "Display", "Referral", "Affiliates", "SMS", "Cross-network", "Paid Shopping", "Paid Video",
                "Mobile Push Notifications", "Organic Video");
        assertThat(result.sessionsByChannel()).containsEntry("Direct", GOLDEN_DIRECT_SESSIONS);
    }

    @Test
    void crossDeviceVisitorsShareAPerson() {
        assertThat(result.people()).isLessThan(result.visitors());
        Dataset<Row> sessions = spark.read().parquet(out.resolve("sessions").toString());
        long multiDevice = sessions.groupBy("person_id").agg(org.apache.spark.sql.functions.countDistinct("visitor_id").as("v"))
                .where("v > 1").count();
        assertThat(multiDevice).isEqualTo(GOLDEN_MULTI_DEVICE_PEOPLE);
    }

    @Test
    void datesArePartitionsAndTimestampsAreMicros() throws Exception {
        assertThat(out.resolve("sessions").toFile().list()).anyMatch(n -> n.startsWith("session_date=2026-09-"));
        assertThat(out.resolve("events").toFile().list()).anyMatch(n -> n.startsWith("event_date=2026-09-"));
        assertThat(ParquetFooters.timestampUnits(out.resolve("sessions"))).containsOnly("MICROS");
    }

    // Bot rows, duplicates and accepted rows were recounted with Python's csv module and a bot
    // regex over the user agents; sessions are checked against the core in SparkEqualsCoreTest.
    static final long GOLDEN_BOT_ROWS = 1_685;
    static final long GOLDEN_DUPLICATES = 38;
    static final long GOLDEN_ACCEPTED = 12_003;
    static final long GOLDEN_SESSIONS = 4_411;
    static final long GOLDEN_DIRECT_SESSIONS = 1_074;
    static final long GOLDEN_MULTI_DEVICE_PEOPLE = 155;
}
