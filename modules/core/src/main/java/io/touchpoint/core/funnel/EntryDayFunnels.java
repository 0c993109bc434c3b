package io.touchpoint.core.funnel;

import io.touchpoint.core.time.Micros;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One unit's funnel results per entry day: for every local date with a step-1 event, the best
 * attempt that started on that date ({@link FunnelMatcher} rules otherwise unchanged).
 *
 * <p>Why per day: a day's attempts depend only on events from that day to the end of its window,
 * so a run over one day writes exactly what a run over many days writes for it, and incremental
 * runs add up (docs/operations.md). A unit's overall level is its best entry day's, which is its
 * best attempt; funnel_steps counts each unit once from that. Memory: one matcher per entry day
 * still inside its window (window / 1 day + 2 at most).
 */
public final class EntryDayFunnels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FunnelSpec spec;
    private final ZoneId zone;
    private final TreeMap<LocalDate, Open> open = new TreeMap<>();
    /** The local day of the last event and its bounds: events come in time order, so days are looked up once each. */
    private LocalDate day;
    private long dayStartMicros = Long.MAX_VALUE;
    private long dayEndMicros = Long.MIN_VALUE;

    /** An entry day's matcher, and the time after which its attempts cannot change. */
    private record Open(FunnelMatcher matcher, long lastUsefulMicros) implements Serializable {
    }
    private final List<FunnelResult> done = new ArrayList<>();
    /** The events at the current timestamp: a matcher opened by a later one of them must see them all. */
    private final List<Object[]> sameTime = new ArrayList<>();
    private long sameTimeMicros = Long.MIN_VALUE;

    public EntryDayFunnels(FunnelSpec spec, ZoneId zone) {
        this.spec = spec;
        this.zone = zone;
    }

    /** Starts a new unit. */
    public void reset() {
        open.clear();
        done.clear();
        sameTime.clear();
        sameTimeMicros = Long.MIN_VALUE;
    }

    /** The unit's events in time order, as for {@link FunnelMatcher#accept(long, long, long, String)}. */
    public void accept(long timeMicros, long stepMask, long exclusionMask, String breakdown) {
        if (timeMicros < dayStartMicros || timeMicros >= dayEndMicros) {
            day = LocalDate.ofInstant(Micros.toInstant(timeMicros), zone);
            dayStartMicros = Micros.of(day.atStartOfDay(zone).toInstant());
            dayEndMicros = Micros.of(day.plusDays(1).atStartOfDay(zone).toInstant());
        }
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (timeMicros > o.lastUsefulMicros()) {
                finish(o.matcher());
                it.remove();
            }
        }
        if (timeMicros != sameTimeMicros) {
            sameTime.clear();
            sameTimeMicros = timeMicros;
        }
        if ((stepMask & 1L) != 0 && !open.containsKey(day)) {
            FunnelMatcher m = new FunnelMatcher(spec);
            for (Object[] earlier : sameTime) { // equal times are taken in step order, whatever came first
                m.accept(timeMicros, (Long) earlier[0], (Long) earlier[1], (String) earlier[2], true);
            }
            // After the window of the day's last possible start, its attempts cannot change.
            open.put(day, new Open(m, dayEndMicros + spec.windowMicros()));
        }
        for (Map.Entry<LocalDate, Open> e : open.entrySet()) {
            e.getValue().matcher().accept(timeMicros, stepMask, exclusionMask, breakdown, e.getKey().equals(day));
        }
        sameTime.add(new Object[] {stepMask, exclusionMask, breakdown});
    }

    /** The unit's results, one per entry day with level &gt;= 1, oldest day first; call after its last event. */
    public List<FunnelResult> results() {
        open.values().forEach(o -> finish(o.matcher()));
        open.clear();
        done.sort(java.util.Comparator.comparingLong(r -> r.stepTime(1)));
        return List.copyOf(done);
    }

    private void finish(FunnelMatcher m) {
        FunnelResult r = m.result();
        if (r.level() > 0) {
            done.add(r);
        }
    }
}
