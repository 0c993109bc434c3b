package io.touchpoint.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Pulls a sorted partition through a push-style core component (sessioniser, journey builder,
 * funnel matchers): each input row is pushed in, whatever the component emits is handed out, and
 * at most the output of one input row (plus the final flush) is buffered.
 */
public abstract class StreamingPass implements Iterator<Row> {
    private final Iterator<Row> in;
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private boolean finished;

    protected StreamingPass(Iterator<Row> in) {
        this.in = in;
    }

    /** Feeds one input row to the component. */
    protected abstract void push(Row row);

    /** Called once after the last input row, to flush what the component still holds. */
    protected void end() {
    }

    /** Queues an output row. */
    protected final void emit(Row row) {
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
    public final Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.poll();
    }
}
