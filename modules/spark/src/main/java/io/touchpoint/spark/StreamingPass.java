package io.touchpoint.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Pulls a sorted partition through a push-style core component (sessioniser, journey builder,
 * funnel matchers): each input row is pushed in, whatever the component emits is handed out, and
 * at most the output of one input row (plus the final flush) is buffered.
 *
 * <p>Input and output are Spark's own rows. An input row may be reused by Spark for the next one,
 * so {@link #push} copies what it keeps; an output row may point into the input row it came from,
 * as Spark copies every output row before it asks for the next.
 */
public abstract class StreamingPass implements Iterator<InternalRow> {
    private final Iterator<InternalRow> in;
    private final ArrayDeque<InternalRow> out = new ArrayDeque<>();
    private boolean finished;

    protected StreamingPass(Iterator<InternalRow> in) {
        this.in = in;
    }

    /** Feeds one input row to the component. */
    protected abstract void push(InternalRow row);

    /** Called once after the last input row, to flush what the component still holds. */
    protected void end() {
    }

    /** Queues an output row. */
    protected final void emit(InternalRow row) {
        out.add(row);
    }

    @Override
    public final boolean hasNext() {
        while (out.isEmpty() && !finished) {
            if (in.hasNext()) {
                push(in.next());
            } else {
                end();
                finished = true;
            }
        }
        return !out.isEmpty();
    }

    @Override
    public final InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.poll();
    }
}
