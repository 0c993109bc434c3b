package io.touchpoint.core.ingest;

import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.traffic.SourceResolver;
import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.OptionalLong;

/**
 * Validates a parsed record and turns it into an {@link Event}, or says why it is quarantined or
 * skipped. The same code serves every input format and both the Spark and the core pipeline.
 */
public final class EventNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final boolean excludeBots;
    private final SourceResolver sources;
    private transient EventTimeParser times;
    /** The last user agent judged, and its verdict (one field, so a shared normaliser never mixes two). */
    private transient Verdict lastAgent;

    private record Verdict(String agent, boolean bot) {
    }

    public EventNormalizer(ZoneId zone, SessionConfig sessions) {
        this.zone = zone;
        this.excludeBots = sessions.excludeBots();
        this.sources = new SourceResolver(sessions.internalHosts());
    }

    /** The outcome of one record: exactly one of event or problem is set. */
    public record Outcome(Event event, RawRecord.Problem problem) {
        static Outcome quarantined(String reason, String detail) {
            return new Outcome(null, new RawRecord.Problem(RawRecord.Disposition.QUARANTINED, reason, detail));
        }
    }

    public Outcome normalize(RawRecord r) {
        if (r.problem() != null) {
            return new Outcome(null, r.problem());
        }
        if (times == null) {
            times = new EventTimeParser(zone);
        }
        OptionalLong time = r.timeMicros() != null ? OptionalLong.of(r.timeMicros())
                : times.parseMicros(r.field(CanonicalColumn.EVENT_TIME));
        if (time.isEmpty()) {
            return Outcome.quarantined(Reasons.UNPARSEABLE_TIME, "event_time = " + r.field(CanonicalColumn.EVENT_TIME));
        }
        String visitor = trimToNull(r.field(CanonicalColumn.VISITOR_ID));
        if (visitor == null) {
            return Outcome.quarantined(Reasons.MISSING_VISITOR_ID, null);
        }
        String name = trimToNull(r.field(CanonicalColumn.EVENT_NAME));
        if (name == null) {
            return Outcome.quarantined(Reasons.MISSING_EVENT_NAME, null);
        }
        String revenueText = r.field(CanonicalColumn.REVENUE);
        Double revenue = RevenueParser.read(revenueText);
        if (revenue != null && revenue.isNaN()) {
            return Outcome.quarantined(Reasons.INVALID_REVENUE, "revenue = " + revenueText);
        }
        String agent = r.field(CanonicalColumn.USER_AGENT);
        if (excludeBots && isBot(agent)) {
            return new Outcome(null, new RawRecord.Problem(RawRecord.Disposition.SKIPPED, Reasons.BOT, null));
        }
        String page = r.field(CanonicalColumn.PAGE_URL);
        String referrer = r.field(CanonicalColumn.REFERRER_URL);
        TrafficSource source = sources.resolve(page, referrer,
                r.field(CanonicalColumn.UTM_SOURCE), r.field(CanonicalColumn.UTM_MEDIUM),
                r.field(CanonicalColumn.UTM_CAMPAIGN), r.field(CanonicalColumn.UTM_TERM),
                r.field(CanonicalColumn.UTM_CONTENT));
        return new Outcome(new Event(trimToNull(r.field(CanonicalColumn.EVENT_ID)), time.getAsLong(), visitor,
                trimToNull(r.field(CanonicalColumn.USER_ID)), name, page, referrer, source,
                revenue, agent, trimToNull(r.field(CanonicalColumn.ORDER_ID)), r.file(), r.line()),
                null);
    }

    /**
     * The bot verdict, asked of the detector only when the agent differs from the previous row's:
     * a visit's hits usually come together and share their agent, and comparing two strings is
     * cheaper than hashing a long one for the detector's memo.
     */
    private boolean isBot(String agent) {
        Verdict last = lastAgent;
        if (last != null && agent != null && agent.equals(last.agent())) {
            return last.bot();
        }
        boolean bot = BotDetector.isBot(agent);
        lastAgent = new Verdict(agent, bot);
        return bot;
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
