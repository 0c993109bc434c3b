package io.touchpoint.spark.person;

import java.util.Arrays;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The funnel events of one session (or of a long session's chunk) packed into one binary value,
 * so the person shuffle moves one row per session instead of one per event. An event takes a few
 * bytes: its time as a variable-length delta from the previous one, its id (which breaks ties of
 * time, as the pass's sort did), and per funnel its step and exclusion masks and its breakdown value
 * (written once while it repeats, as a session's channel does).
 *
 * <p>Layout: the event count and the first event's time as a zigzag varint delta from the time of
 * the row the events ride in; then per event: zigzag varint time delta from the previous event (0
 * for the first), varint id length + 1 (0 for null) and its bytes, then per funnel: varint step mask,
 * varint exclusion mask, and a breakdown tag (0 null, 1 as the previous event's, else length + 2
 * followed by the bytes).
 */
final class PackedEvents {
    private PackedEvents() {
    }

    /** Packs events one by one; {@link #finish} hands the bytes out and starts over. */
    static final class Writer {
        private final int funnels;
        private byte[] buf = new byte[256];
        private int pos;
        private int count;
        private long firstTime;
        private long lastTime;
        private final UTF8String[] lastBreakdown;

        Writer(int funnels) {
            this.funnels = funnels;
            this.lastBreakdown = new UTF8String[funnels];
        }

        int count() {
            return count;
        }

        /**
         * Adds an event.
         *
         * @param steps step masks by funnel; {@code exclusions} likewise; {@code breakdowns} the values (null for none)
         */
        void add(long time, UTF8String id, long[] steps, long[] exclusions, UTF8String[] breakdowns) {
            if (count == 0) {
                firstTime = time;
                lastTime = time;
                Arrays.fill(lastBreakdown, null);
            }
            count++;
            long delta = time - lastTime;
            lastTime = time;
            varint((delta << 1) ^ (delta >> 63));
            bytes(id, 1);
            for (int f = 0; f < funnels; f++) {
                varint(steps[f]);
                varint(exclusions[f]);
                UTF8String b = breakdowns[f];
                if (b == null) {
                    varint(0);
                    lastBreakdown[f] = null;
                } else if (b.equals(lastBreakdown[f])) {
                    varint(1);
                } else {
                    bytes(b, 2);
                    lastBreakdown[f] = b.copy(); // the caller's row is reused
                }
            }
        }

        /**
         * The events added since the last call, packed.
         *
         * @param rowTime the time of the row they will ride in
         */
        byte[] finish(long rowTime) {
            long delta = firstTime - rowTime;
            long zigzag = (delta << 1) ^ (delta >> 63);
            byte[] out = new byte[varintSize(count) + varintSize(zigzag) + pos];
            int at = put(out, put(out, 0, count), zigzag);
            System.arraycopy(buf, 0, out, at, pos);
            pos = 0;
            count = 0;
            return out;
        }

        private void bytes(UTF8String s, int offset) {
            if (s == null) {
                varint(0);
                return;
            }
            int n = s.numBytes();
            varint(n + offset);
            ensure(n);
            s.writeToMemory(buf, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET + pos);
            pos += n;
        }

        private void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        private static int put(byte[] out, int at, long v) {
            while ((v & ~0x7FL) != 0) {
                out[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[at++] = (byte) v;
            return at;
        }

        private static int varintSize(long v) {
            int n = 1;
            while ((v & ~0x7FL) != 0) {
                v >>>= 7;
                n++;
            }
            return n;
        }
    }

    /** Reads packed events one at a time; the current event's values are its fields. */
    static final class Cursor {
        final String session;
        final long[] steps;
        final long[] exclusions;
        final UTF8String[] breakdowns;
        long time;
        UTF8String id;
        private final byte[] data;
        private int pos;
        private int left;

        /** @param rowTime the time of the row the events rode in */
        Cursor(byte[] data, long rowTime, String session, int funnels) {
            this.data = data;
            this.session = session;
            this.steps = new long[funnels];
            this.exclusions = new long[funnels];
            this.breakdowns = new UTF8String[funnels];
            this.left = (int) varint();
            long z = varint();
            this.time = rowTime + ((z >>> 1) ^ -(z & 1));
        }

        /** Moves to the next event; false when there is none. */
        boolean advance() {
            if (left == 0) {
                return false;
            }
            left--;
            long z = varint();
            time += (z >>> 1) ^ -(z & 1);
            id = string(1);
            for (int f = 0; f < steps.length; f++) {
                steps[f] = varint();
                exclusions[f] = varint();
                int tag = (int) varint();
                if (tag == 0) {
                    breakdowns[f] = null;
                } else if (tag >= 2) {
                    breakdowns[f] = utf8(tag - 2);
                }
            }
            return true;
        }

        /** The pass's order of events: time, then id (nulls first), as its sort had it. */
        static int compare(Cursor a, Cursor b) {
            if (a.time != b.time) {
                return Long.compare(a.time, b.time);
            }
            if (a.id == null || b.id == null) {
                return a.id == null ? (b.id == null ? 0 : -1) : 1;
            }
            return a.id.binaryCompare(b.id);
        }

        private UTF8String string(int offset) {
            int n = (int) varint();
            return n == 0 ? null : utf8(n - offset);
        }

        private UTF8String utf8(int n) {
            UTF8String s = UTF8String.fromBytes(data, pos, n);
            pos += n;
            return s;
        }

        private long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }
    }
}
