package io.touchpoint.core.attribution;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.crm.CrmReasons;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds every conversion's journey and applies every model in one streaming pass per person.
 *
 * <p>Feed it the sessions and conversions of any number of people, grouped by person and, within
 * a person, ordered by time (session start, conversion time; at equal times sessions first). It
 * keeps only the person's recent sessions: at most max-touchpoints + 1 of them, none older than
 * the lookback of the latest conversion. The journey of a conversion at time t is
 * <ul>
 *   <li>the person's sessions (of all their visitors) that started in [t − lookback, t], oldest
 *       first, with the converting session moved last (a session on another device may have
 *       started after it);</li>
 *   <li>with journey-reset = after-conversion, only sessions that started after the person's
 *       previous conversion of the same goal;</li>
 *   <li>cut to the most recent max-touchpoints; the converting session is always kept, even when
 *       it started before the lookback.</li>
 * </ul>
 *
 * <p>CRM rows ({@link #crm}) come in the same time order. Each is a milestone of the person (the
 * first time they reached its stage, for the milestone models) and may carry their self-reported
 * answer; a row whose stage a goal names ({@code crm-stage}) is also a conversion of that goal.
 * A CRM conversion is not a visit: its journey is the person's sessions that started in
 * [t − lookback, t] (after the previous conversion with journey-reset), the most recent
 * max-touchpoints, and it has no converting session. Every journey carries the milestones its
 * person reached up to its time and their latest self-reported answer up to then.
 */
public final class JourneyBuilder {

    /** Receives each conversion's journey with the credits of every model, in model order. */
    public interface Sink {
        void journey(Conversion conversion, Journey journey, List<double[]> credits);

        /**
         * What became of CRM row {@code row} ({@link CrmRow#row}), told when its person's rows are
         * all in: {@link #MATCHED}, {@link CrmReasons#NO_TOUCHPOINT} (a goal's row without a session
         * before it) or {@link #NO_PERSON} (the person has no session at all).
         */
        default void crm(long row, String outcome) {
        }

        /**
         * A journey that did not convert to {@code goal} (issue 21: every journey): sessions of unit
         * {@code unitId} that no conversion of the goal followed within the lookback, in time
         * order, spanning at most the lookback from the first, the most recent max-touchpoints.
         */
        default void nonConverting(String unitId, String goal, List<Touchpoint> touchpoints) {
        }
    }

    /** A CRM row that gave its conversions, or (a milestone only) whose person has sessions. */
    public static final String MATCHED = "matched";
    /** A CRM row whose person has no session in the data. */
    public static final String NO_PERSON = "no_person";

    /**
     * A CRM row of a person.
     *
     * @param id the row's stable id ({@code CrmRecord.id}); its conversions' ids derive from it
     * @param row the row's number in the run's CRM input (for {@link Sink#crm})
     * @param value the row's value, or null
     * @param visitorId the visitor it was matched through, or null
     * @param selfReportedChannel the channel of its self-reported answer, or null
     * @param date the local date of {@code timeMicros} in the input time zone
     */
    public record CrmRow(String id, long row, String stage, long timeMicros, Double value, String visitorId,
                         String selfReportedChannel, LocalDate date) {
    }

    private final long lookbackMicros;
    private final int maxTouchpoints;
    private final boolean resetAfterConversion;
    private final List<AttributionModel> models;
    private final AttributionConfig.MilestoneStages milestoneStages;
    /** The CRM goals by the stage they count. */
    private final Map<String, List<Goal>> crmGoals = new HashMap<>();
    private final Sink sink;
    /** Every goal's name: each gets its non-converting journeys. */
    private final List<String> goalNames;
    /** Per goal, the unit's sessions not yet known to be followed by a conversion of the goal, oldest first. */
    private final Map<String, ArrayDeque<Touchpoint>> pending = new HashMap<>();
    /** Per goal, the non-converting journey being gathered: its sessions (the most recent ones) and its first start. */
    private final Map<String, ArrayDeque<Touchpoint>> chunk = new HashMap<>();
    private final Map<String, Long> chunkStart = new HashMap<>();

    private String person;
    private final ArrayDeque<Touchpoint> window = new ArrayDeque<>();
    private final Map<String, Long> lastConversion = new HashMap<>();
    /** The person's CRM stages so far, each at its first time. */
    private final Map<String, Long> stageTimes = new HashMap<>();
    /** The person's latest self-reported channel so far, or null. */
    private String answer;
    private boolean personHasSessions;
    /** The person's CRM rows and their outcomes so far, told to the sink when the person ends. */
    private final List<CrmOutcome> crmRows = new ArrayList<>();

    private record CrmOutcome(long row, String outcome) {
    }

    /** Without CRM goals (web goals only; CRM rows are milestones). */
    public JourneyBuilder(AttributionConfig config, Sink sink) {
        this(config, List.of(), sink);
    }

    /** @param goals the run's goals: those with a {@code crm-stage} turn CRM rows into conversions */
    public JourneyBuilder(AttributionConfig config, List<Goal> goals, Sink sink) {
        this.lookbackMicros = Math.multiplyExact(config.lookback().toSeconds(), 1_000_000L)
                + config.lookback().toNanosPart() / 1000;
        this.maxTouchpoints = config.maxTouchpoints();
        this.resetAfterConversion = config.journeyReset() == AttributionConfig.JourneyReset.AFTER_CONVERSION;
        this.models = config.models();
        this.milestoneStages = config.milestones();
        for (Goal g : goals) {
            if (g.isCrm()) {
                crmGoals.computeIfAbsent(g.crmStage(), x -> new ArrayList<>()).add(g);
            }
        }
        this.sink = sink;
        this.goalNames = goals.stream().map(Goal::name).distinct().toList();
        for (String g : goalNames) {
            pending.put(g, new ArrayDeque<>());
            chunk.put(g, new ArrayDeque<>());
        }
    }

    /**
     * A session of unit {@code unitId} (a person, or with {@code attribution.unit = account} an
     * account; a unit's rows come together): a possible touchpoint of its later conversions.
     */
    public void session(String unitId, Touchpoint t) {
        switchTo(unitId);
        for (String g : goalNames) {
            settle(g, t.timeMicros());
            pending.get(g).addLast(t);
        }
        personHasSessions = true;
        window.addLast(t);
        if (window.size() > maxTouchpoints + 1) {
            window.removeFirst(); // never needed: later journeys keep only more recent ones
        }
    }

    /** A web conversion of its person's own journey (its converting session is its last touchpoint). */
    public void conversion(Conversion c) {
        conversion(c.personId(), c);
    }

    /** A web conversion of unit {@code unitId} (its person's, or its person's account). */
    public void conversion(String unitId, Conversion c) {
        conversion(unitId, c, null);
    }

    /**
     * A web conversion of unit {@code unitId} whose converting event carried a self-reported answer
     * (a form field, {@code touchpoint.self-reported.column}): the conversion's own answer, and the
     * unit's latest from then on.
     *
     * @param ownAnswer the answer's channel, or null
     */
    public void conversion(String unitId, Conversion c, String ownAnswer) {
        switchTo(unitId);
        if (ownAnswer != null) {
            answer = ownAnswer;
        }
        credit(c, ownAnswer);
    }

    /**
     * A self-reported answer of an event of unit {@code unitId} (a form field, not a conversion):
     * the unit's latest answer from its time on.
     */
    public void answer(String unitId, String channel) {
        switchTo(unitId);
        answer = channel;
    }

    /**
     * A CRM row of {@code personId}: a milestone, the person's self-reported answer when it has one,
     * and a conversion of every goal naming its stage.
     */
    public void crm(String personId, CrmRow r) {
        crm(personId, personId, r);
    }

    /**
     * A CRM row of {@code personId} in unit {@code unitId}: a milestone of the unit, the unit's
     * latest self-reported answer when it has one, and a conversion of {@code personId} (null: the
     * row names an account only) of every goal naming its stage.
     */
    public void crm(String unitId, String personId, CrmRow r) {
        switchTo(unitId);
        stageTimes.putIfAbsent(r.stage(), r.timeMicros());
        if (r.selfReportedChannel() != null) {
            answer = r.selfReportedChannel();
        }
        String outcome = MATCHED;
        List<Goal> goals = crmGoals.getOrDefault(r.stage(), List.of());
        for (Goal g : goals) {
            String id = goals.size() == 1 ? r.id() : r.id() + "-" + g.name();
            Conversion c = new Conversion(id, g.name(), r.visitorId(), personId, null, null, r.timeMicros(),
                    g.valueOf(r.value()), null, r.date());
            if (!credit(c, r.selfReportedChannel())) {
                outcome = CrmReasons.NO_TOUCHPOINT;
            }
        }
        crmRows.add(new CrmOutcome(r.row(), outcome));
    }

    /**
     * Builds {@code c}'s journey and credits it.
     *
     * @param ownAnswer the conversion's own self-reported channel (a CRM row's), else the person's latest
     * @return false when it has no touchpoint (a CRM conversion without a session before it): nothing is sent
     */
    private boolean credit(Conversion c, String ownAnswer) {
        long t = c.timeMicros();
        long from = t - lookbackMicros;
        while (!window.isEmpty() && window.peekFirst().timeMicros() < from) {
            window.removeFirst(); // conversions come in time order: no later one needs it
        }
        Long previous = resetAfterConversion ? lastConversion.get(c.goal()) : null;
        Touchpoint converting = c.session();
        int room = converting == null ? maxTouchpoints : maxTouchpoints - 1;
        List<Touchpoint> before = new ArrayList<>();
        for (Iterator<Touchpoint> it = window.descendingIterator(); it.hasNext() && before.size() < room; ) {
            Touchpoint s = it.next();
            if (s.timeMicros() <= t && (converting == null || !s.sessionId().equals(converting.sessionId()))
                    && (previous == null || s.timeMicros() > previous)) {
                before.add(s);
            }
        }
        if (converting == null && before.isEmpty()) {
            return false;
        }
        List<Touchpoint> touchpoints = new ArrayList<>(before.size() + 1);
        for (int i = before.size() - 1; i >= 0; i--) {
            touchpoints.add(before.get(i));
        }
        if (converting != null) {
            touchpoints.add(converting);
        }
        Map<String, Long> reached = new HashMap<>();
        stageTimes.forEach((stage, time) -> {
            if (time <= t) {
                reached.put(stage, time);
            }
        });
        Journey journey = new Journey(c.conversionId(), c.goal(), t, c.value(), touchpoints,
                milestoneStages.roleTimes(reached), ownAnswer != null ? ownAnswer : answer);
        List<double[]> credits = new ArrayList<>(models.size());
        for (AttributionModel m : models) {
            credits.add(m.credits(journey));
        }
        lastConversion.put(c.goal(), t);
        followed(c.goal(), t);
        sink.journey(c, journey, credits);
        return true;
    }

    /** Ends the input: tells the sink the outcome of the last person's CRM rows. */
    public void finish() {
        endPerson();
    }

    private void switchTo(String unitId) {
        if (!unitId.equals(person)) {
            endPerson();
            person = unitId;
            window.clear();
            lastConversion.clear();
            stageTimes.clear();
            answer = null;
            personHasSessions = false;
        }
    }

    /**
     * A conversion of {@code goal} at {@code t}: the goal's pending sessions that started at most
     * the lookback before it are followed by it, so in no non-converting journey.
     */
    private void followed(String goal, long t) {
        ArrayDeque<Touchpoint> p = pending.get(goal);
        if (p == null) {
            return;
        }
        settle(goal, t);
        p.clear(); // what is left started in [t − lookback, t]
    }

    /** The goal's pending sessions that started more than the lookback before {@code now}: no conversion can follow them now. */
    private void settle(String goal, long now) {
        ArrayDeque<Touchpoint> p = pending.get(goal);
        while (!p.isEmpty() && p.peekFirst().timeMicros() < now - lookbackMicros) {
            notFollowed(goal, p.pollFirst());
        }
    }

    /** A session no conversion of {@code goal} followed: into the goal's non-converting journey, or a new one. */
    private void notFollowed(String goal, Touchpoint s) {
        ArrayDeque<Touchpoint> c = chunk.get(goal);
        if (!c.isEmpty() && s.timeMicros() - chunkStart.get(goal) > lookbackMicros) {
            emitChunk(goal);
        }
        if (c.isEmpty()) {
            chunkStart.put(goal, s.timeMicros());
        }
        c.addLast(s);
        if (c.size() > maxTouchpoints) {
            c.removeFirst(); // the journey keeps its most recent max-touchpoints
        }
    }

    private void emitChunk(String goal) {
        ArrayDeque<Touchpoint> c = chunk.get(goal);
        if (!c.isEmpty()) {
            sink.nonConverting(person, goal, List.copyOf(c));
            c.clear();
        }
    }

    private void endPerson() {
        if (person != null) {
            for (String g : goalNames) {
                ArrayDeque<Touchpoint> p = pending.get(g);
                while (!p.isEmpty()) {
                    notFollowed(g, p.pollFirst());
                }
                emitChunk(g);
            }
        }
        for (CrmOutcome r : crmRows) {
            sink.crm(r.row(), personHasSessions ? r.outcome() : NO_PERSON);
        }
        crmRows.clear();
    }
}
