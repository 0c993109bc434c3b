package io.touchpoint.core.attribution;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
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
 */
public final class JourneyBuilder {

    /** Receives each conversion's journey with the credits of every model, in model order. */
    public interface Sink {
        void journey(Conversion conversion, Journey journey, List<double[]> credits);
    }

    private final long lookbackMicros;
    private final int maxTouchpoints;
    private final boolean resetAfterConversion;
    private final List<AttributionModel> models;
    private final Sink sink;

    private String person;
    private final ArrayDeque<Touchpoint> window = new ArrayDeque<>();
    private final Map<String, Long> lastConversion = new HashMap<>();

    public JourneyBuilder(AttributionConfig config, Sink sink) {
        this.lookbackMicros = Math.multiplyExact(config.lookback().toSeconds(), 1_000_000L)
                + config.lookback().toNanosPart() / 1000;
        this.maxTouchpoints = config.maxTouchpoints();
        this.resetAfterConversion = config.journeyReset() == AttributionConfig.JourneyReset.AFTER_CONVERSION;
        this.models = config.models();
        this.sink = sink;
    }

    /** A session of {@code personId}: a possible touchpoint of later conversions. */
    public void session(String personId, Touchpoint t) {
        switchTo(personId);
        window.addLast(t);
        if (window.size() > maxTouchpoints + 1) {
            window.removeFirst(); // never needed: later journeys keep only more recent ones
        }
    }

    public void conversion(Conversion c) {
        switchTo(c.personId());
        long t = c.timeMicros();
        long from = t - lookbackMicros;
        while (!window.isEmpty() && window.peekFirst().timeMicros() < from) {
            window.removeFirst(); // conversions come in time order: no later one needs it
        }
        Long previous = resetAfterConversion ? lastConversion.get(c.goal()) : null;
        List<Touchpoint> before = new ArrayList<>();
        for (Iterator<Touchpoint> it = window.descendingIterator(); it.hasNext() && before.size() < maxTouchpoints - 1; ) {
            Touchpoint s = it.next();
            if (s.timeMicros() <= t && !s.sessionId().equals(c.session().sessionId())
                    && (previous == null || s.timeMicros() > previous)) {
                before.add(s);
            }
        }
        List<Touchpoint> touchpoints = new ArrayList<>(before.size() + 1);
        for (int i = before.size() - 1; i >= 0; i--) {
            touchpoints.add(before.get(i));
        }
        touchpoints.add(c.session());
        Journey journey = new Journey(c.conversionId(), c.goal(), t, c.value(), touchpoints);
        List<double[]> credits = new ArrayList<>(models.size());
        for (AttributionModel m : models) {
            credits.add(m.credits(journey));
        }
        lastConversion.put(c.goal(), t);
        sink.journey(c, journey, credits);
    }

    private void switchTo(String personId) {
        if (!personId.equals(person)) {
            person = personId;
            window.clear();
            lastConversion.clear();
        }
    }
}
