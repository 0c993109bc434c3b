package io.touchpoint.core.attribution.fitted;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mergeable statistics of a Markov chain attribution model of order k (issue 21, part 3):
 * transition counts between states, gathered journey by journey (converting or not) in any number
 * of pieces and merged, then solved once ({@link MarkovChain#solve}).
 *
 * <p>States: {@link #START}, the absorbing {@link #CONVERSION} and {@link #NULL}, and for order k
 * the last k channels of the journey so far, oldest first (fewer at its start: a journey
 * {@code A > B > C} of order 2 visits {@code (A)}, {@code (A, B)}, {@code (B, C)}). Consecutive
 * touchpoints of one channel are a self-transition ({@code (A) -> (A)}), as in ChannelAttribution,
 * unless repeats are collapsed ({@code A > A > B} read as {@code A > B}). A journey ends in
 * {@link #CONVERSION} when it converted, else in {@link #NULL}.
 */
public final class MarkovCounts implements Serializable {
    /** The state every journey starts in. */
    public static final String START = "(start)";
    /** The absorbing state of a converting journey. */
    public static final String CONVERSION = "(conversion)";
    /** The absorbing state of a journey that did not convert. */
    public static final String NULL = "(null)";
    /** Joins the channels of an order-k state's key; a channel name never holds it. */
    static final char SEPARATOR = '\u001f';

    private final int order;
    private final boolean collapseRepeats;
    /** From state key to next state key to the number of times the transition was taken. */
    private final Map<String, Map<String, Long>> transitions = new HashMap<>();
    private long conversions;
    private double value;
    private long journeys;

    /**
     * @param order 1 to 4: how many of the latest channels a state remembers
     * @param collapseRepeats read consecutive touchpoints of one channel as one
     */
    public MarkovCounts(int order, boolean collapseRepeats) {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("A Markov chain of order 1 to 4, not " + order);
        }
        this.order = order;
        this.collapseRepeats = collapseRepeats;
    }

    public int order() {
        return order;
    }

    public boolean collapseRepeats() {
        return collapseRepeats;
    }

    /**
     * Counts one journey ({@code times} identical ones).
     *
     * @param channels the journey's touchpoints' channels in journey order; empty journeys are not counted
     * @param converted whether it ends in a conversion
     * @param value the conversion's value (0 for a journey that did not convert)
     */
    public void add(List<String> channels, boolean converted, double value, long times) {
        Objects.requireNonNull(channels, "channels");
        if (channels.isEmpty() || times <= 0) {
            return;
        }
        journeys += times;
        if (converted) {
            conversions += times;
            this.value += value * times;
        }
        List<String> path = collapseRepeats ? collapse(channels) : channels;
        String from = START;
        for (int i = 0; i < path.size(); i++) {
            String to = key(path.subList(Math.max(0, i + 1 - order), i + 1));
            count(from, to, times);
            from = to;
        }
        count(from, converted ? CONVERSION : NULL, times);
    }

    private void count(String from, String to, long times) {
        transitions.computeIfAbsent(from, x -> new HashMap<>()).merge(to, times, Long::sum);
    }

    /** This and {@code other} together (they must be of the same order and repeat rule); returns this. */
    public MarkovCounts merge(MarkovCounts other) {
        if (other.order != order || other.collapseRepeats != collapseRepeats) {
            throw new IllegalArgumentException("Merging Markov counts of order " + other.order + " into order " + order);
        }
        other.transitions.forEach((from, tos) -> tos.forEach((to, n) -> count(from, to, n)));
        conversions += other.conversions;
        value += other.value;
        journeys += other.journeys;
        return this;
    }

    /** From state key to next state key to count; an unmodifiable view. */
    Map<String, Map<String, Long>> transitions() {
        return java.util.Collections.unmodifiableMap(transitions);
    }

    /** Converting journeys counted. */
    public long conversions() {
        return conversions;
    }

    /** Their value. */
    public double value() {
        return value;
    }

    /** Journeys counted, converting or not. */
    public long journeys() {
        return journeys;
    }

    /** The key of the state of {@code channels} (the latest k, oldest first). */
    static String key(List<String> channels) {
        return String.join(String.valueOf(SEPARATOR), channels);
    }

    /** The channel a state was entered by: its latest; null for start, conversion and null. */
    static String latestChannel(String state) {
        if (state.equals(START) || state.equals(CONVERSION) || state.equals(NULL)) {
            return null;
        }
        int at = state.lastIndexOf(SEPARATOR);
        return at < 0 ? state : state.substring(at + 1);
    }

    private static List<String> collapse(List<String> channels) {
        List<String> out = new ArrayList<>(channels.size());
        for (String c : channels) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
