package io.touchpoint.spark.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * A session's funnel events ride in its row and come back as they went in: times, ids (null too),
 * masks and breakdowns; a long session sends chunks ahead, and events without their session row
 * still arrive.
 */
class EventPackerTest {
    private static final int EVENT = 2;
    private static final int SESSION = 0;
    private static final int CONVERSION = 1;
    private static final int FUNNELS = 2;

    /** Where the input rows' funnel columns start: after {@link EventPacker#COLUMNS}. */
    private static final int F0 = EventPacker.COLUMNS.size();

    /** One input row of the pass: person_id, session_id, t, k, id, journey, account, then 3 columns per funnel. */
    private static InternalRow row(String session, long t, int k, String id, long steps, String breakdown) {
        return new GenericInternalRow(new Object[] {u("p1"), u(session), t, k, u(id), null, null,
            steps, 0L, u(breakdown), steps << 1, 1L, null});
    }

    private static UTF8String u(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    private static List<InternalRow> pack(List<InternalRow> in) {
        List<InternalRow> out = new ArrayList<>();
        new EventPacker(in.iterator(), FUNNELS, F0, EVENT, SESSION).forEachRemaining(out::add);
        return out;
    }

    /** The events a packed row carries, as "time id steps0 breakdown0 steps1 exclusions1" strings. */
    private static List<String> events(InternalRow packed) {
        List<String> out = new ArrayList<>();
        PackedEvents.Cursor c = new PackedEvents.Cursor(packed.getBinary(EventPacker.EVENTS), packed.getLong(EventPacker.T), "s", FUNNELS);
        while (c.advance()) {
            out.add(c.time + " " + c.id + " " + c.steps[0] + " " + c.breakdowns[0] + " " + c.steps[1] + " " + c.exclusions[1]);
        }
        return out;
    }

    private static String event(InternalRow r) {
        return r.getLong(EventPacker.T) + " " + r.getUTF8String(EventPacker.ID) + " " + r.getLong(F0) + " "
                + r.getUTF8String(F0 + 2) + " " + r.getLong(F0 + 3) + " " + r.getLong(F0 + 4);
    }

    @Test
    void aSessionsEventsRideInItsRowAndConversionsPassThrough() {
        List<InternalRow> in = List.of(
                row("s1", 1_000, EVENT, "e1", 1, "Email"),
                row("s1", 1_000, EVENT, null, 3, "Email"), // a tied time, no id
                row("s1", 2_500, CONVERSION, "c1", 0, null),
                row("s1", 4_000, EVENT, "e3", 0, null),
                row("s1", 900, SESSION, "s1", 0, null)); // the session starts before its first event
        List<InternalRow> out = pack(in);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).getInt(EventPacker.K)).isEqualTo(CONVERSION);
        assertThat(out.get(0).isNullAt(EventPacker.EVENTS)).isTrue();
        assertThat(out.get(1).getInt(EventPacker.K)).isEqualTo(SESSION);
        assertThat(out.get(1).getLong(EventPacker.T)).isEqualTo(900);
        assertThat(events(out.get(1))).containsExactly(event(in.get(0)), event(in.get(1)), event(in.get(3)));
    }

    @Test
    void aLongSessionSendsChunksAheadAndEventsWithoutTheirSessionStillArrive() {
        Random random = new Random(5);
        List<InternalRow> in = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        long t = 10_000;
        int n = EventPacker.CHUNK + 904;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(3) * 1_000_000L; // ties and gaps of seconds
            String breakdown = random.nextInt(10) == 0 ? null : "b" + random.nextInt(3);
            in.add(row("s2", t, EVENT, "e" + i, random.nextInt(16), breakdown));
            expected.add(event(in.get(i)));
        }
        in.add(row("s2", 10_000, SESSION, "s2", 0, null));
        in.add(row("s3", 5, EVENT, "x", 1, "Direct")); // its session row is not in the stream
        List<InternalRow> out = pack(in);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getInt(EventPacker.K)).isEqualTo(EVENT); // the first chunk, timed and named by its first event
        assertThat(out.get(0).getLong(EventPacker.T)).isEqualTo(in.get(0).getLong(EventPacker.T));
        assertThat(out.get(0).getUTF8String(EventPacker.ID)).isEqualTo(u("e0"));
        List<String> back = new ArrayList<>(events(out.get(0)));
        assertThat(back).hasSize(EventPacker.CHUNK);
        assertThat(out.get(1).getInt(EventPacker.K)).isEqualTo(SESSION);
        back.addAll(events(out.get(1)));
        assertThat(back).isEqualTo(expected);
        assertThat(out.get(2).getUTF8String(1)).isEqualTo(u("s3"));
        assertThat(events(out.get(2))).containsExactly(event(in.get(n + 1)));
    }

    @Test
    void packedEventsRoundTripLargeAndNegativeValues() {
        PackedEvents.Writer w = new PackedEvents.Writer(1);
        long[] masks = {Long.MIN_VALUE | 5};
        long[] exclusions = {Long.MAX_VALUE};
        w.add(-7_000_000_000L, u("é"), masks, exclusions, new UTF8String[] {u("")});
        w.add(-7_000_000_001L, u(""), masks, exclusions, new UTF8String[] {u("")});
        byte[] packed = w.finish(1_000_000_000_000L);
        PackedEvents.Cursor c = new PackedEvents.Cursor(packed, 1_000_000_000_000L, "s", 1);
        Iterator<Long> times = List.of(-7_000_000_000L, -7_000_000_001L).iterator();
        int read = 0;
        while (c.advance()) {
            read++;
            assertThat(c.time).isEqualTo(times.next());
            assertThat(c.steps[0]).isEqualTo(masks[0]);
            assertThat(c.exclusions[0]).isEqualTo(Long.MAX_VALUE);
            assertThat(c.breakdowns[0]).isEqualTo(u(""));
        }
        assertThat(read).isEqualTo(2);
        assertThat(c.id).isEqualTo(u(""));
    }
}
