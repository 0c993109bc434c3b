package io.touchpoint.core.traffic;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a visit came from, in GA4 vocabulary: source, medium, campaign, plus the optional term and content.
 *
 * <p>{@code source}, {@code medium} and {@code campaign} are never null for values produced by
 * {@link SourceResolver}; a missing part is {@link #NOT_SET}. {@code term} and {@code content} are null when absent.
 */
public record TrafficSource(String source, String medium, String campaign, String term, String content)
        implements Serializable {

    /** Placeholder for a missing source, medium or campaign, as GA4 writes it. */
    public static final String NOT_SET = "(not set)";

    /** A visit without campaign parameters, click id or external referrer. */
    public static final TrafficSource DIRECT = new TrafficSource("(direct)", "(none)", NOT_SET, null, null);

    /** True when the source is {@code (direct)}. */
    public boolean isDirect() {
        return DIRECT.source.equals(source);
    }

    /** True when source, medium and campaign are equal; term and content are ignored (they do not start a new visit). */
    public boolean sameSource(TrafficSource other) {
        return other != null
                && Objects.equals(source, other.source)
                && Objects.equals(medium, other.medium)
                && Objects.equals(campaign, other.campaign);
    }
}
