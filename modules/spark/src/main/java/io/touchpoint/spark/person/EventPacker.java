package io.touchpoint.spark.person;

import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.funnel.FunnelColumns;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Folds the funnel events of the visitor pass's output into their sessions' rows before the person
 * shuffle (see {@link PackedEvents}): the sessioniser hands out a session's events, then the session,
 * so each session row leaves carrying its events. A session longer than {@link #CHUNK} events sends
 * the earlier ones ahead as rows of their own (kind event, timed by their first event), and so does
 * a session whose row is not in the stream.
 *
 * <p>In: the pass's per-row columns (person_id, session_id, t, k, id, journey, account, then three
 * per funnel). Out: person_id, session_id (null for a session row, whose id is its session id), t,
 * k, id, journey, account, events.
 */
final class EventPacker extends StreamingPass {
    /** Events in one packed value at most, so one huge session never makes one huge row. */
    static final int CHUNK = 4_096;

    private final int funnels;
    private final int in;
    private final int eventKind;
    private final int sessionKind;
    private final PackedEvents.Writer writer;
    private final long[] steps;
    private final long[] exclusions;
    private final UTF8String[] breakdowns;
    /** The person, session, time and id of the first event held (copies: the input rows are reused). */
    private UTF8String person;
    private UTF8String session;
    private long firstTime;
    private UTF8String firstId;

    /**
     * @param in where funnel 0's columns start
     * @param eventKind the k of an event row; {@code sessionKind} of a session row
     */
    EventPacker(Iterator<InternalRow> rows, int funnels, int in, int eventKind, int sessionKind) {
        super(rows);
        this.funnels = funnels;
        this.in = in;
        this.eventKind = eventKind;
        this.sessionKind = sessionKind;
        this.writer = new PackedEvents.Writer(funnels);
        this.steps = new long[funnels];
        this.exclusions = new long[funnels];
        this.breakdowns = new UTF8String[funnels];
    }

    /** The columns of the rows in (up to the journey) and out, in this order; funnel columns follow in the input. */
    static final java.util.List<String> COLUMNS = java.util.List.of("person_id", "session_id", "t", "k", "id", "journey",
            "account");
    static final int PERSON = COLUMNS.indexOf("person_id");
    static final int SESSION = COLUMNS.indexOf("session_id");
    static final int T = COLUMNS.indexOf("t");
    static final int K = COLUMNS.indexOf("k");
    static final int ID = COLUMNS.indexOf("id");
    static final int JOURNEY = COLUMNS.indexOf("journey");
    /** The row's account claim (its visitor's), read only when the run groups people by account. */
    static final int ACCOUNT = COLUMNS.indexOf("account");
    /** Where an output row keeps its packed events: after the others. */
    static final int EVENTS = COLUMNS.size();

    @Override
    protected void push(InternalRow r) {
        int k = r.getInt(K);
        UTF8String s = r.getUTF8String(SESSION);
        if (k == eventKind) {
            if (writer.count() > 0 && (!s.equals(session) || writer.count() == CHUNK)) {
                flush();
            }
            long t = r.getLong(T);
            UTF8String id = r.isNullAt(ID) ? null : r.getUTF8String(ID);
            if (writer.count() == 0) {
                person = r.getUTF8String(PERSON).copy();
                session = s.copy();
                firstTime = t;
                firstId = id == null ? null : id.copy();
            }
            for (int f = 0; f < funnels; f++) {
                int at = in + FunnelColumns.PER_FUNNEL * f;
                steps[f] = r.getLong(at);
                exclusions[f] = r.getLong(at + 1);
                breakdowns[f] = r.isNullAt(at + 2) ? null : r.getUTF8String(at + 2);
            }
            writer.add(t, id, steps, exclusions, breakdowns);
            return;
        }
        byte[] events = null;
        if (writer.count() > 0) {
            if (k == sessionKind && s.equals(session)) {
                // The session's own row: its events ride in it, timed from its start.
                events = writer.finish(r.getLong(T));
            } else if (k == sessionKind) {
                flush();
            }
        }
        // The output row may point into the input row: Spark copies it before the next is read.
        // A session's id is its session id: not sent twice.
        Object[] out = new Object[EVENTS + 1];
        out[PERSON] = r.getUTF8String(PERSON);
        out[SESSION] = k == sessionKind ? null : s;
        out[T] = r.getLong(T);
        out[K] = k;
        out[ID] = r.isNullAt(ID) ? null : r.getUTF8String(ID);
        out[JOURNEY] = r.isNullAt(JOURNEY) ? null : r.getStruct(JOURNEY, JOURNEY_FIELDS);
        out[ACCOUNT] = r.isNullAt(ACCOUNT) ? null : r.getUTF8String(ACCOUNT);
        out[EVENTS] = events;
        emit(new GenericInternalRow(out));
    }

    @Override
    protected void end() {
        if (writer.count() > 0) {
            flush();
        }
    }

    /** The events held, sent ahead in a row of their own. */
    private void flush() {
        Object[] out = new Object[EVENTS + 1];
        out[PERSON] = person;
        out[SESSION] = session;
        out[T] = firstTime;
        out[K] = eventKind;
        out[ID] = firstId;
        out[EVENTS] = writer.finish(firstTime);
        emit(new GenericInternalRow(out));
    }

    private static final int JOURNEY_FIELDS = io.touchpoint.spark.attribution.JourneyRows.FIELDS.length;
}
