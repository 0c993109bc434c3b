package io.touchpoint.spark.person;

import io.touchpoint.spark.funnel.FunnelUnits;
import java.util.PriorityQueue;

/**
 * The funnel events of one unit's sessions, merged back into the unit's time order: the events
 * travel packed into their sessions' rows ({@link EventPacker}), each session's in time order, and
 * the sessions' rows come by start time, so an event is handed on as soon as no row still to come
 * can hold an earlier one. The person pass merges a person's sessions, the account pass an account's.
 */
final class EventMerge {
    /** The open sessions' events, by their next event (then event id, as the sort had them). */
    private final PriorityQueue<PackedEvents.Cursor> open = new PriorityQueue<>(PackedEvents.Cursor::compare);
    private final int funnelCount;

    EventMerge(int funnelCount) {
        this.funnelCount = funnelCount;
    }

    /** A row's packed events; {@code rowTime} the time of the row they rode in. */
    void add(byte[] events, long rowTime, String session) {
        PackedEvents.Cursor c = new PackedEvents.Cursor(events, rowTime, session, funnelCount);
        if (c.advance()) {
            open.add(c);
        }
    }

    /** Hands {@code funnels} the unit's events timed before {@code t}, in order, as events of {@code unit}. */
    void before(long t, String unit, FunnelUnits funnels) {
        while (!open.isEmpty() && open.peek().time < t) {
            PackedEvents.Cursor c = open.poll();
            funnels.push(unit, c.session, c.time, c.steps, c.exclusions, c.breakdowns);
            if (c.advance()) {
                open.add(c);
            }
        }
    }
}
