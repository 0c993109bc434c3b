package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.traffic.SourceResolver;
import io.touchpoint.core.traffic.TrafficSource;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalLong;

/**
 * Validates a parsed record and turns it into an {@link Event}, or says why it is quarantined or
 * skipped. The same code serves every input format and both the Spark and the core pipeline.
 */
public final class EventNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final Limits limits;
    /** The run's pseudonyms of visitor and user ids, or null to keep them as they are. */
    private final io.touchpoint.core.privacy.Pseudonyms pseudonyms;
    /** Removes personal values from URLs and quarantined records, or null to keep them as they came. */
    private final io.touchpoint.core.privacy.UrlScrubber scrubber;
    /** The consent column's rule, or null when every event counts as consented. */
    private io.touchpoint.core.privacy.PrivacyConfig.Consent consent;
    /** The goals an unconsented event is matched against, for the totals. */
    private io.touchpoint.core.conversion.Goals goals;
    /** The erased visitors and users, or null when none was erased. */
    private io.touchpoint.core.privacy.ErasureList erasures;
    /** The accounts file's lookup of raw user and visitor ids, or null without one. */
    private io.touchpoint.core.accounts.AccountMapping accounts;
    /** The self-reported rules, when the events carry answers ({@code touchpoint.self-reported.column}); else null. */
    private io.touchpoint.core.selfreported.SelfReportedRules answers;
    /** Masks client addresses in quarantined records, or null to keep them as they came. */
    private final io.touchpoint.core.privacy.ClientIps ips;
    /** Whether records are access-log lines (their first field is the client host). */
    private final boolean logLines;
    private final boolean excludeBots;
    private final SourceResolver sources;
    private transient EventTimeParser times;
    /** The last user agent judged, and its verdict (one field, so a shared normaliser never mixes two). */
    private transient Verdict lastAgent;

    private record Verdict(String agent, boolean bot) {
    }

    /**
     * What is plausible: event times in [{@code fromMicros}, {@code toMicros}), revenue up to
     * {@code maxRevenue} either way. Fixed once per run, on the driver, so every task judges alike.
     */
    public record Limits(long fromMicros, long toMicros, double maxRevenue) implements Serializable {
        /** The configured limits of a run that started at {@code runStart}. */
        public static Limits of(InputConfig input, Instant runStart) {
            return new Limits(io.touchpoint.core.time.Micros.of(input.validTimes().start(input.timeZone())),
                    io.touchpoint.core.time.Micros.of(input.validTimes().end(input.timeZone(), runStart)), input.maxRevenue());
        }
    }

    public EventNormalizer(ZoneId zone, SessionConfig sessions, Limits limits) {
        this(zone, sessions, limits, null, null);
    }

    /**
     * @param pseudonyms replaces visitor and user ids (so every table holds pseudonyms only), or null
     * @param scrubber removes personal values from page and referrer URLs (after the traffic source
     *     was read from them) and from quarantined records, or null
     */
    public EventNormalizer(ZoneId zone, SessionConfig sessions, Limits limits, io.touchpoint.core.privacy.Pseudonyms pseudonyms,
                           io.touchpoint.core.privacy.UrlScrubber scrubber) {
        this(zone, limits, pseudonyms, scrubber, null, false, sessions.excludeBots(), new SourceResolver(sessions.internalHosts()));
    }

    private EventNormalizer(ZoneId zone, Limits limits, io.touchpoint.core.privacy.Pseudonyms pseudonyms,
                            io.touchpoint.core.privacy.UrlScrubber scrubber, io.touchpoint.core.privacy.ClientIps ips,
                            boolean logLines, boolean excludeBots, SourceResolver sources) {
        this.zone = zone;
        this.limits = limits;
        this.pseudonyms = pseudonyms;
        this.scrubber = scrubber;
        this.ips = ips;
        this.logLines = logLines;
        this.excludeBots = excludeBots;
        this.sources = sources;
    }

    /**
     * This normaliser, masking client addresses in quarantined records: with {@code logLines}
     * (access logs) the line's client host as {@link io.touchpoint.core.privacy.ClientIps#maskLogLine}
     * does, and any IP address in any record ({@link io.touchpoint.core.privacy.ClientIps#maskText}).
     */
    public EventNormalizer withClientIps(io.touchpoint.core.privacy.ClientIps ips, boolean logLines) {
        EventNormalizer out = new EventNormalizer(zone, limits, pseudonyms, scrubber, ips, logLines, excludeBots, sources);
        out.consent = consent;
        out.goals = goals;
        out.erasures = erasures;
        out.accounts = accounts;
        out.answers = answers;
        return out;
    }

    /**
     * Leaves out events without analytics consent (reason {@link Reasons#NO_CONSENT}); their detail
     * names the goals they would have converted with their values, one {@code goal<TAB>value} line
     * each, so the totals can count them. Set once, on the driver, before the normaliser is shipped.
     */
    public EventNormalizer withConsent(io.touchpoint.core.privacy.PrivacyConfig.Consent consent,
                                       io.touchpoint.core.conversion.Goals goals) {
        this.consent = consent.enabled() ? consent : null;
        this.goals = goals;
        return this;
    }

    /**
     * Maps each event's answer of {@code touchpoint.self-reported.column} to a channel by
     * {@code rules} (docs/channels.md); null: the events carry no answer. Set once, on the driver,
     * before the normaliser is shipped.
     */
    public EventNormalizer withAnswers(io.touchpoint.core.selfreported.SelfReportedRules rules) {
        this.answers = rules;
        return this;
    }

    /**
     * Gives each event without an {@code account_id} of its own the account that {@code accounts}
     * finds for its raw user or visitor id (docs/accounts.md); null: none. Set once, on the driver,
     * before the normaliser is shipped.
     */
    public EventNormalizer withAccounts(io.touchpoint.core.accounts.AccountMapping accounts) {
        this.accounts = accounts;
        return this;
    }

    /** Skips the events of erased visitors and users (reason {@link Reasons#ERASED}); null or empty: none. */
    public EventNormalizer withErasures(io.touchpoint.core.privacy.ErasureList erasures) {
        this.erasures = erasures == null || erasures.isEmpty() ? null : erasures;
        return this;
    }

    /**
     * The outcome of one record: exactly one of event or problem is set; {@code adjusted} names what
     * was changed on an accepted record's way in ({@link Reasons#DST_GAP}), or is null.
     */
    public record Outcome(Event event, RawRecord.Problem problem, String adjusted) {
        Outcome(Event event, RawRecord.Problem problem) {
            this(event, problem, null);
        }

        static Outcome quarantined(String reason, String detail) {
            return new Outcome(null, new RawRecord.Problem(RawRecord.Disposition.QUARANTINED, reason, detail));
        }
    }

    public Outcome normalize(RawRecord r) {
        if (r.problem() != null) {
            return new Outcome(null, r.problem());
        }
        // Before validation: an erased or unconsenting visitor's record reaches no table, the quarantine included.
        if (erasures != null && erased(r)) {
            return new Outcome(null, new RawRecord.Problem(RawRecord.Disposition.SKIPPED, Reasons.ERASED, null));
        }
        if (consent != null && !consent.grants(r.field(CanonicalColumn.CONSENT))) {
            return new Outcome(null, new RawRecord.Problem(RawRecord.Disposition.SKIPPED, Reasons.NO_CONSENT, unconsentedGoals(r)));
        }
        if (times == null) {
            times = new EventTimeParser(zone);
        }
        OptionalLong time = r.timeMicros() != null ? OptionalLong.of(r.timeMicros())
                : times.parseMicros(r.field(CanonicalColumn.EVENT_TIME));
        if (time.isEmpty()) {
            return Outcome.quarantined(Reasons.UNPARSEABLE_TIME, "event_time = " + r.field(CanonicalColumn.EVENT_TIME));
        }
        long t = time.getAsLong();
        if (t < limits.fromMicros() || t >= limits.toMicros()) {
            return Outcome.quarantined(Reasons.IMPLAUSIBLE_TIME, "event_time = " + io.touchpoint.core.time.Micros.toInstant(t)
                    + " is outside touchpoint.input.valid-times (" + io.touchpoint.core.time.Micros.toInstant(limits.fromMicros())
                    + " to " + io.touchpoint.core.time.Micros.toInstant(limits.toMicros()) + ")");
        }
        boolean shifted = r.timeMicros() == null && times.lastWasInGap();
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
        if (revenue != null && Math.abs(revenue) > limits.maxRevenue()) {
            return Outcome.quarantined(Reasons.IMPLAUSIBLE_REVENUE, "revenue = " + revenueText.strip()
                    + " is above touchpoint.input.max-revenue (" + java.math.BigDecimal.valueOf(limits.maxRevenue()).toPlainString() + ")");
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
        if (scrubber != null) { // after the source: campaign parameters are read from the URL as it came
            page = scrubber.scrub(page);
            referrer = scrubber.scrub(referrer);
        }
        String user = trimToNull(r.field(CanonicalColumn.USER_ID));
        // From the ids as they came: a pseudonym has no e-mail domain, and the file holds raw ids.
        String account = trimToNull(r.field(CanonicalColumn.ACCOUNT_ID));
        if (account == null && accounts != null) {
            account = accounts.accountIdOf(user, visitor);
        }
        if (pseudonyms != null) {
            visitor = pseudonyms.apply(visitor);
            user = pseudonyms.apply(user);
        }
        // The answer's channel only: the free text may name people, and is kept nowhere.
        String said = answers == null ? null : answers.channelOf(r.field(CanonicalColumn.SELF_REPORTED));
        return new Outcome(new Event(trimToNull(r.field(CanonicalColumn.EVENT_ID)), t, visitor,
                user, name, page, referrer, source,
                revenue, agent, trimToNull(r.field(CanonicalColumn.ORDER_ID)), account, said, r.file(), r.line()),
                null, shifted ? Reasons.DST_GAP : null);
    }

    private boolean erased(RawRecord r) {
        String visitor = trimToNull(r.field(CanonicalColumn.VISITOR_ID));
        String user = trimToNull(r.field(CanonicalColumn.USER_ID));
        if (erasures.erasedRaw(visitor) || erasures.erasedRaw(user)) {
            return true;
        }
        return pseudonyms != null && (erasures.erasedPseudonym(pseudonyms.apply(visitor)) || erasures.erasedPseudonym(pseudonyms.apply(user)));
    }

    /** The goals an unconsented record matches, {@code goal<TAB>value} per line, or null when none. */
    private String unconsentedGoals(RawRecord r) {
        if (goals == null) {
            return null;
        }
        String name = trimToNull(r.field(CanonicalColumn.EVENT_NAME));
        if (name == null) {
            return null;
        }
        StringBuilder out = null;
        for (io.touchpoint.core.conversion.Goal g : goals.all()) {
            String page = r.field(CanonicalColumn.PAGE_URL);
            if (g.matches(name, scrubber == null ? page : scrubber.scrub(page))) {
                Double revenue = RevenueParser.read(r.field(CanonicalColumn.REVENUE));
                double value = g.valueOf(revenue == null || revenue.isNaN() || Math.abs(revenue) > limits.maxRevenue() ? null : revenue);
                out = out == null ? new StringBuilder() : out.append('\n');
                out.append(g.name()).append('\t').append(value);
            }
        }
        return out == null ? null : out.toString();
    }

    /**
     * The record as the quarantine table shows it: as read, or, with pseudonyms on, with its
     * visitor and user ids replaced by their pseudonyms, and null when the record could not even
     * be split into fields (its ids cannot be told apart from the rest); with URL scrubbing on,
     * deny-listed parameters, e-mail addresses and phone numbers in it redacted; with client IPs
     * ({@link #withClientIps}), every IP address in it masked (and an access-log line's client host
     * name replaced). With a consent column, null for a record that was not split into fields
     * (its consent cannot be read, so it is treated as not given).
     */
    public String quarantinedRaw(RawRecord r, String raw) {
        String out = raw;
        if (consent != null && (r.fields() == null || !consent.grants(r.field(CanonicalColumn.CONSENT)))) {
            return null; // whether the visitor consented cannot be read from a record that was not split into fields
        }
        if (pseudonyms != null && out != null) {
            if (r.fields() == null) {
                return null;
            }
            for (CanonicalColumn c : new CanonicalColumn[] {CanonicalColumn.VISITOR_ID, CanonicalColumn.USER_ID}) {
                String id = trimToNull(r.field(c));
                if (id != null) {
                    out = out.replace(id, pseudonyms.apply(id));
                }
            }
        }
        if (ips != null && out != null) {
            out = logLines ? ips.maskLogLine(out) : ips.maskText(out);
        }
        return scrubber == null ? out : scrubber.scrubText(out);
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
