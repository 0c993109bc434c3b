package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_NAME;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_TIME;
import static io.touchpoint.core.ingest.CanonicalColumn.PAGE_URL;
import static io.touchpoint.core.ingest.CanonicalColumn.REFERRER_URL;
import static io.touchpoint.core.ingest.CanonicalColumn.REVENUE;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_AGENT;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.UTM_MEDIUM;
import static io.touchpoint.core.ingest.CanonicalColumn.UTM_SOURCE;
import static io.touchpoint.core.ingest.CanonicalColumn.VISITOR_ID;
import static io.touchpoint.core.ingest.TestInputs.FILE;
import static io.touchpoint.core.ingest.TestInputs.record;
import static io.touchpoint.core.ingest.TestInputs.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.traffic.TrafficSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of parsed records: each rule's quarantine reason, bot skipping, and the accepted event. */
class EventNormalizerTest {
    private static final String TIME = "2026-09-01T10:00:00Z";
    private static final long MICROS = 1_788_256_800_000_000L;
    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
    private static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.6 Safari/605.1.15";

    /** The default limits of a run started on 2026-12-07 at noon (UTC): 2000-01-01 to 2026-12-08 12:00, revenue up to 1e12. */
    private static final EventNormalizer.Limits LIMITS = EventNormalizer.Limits.of(TestInputs.csv(),
            java.time.Instant.parse("2026-12-07T12:00:00Z"));

    private final EventNormalizer normalizer = new EventNormalizer(ZoneId.of("UTC"), sessions(true), LIMITS);

    private static RawRecord valid(Object... more) {
        Object[] base = {EVENT_TIME, TIME, VISITOR_ID, "v1", EVENT_NAME, "page_view"};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return record(all);
    }

    private static void assertQuarantined(EventNormalizer.Outcome o, String reason, String detail) {
        assertThat(o.event()).isNull();
        assertThat(o.problem()).isEqualTo(new RawRecord.Problem(RawRecord.Disposition.QUARANTINED, reason, detail));
    }

    @Test
    void validRecordBecomesAnEvent() {
        EventNormalizer.Outcome o = normalizer.normalize(valid(EVENT_ID, " e-1 ", USER_ID, " u-1 ", REVENUE, " 12.5 ",
                PAGE_URL, "https://shop.example.com/", REFERRER_URL, null));
        assertThat(o.problem()).isNull();
        Event e = o.event();
        assertThat(e.eventId()).isEqualTo("e-1");
        assertThat(e.eventTimeMicros()).isEqualTo(MICROS);
        assertThat(e.visitorId()).isEqualTo("v1");
        assertThat(e.userId()).isEqualTo("u-1");
        assertThat(e.eventName()).isEqualTo("page_view");
        assertThat(e.pageUrl()).isEqualTo("https://shop.example.com/");
        assertThat(e.revenue()).isEqualTo(12.5);
        assertThat(e.source()).isEqualTo(TrafficSource.DIRECT);
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).isEqualTo(7);
    }

    @Test
    void visitorAndEventNameAreTrimmed() {
        Event e = normalizer.normalize(record(EVENT_TIME, TIME, VISITOR_ID, "  v1\t", EVENT_NAME, " purchase ")).event();
        assertThat(e.visitorId()).isEqualTo("v1");
        assertThat(e.eventName()).isEqualTo("purchase");
        assertThat(e.revenue()).isNull();
        assertThat(e.eventId()).isNull();
        assertThat(e.userId()).isNull();
    }

    @Test
    void offsetLessTimesAreReadInTheConfiguredZone() {
        EventNormalizer berlin = new EventNormalizer(ZoneId.of("Europe/Berlin"), sessions(true), LIMITS);
        assertThat(berlin.normalize(record(EVENT_TIME, "2026-09-01 12:00:00", VISITOR_ID, "v", EVENT_NAME, "x"))
                .event().eventTimeMicros()).isEqualTo(MICROS);
    }

    @ParameterizedTest(name = "event_time = {0}")
    @ValueSource(strings = {"1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "-0044-03-15T12:00:00Z",
        "1999-12-31T23:59:59Z", "2026-12-08T12:00:00Z", "2030-01-01T00:00:00Z"})
    void timesOutsideTheValidWindowAreImplausible(String time) {
        EventNormalizer.Outcome o = normalizer.normalize(record(EVENT_TIME, time, VISITOR_ID, "v1", EVENT_NAME, "page_view"));
        assertThat(o.problem().reason()).isEqualTo(Reasons.IMPLAUSIBLE_TIME);
        assertThat(o.problem().detail()).contains("touchpoint.input.valid-times", "2000-01-01T00:00:00Z", "2026-12-08T12:00:00Z");
    }

    @ParameterizedTest(name = "event_time = {0}")
    @ValueSource(strings = {"2000-01-01T00:00:00Z", "2026-12-08T11:59:59.999999Z"})
    void theValidWindowsEndsAreIncludedUpToOneDayAfterTheRun(String time) {
        assertThat(normalizer.normalize(record(EVENT_TIME, time, VISITOR_ID, "v1", EVENT_NAME, "page_view")).event()).isNotNull();
    }

    @Test
    void aTypedTimeIsCheckedToo() {
        RawRecord typed = RawRecord.typed("f", 1, record(VISITOR_ID, "v", EVENT_NAME, "x").fields(), 253402300799000000L);
        assertThat(normalizer.normalize(typed).problem().reason()).isEqualTo(Reasons.IMPLAUSIBLE_TIME);
    }

    @ParameterizedTest(name = "revenue = {0}")
    @ValueSource(strings = {"1e308", "-1e308", "1000000000000.01", "-2e12"})
    void revenueBeyondTheLargestIsImplausible(String revenue) {
        EventNormalizer.Outcome o = normalizer.normalize(valid(REVENUE, revenue));
        assertThat(o.problem().reason()).isEqualTo(Reasons.IMPLAUSIBLE_REVENUE);
        assertThat(o.problem().detail()).contains(revenue, "touchpoint.input.max-revenue");
    }

    @Test
    void revenueUpToTheLargestIsKept() {
        assertThat(normalizer.normalize(valid(REVENUE, "1e12")).event().revenue()).isEqualTo(1e12);
        assertThat(normalizer.normalize(valid(REVENUE, "-1e12")).event().revenue()).isEqualTo(-1e12);
    }

    /** Europe/Berlin skipped 02:00-03:00 on 2026-03-29: 02:30 is moved to 03:30 (01:30 UTC) and counted; 01:30 is not. */
    @Test
    void aLocalTimeInADaylightSavingGapIsMovedForwardAndFlagged() {
        EventNormalizer berlin = new EventNormalizer(ZoneId.of("Europe/Berlin"), sessions(true), LIMITS);
        EventNormalizer.Outcome gap = berlin.normalize(record(EVENT_TIME, "2026-03-29 02:30:00", VISITOR_ID, "v", EVENT_NAME, "x"));
        assertThat(gap.event().eventTimeMicros()).isEqualTo(io.touchpoint.core.time.Micros.of(java.time.Instant.parse("2026-03-29T01:30:00Z")));
        assertThat(gap.adjusted()).isEqualTo(Reasons.DST_GAP);
        EventNormalizer.Outcome before = berlin.normalize(record(EVENT_TIME, "2026-03-29 01:30:00", VISITOR_ID, "v", EVENT_NAME, "x"));
        assertThat(before.event().eventTimeMicros()).isEqualTo(io.touchpoint.core.time.Micros.of(java.time.Instant.parse("2026-03-29T00:30:00Z")));
        assertThat(before.adjusted()).isNull();
        // The hour that happens twice (2026-10-25 02:30) is the earlier one, and not an adjustment.
        EventNormalizer.Outcome overlap = berlin.normalize(record(EVENT_TIME, "2026-10-25 02:30:00", VISITOR_ID, "v", EVENT_NAME, "x"));
        assertThat(overlap.event().eventTimeMicros()).isEqualTo(io.touchpoint.core.time.Micros.of(java.time.Instant.parse("2026-10-25T00:30:00Z")));
        assertThat(overlap.adjusted()).isNull();
    }

    @ParameterizedTest(name = "event_time = {0}")
    @ValueSource(strings = {"yesterday", "2026-13-45T99:00:00Z", "1788256800", " "})
    void unparseableTime(String time) {
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, time, VISITOR_ID, "v1", EVENT_NAME, "page_view")),
                Reasons.UNPARSEABLE_TIME, "event_time = " + time);
    }

    @Test
    void aTypedTimeIsTakenAsItIs() {
        // Parquet TIMESTAMP columns arrive as epoch microseconds, with no text to parse.
        RawRecord r = record(VISITOR_ID, "v1", EVENT_NAME, "page_view");
        EventNormalizer.Outcome o = normalizer.normalize(RawRecord.typed(r.file(), r.line(), r.fields(), MICROS + 7));
        assertThat(o.problem()).isNull();
        assertThat(o.event().eventTimeMicros()).isEqualTo(MICROS + 7);
    }

    @Test
    void missingTimeIsUnparseable() {
        assertQuarantined(normalizer.normalize(record(VISITOR_ID, "v1", EVENT_NAME, "page_view")),
                Reasons.UNPARSEABLE_TIME, "event_time = null");
    }

    @ParameterizedTest(name = "visitor_id = ''{0}''")
    @ValueSource(strings = {"", " ", "\t"})
    void missingVisitorId(String visitor) {
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, VISITOR_ID, visitor, EVENT_NAME, "page_view")),
                Reasons.MISSING_VISITOR_ID, null);
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, EVENT_NAME, "page_view")),
                Reasons.MISSING_VISITOR_ID, null);
    }

    @ParameterizedTest(name = "event_name = ''{0}''")
    @ValueSource(strings = {"", "  "})
    void missingEventName(String name) {
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, VISITOR_ID, "v1", EVENT_NAME, name)),
                Reasons.MISSING_EVENT_NAME, null);
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, VISITOR_ID, "v1")), Reasons.MISSING_EVENT_NAME, null);
    }

    @ParameterizedTest(name = "revenue = {0}")
    @ValueSource(strings = {"12,50 EUR", "abc", "NaN", "Infinity", "0x10"})
    void invalidRevenue(String revenue) {
        assertQuarantined(normalizer.normalize(valid(REVENUE, revenue)), Reasons.INVALID_REVENUE, "revenue = " + revenue);
    }

    @Test
    void overflowingRevenueIsInvalid() {
        assertQuarantined(normalizer.normalize(valid(REVENUE, "1e400")), Reasons.INVALID_REVENUE, "revenue = 1e400");
    }

    @Test
    void rulesAreCheckedInOrderTimeVisitorNameRevenue() {
        assertQuarantined(normalizer.normalize(record(REVENUE, "abc")), Reasons.UNPARSEABLE_TIME, "event_time = null");
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, REVENUE, "abc")), Reasons.MISSING_VISITOR_ID, null);
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, TIME, VISITOR_ID, "v", REVENUE, "abc")),
                Reasons.MISSING_EVENT_NAME, null);
    }

    @Test
    void malformedAndSkippedRecordsPassThroughUnchanged() {
        RawRecord malformed = RawRecord.quarantined(FILE, 3, "x,y", Reasons.MALFORMED_LINE, "expected 4 fields, found 2");
        EventNormalizer.Outcome o = normalizer.normalize(malformed);
        assertThat(o.event()).isNull();
        assertThat(o.problem()).isSameAs(malformed.problem());

        RawRecord skipped = RawRecord.skipped(FILE, 4, "line", Reasons.STATIC_ASSET);
        assertThat(normalizer.normalize(skipped).problem()).isSameAs(skipped.problem());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    })
    void botsAreSkippedWhenExcludedAndKeptOtherwise(String agent) {
        EventNormalizer.Outcome skipped = normalizer.normalize(valid(USER_AGENT, agent));
        assertThat(skipped.event()).isNull();
        assertThat(skipped.problem()).isEqualTo(new RawRecord.Problem(RawRecord.Disposition.SKIPPED, Reasons.BOT, null));

        EventNormalizer keepBots = new EventNormalizer(ZoneId.of("UTC"), sessions(false), LIMITS);
        EventNormalizer.Outcome kept = keepBots.normalize(valid(USER_AGENT, agent));
        assertThat(kept.problem()).isNull();
        assertThat(kept.event().userAgent()).isEqualTo(agent);
    }

    @Test
    void rowsInARowGetTheirOwnAgentsVerdict() {
        // The normaliser remembers the previous row's verdict: a change of agent must be judged again.
        String bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        java.util.List<String> agents = java.util.List.of(CHROME, CHROME, bot, bot, CHROME, bot, SAFARI);
        java.util.List<Boolean> skipped = agents.stream()
                .map(a -> normalizer.normalize(valid(USER_AGENT, a)).problem() != null).toList();
        assertThat(skipped).containsExactly(false, false, true, true, false, true, false);
    }

    @Test
    void invalidDataIsQuarantinedBeforeBotCheck() {
        // a bot with a bad time is bad data first: quarantined, not skipped (no user-agent analysis needed)
        assertQuarantined(normalizer.normalize(record(EVENT_TIME, "never", VISITOR_ID, "v", EVENT_NAME, "x",
                USER_AGENT, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")),
                Reasons.UNPARSEABLE_TIME, "event_time = never");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {CHROME, SAFARI})
    void browsersAreNotBots(String agent) {
        EventNormalizer.Outcome o = normalizer.normalize(valid(USER_AGENT, agent));
        assertThat(o.problem()).isNull();
        assertThat(o.event().userAgent()).isEqualTo(agent);
    }

    @Test
    void missingUserAgentIsNotABot() {
        assertThat(normalizer.normalize(valid()).problem()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://shop.example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring"
                + " | | newsletter | email | spring",
        "https://shop.example.com/?gclid=abc | | google | cpc | (not set)",
        "https://shop.example.com/ | https://www.facebook.com/ | facebook.com | referral | (not set)",
        "https://shop.example.com/ | https://shop.example.com/cart | (direct) | (none) | (not set)",
        "https://shop.example.com/ | | (direct) | (none) | (not set)",
    })
    void acceptedEventCarriesItsTrafficSource(String page, String referrer, String source, String medium,
            String campaign) {
        Event e = normalizer.normalize(valid(PAGE_URL, page, REFERRER_URL, referrer)).event();
        assertThat(e.pageUrl()).isEqualTo(page);
        assertThat(e.referrerUrl()).isEqualTo(referrer);
        assertThat(e.source().source()).isEqualTo(source);
        assertThat(e.source().medium()).isEqualTo(medium);
        assertThat(e.source().campaign()).isEqualTo(campaign);
    }

    @Test
    void utmColumnsWinOverThePageUrl() {
        Event e = normalizer.normalize(valid(PAGE_URL, "https://shop.example.com/?utm_source=url&utm_medium=urlmed",
                UTM_SOURCE, "col", UTM_MEDIUM, "cpc")).event();
        assertThat(e.source()).isEqualTo(new TrafficSource("col", "cpc", TrafficSource.NOT_SET, null, null));
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(normalizer);
        }
        EventNormalizer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (EventNormalizer) in.readObject();
        }
        assertThat(copy.normalize(valid()).event().eventTimeMicros()).isEqualTo(MICROS);
    }

    /** Quarantined records have their IP addresses masked: an access log's client host, and any address in any record. */
    @Test
    void quarantinedRecordsHaveTheirAddressesMasked() {
        io.touchpoint.core.privacy.ClientIps ips = io.touchpoint.core.privacy.ClientIps.withFixedTestKey(2);
        String line = "203.0.113.77 - - [10/Oct/2026:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5 \"-\" \"" + CHROME + "\"";
        RawRecord r = RawRecord.quarantined("f", 1, line, Reasons.MALFORMED_LINE, null);
        assertThat(normalizer.withClientIps(ips, true).quarantinedRaw(r, line))
                .startsWith("203.0.0.0 - - [10/Oct/2026:13:55:36 -0700]").endsWith(CHROME + "\"");
        String named = line.replace("203.0.113.77", "host-203-0-113-77.example.net");
        assertThat(normalizer.withClientIps(ips, true).quarantinedRaw(r, named)).startsWith("(host) - - [");
        String csv = "e1,yesterday,v1,,page_view,https://shop.example.com/?ip=198.51.100.9,,,,,,,,";
        assertThat(normalizer.withClientIps(ips, false).quarantinedRaw(r, csv)).contains("?ip=198.51.0.0,").doesNotContain("198.51.100.9");
        assertThat(normalizer.withClientIps(io.touchpoint.core.privacy.ClientIps.withFixedTestKey(0), true).quarantinedRaw(r, line))
                .isEqualTo(line);
        assertThat(normalizer.quarantinedRaw(r, line)).isEqualTo(line); // without client IPs: as read
    }
}
