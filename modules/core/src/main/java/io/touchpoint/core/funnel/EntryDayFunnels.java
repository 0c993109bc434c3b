package io.touchpoint.core.funnel;

import io.touchpoint.core.time.Micros;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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
    /**
     * The open entry days, oldest first. Events come in time order, so days are opened in date
     * order and close (their window ends) in the same order: a list appended at the end and
     * trimmed at the front, cheaper per event than a sorted map.
     */
    private final ArrayList<Open> open = new ArrayList<>();
    /** Matchers of closed days, reset: a unit's days and a partition's units reuse them. */
    private final ArrayList<FunnelMatcher> spare = new ArrayList<>();
    /** The local day (epoch day) of the last event and its bounds: events come in time order, so days are looked up once each. */
    private long day;
    private long dayStartMicros = Long.MAX_VALUE;
    private long dayEndMicros = Long.MIN_VALUE;

    /** An entry day's matcher, and the time after which its attempts cannot change. */
    private record Open(long day, FunnelMatcher matcher, long lastUsefulMicros) implements Serializable {
    }
    private final List<FunnelResult> done = new ArrayList<>();
    /** The events at the current timestamp: a matcher opened by a later one of them must see them all. */
    private long[] sameSteps = new long[4];
    private long[] sameExclusions = new long[4];
    private String[] sameBreakdowns = new String[4];
    private int sameCount;
    private long sameTimeMicros = Long.MIN_VALUE;

    public EntryDayFunnels(FunnelSpec spec, ZoneId zone) {
        this.spec = spec;
        this.zone = zone;
    }

    /** Starts a new unit. */
    public void reset() {
        for (Open o : open) {
            recycle(o.matcher());
        }
        open.clear();
        done.clear();
        clearSameTime();
        sameTimeMicros = Long.MIN_VALUE;
    }

    /** The unit's events in time order, as for {@link FunnelMatcher#accept(long, long, long, String)}. */
    public void accept(long timeMicros, long stepMask, long exclusionMask, String breakdown) {
        if (timeMicros < dayStartMicros || timeMicros >= dayEndMicros) {
            LocalDate date = LocalDate.ofInstant(Micros.toInstant(timeMicros), zone);
            day = date.toEpochDay();
            dayStartMicros = Micros.of(date.atStartOfDay(zone).toInstant());
            dayEndMicros = Micros.of(date.plusDays(1).atStartOfDay(zone).toInstant());
        }
        int expired = 0;
        while (expired < open.size() && timeMicros > open.get(expired).lastUsefulMicros()) {
            finish(open.get(expired).matcher());
            expired++;
        }
        if (expired > 0) {
            open.subList(0, expired).clear();
        }
        if (timeMicros != sameTimeMicros) {
            clearSameTime();
            sameTimeMicros = timeMicros;
        }
        // A day still open is the last one opened: days open in date order and the current day's
        // window has not ended.
        if ((stepMask & 1L) != 0 && (open.isEmpty() || open.get(open.size() - 1).day() != day)) {
            FunnelMatcher m = spare.isEmpty() ? new FunnelMatcher(spec) : spare.remove(spare.size() - 1);
            for (int i = 0; i < sameCount; i++) { // equal times are taken in step order, whatever came first
                m.accept(timeMicros, sameSteps[i], sameExclusions[i], sameBreakdowns[i], true);
            }
            // After the window of the day's last possible start, its attempts cannot change.
            open.add(new Open(day, m, dayEndMicros + spec.windowMicros()));
        }
        for (int i = 0, n = open.size(); i < n; i++) {
            Open o = open.get(i);
            o.matcher().accept(timeMicros, stepMask, exclusionMask, breakdown, o.day() == day);
        }
        rememberSameTime(stepMask, exclusionMask, breakdown);
    }

    /** The unit's results, one per entry day with level &gt;= 1, oldest day first; call after its last event. */
    public List<FunnelResult> results() {
        open.forEach(o -> finish(o.matcher()));
        open.clear();
        done.sort(java.util.Comparator.comparingLong(r -> r.stepTime(1)));
        return List.copyOf(done);
    }

    private void finish(FunnelMatcher m) {
        FunnelResult r = m.result();
        if (r.level() > 0) {
            done.add(r);
        }
        recycle(m);
    }

    private void recycle(FunnelMatcher m) {
        m.reset();
        spare.add(m);
    }

    private void rememberSameTime(long stepMask, long exclusionMask, String breakdown) {
        if (sameCount == sameSteps.length) {
            int n = sameCount * 2;
            sameSteps = java.util.Arrays.copyOf(sameSteps, n);
            sameExclusions = java.util.Arrays.copyOf(sameExclusions, n);
            sameBreakdowns = java.util.Arrays.copyOf(sameBreakdowns, n);
        }
        sameSteps[sameCount] = stepMask;
        sameExclusions[sameCount] = exclusionMask;
        sameBreakdowns[sameCount] = breakdown;
        sameCount++;
    }

    private void clearSameTime() {
        java.util.Arrays.fill(sameBreakdowns, 0, sameCount, null);
        sameCount = 0;
    }
}
