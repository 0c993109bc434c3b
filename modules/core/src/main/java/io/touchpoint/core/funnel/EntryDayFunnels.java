package io.touchpoint.core.funnel;

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
    private final TreeMap<LocalDate, FunnelMatcher> open = new TreeMap<>();
    private final List<FunnelResult> done = new ArrayList<>();

    public EntryDayFunnels(FunnelSpec spec, ZoneId zone) {
        this.spec = spec;
        this.zone = zone;
    }

    /** Starts a new unit. */
    public void reset() {
        open.clear();
        done.clear();
    }

    /** The unit's events in time order, as for {@link FunnelMatcher#accept(long, long, long, String)}. */
    public void accept(long timeMicros, long stepMask, long exclusionMask, String breakdown) {
        LocalDate day = LocalDate.ofInstant(instant(timeMicros), zone);
        for (Iterator<Map.Entry<LocalDate, FunnelMatcher>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<LocalDate, FunnelMatcher> e = it.next();
            if (timeMicros > lastUsefulMicros(e.getKey())) {
                finish(e.getValue());
                it.remove();
            }
        }
        if ((stepMask & 1L) != 0 && !open.containsKey(day)) {
            open.put(day, new FunnelMatcher(spec));
        }
        for (Map.Entry<LocalDate, FunnelMatcher> e : open.entrySet()) {
            e.getValue().accept(timeMicros, stepMask, exclusionMask, breakdown, e.getKey().equals(day));
        }
    }

    /** The unit's results, one per entry day with level &gt;= 1, oldest day first; call after its last event. */
    public List<FunnelResult> results() {
        open.values().forEach(this::finish);
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

    /** After the window of the day's last possible start, its attempts cannot change. */
    private long lastUsefulMicros(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return micros(end) + spec.windowMicros();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}
