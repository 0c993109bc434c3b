package io.touchpoint.core.spend;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * What a cost is joined on: the day, the channel and the campaign, spelled as sessions spell them
 * (see {@link #of}), so that it meets the {@code attribution_summary} row of the same
 * {@code conversion_date}, {@code channel} and {@code campaign}.
 */
public record SpendKey(LocalDate date, String channel, String campaign) implements Comparable<SpendKey>, Serializable {
    /** A session's campaign when its traffic source has none (GA4's spelling). */
    public static final String NO_CAMPAIGN = io.touchpoint.core.traffic.TrafficSource.NOT_SET;

    private static final Comparator<SpendKey> ORDER = Comparator.comparing(SpendKey::date)
            .thenComparing(SpendKey::channel).thenComparing(SpendKey::campaign);

    public SpendKey {
        Objects.requireNonNull(date);
        Objects.requireNonNull(channel);
        Objects.requireNonNull(campaign);
    }

    /**
     * The key of a spend row. Sessions keep a campaign as its link carried it, only trimmed (the
     * case is kept: {@code Spring_Sale} and {@code spring_sale} are two campaigns), and name a
     * missing one {@code (not set)}; the spend file's campaign is normalised the same way, so an
     * empty campaign meets the sessions that had none. The channel is trimmed and compared exactly.
     */
    public static SpendKey of(LocalDate date, String channel, String campaign) {
        String c = campaign == null ? "" : campaign.strip();
        return new SpendKey(date, channel.strip(), c.isEmpty() ? NO_CAMPAIGN : c);
    }

    @Override
    public int compareTo(SpendKey o) {
        return ORDER.compare(this, o);
    }
}
