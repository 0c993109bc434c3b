package io.touchpoint.spark.ingest;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.StepMatch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of an event's long text columns travel past ingest. A run that writes the events and
 * sessions tables carries them all ({@link #ALL}); a run that only needs the summary results
 * (sessions, conversions, credits, funnel progress) carries only what its goals and funnels read
 * ({@link #forSummaries}). The others are read and validated like any column, then left null, so
 * the shuffles and sorts do not move them: they are the widest columns of a visit log (user agent,
 * page and referrer URLs), about half of its bytes. Spark's optimiser would prune them itself if
 * the passes were SQL; the passes are Java, so the run says what it reads. The events table's
 * {@code device_category} and {@code browser_family} are read from {@code user_agent} in the
 * visitor pass, so they are null too where it is dropped: only in runs that write no events table.
 * (Whether the events table keeps {@code user_agent} itself is {@code privacy.store-user-agent},
 * decided when the table is written: the agent still travels for funnels' device breakdowns.)
 *
 * @param pageUrl whether {@code page_url} travels (likewise the others)
 */
public record CarriedColumns(boolean pageUrl, boolean referrerUrl, boolean userAgent) implements Serializable {
    /** The columns a summary run may leave behind: no goal, session rule or model reads them. */
    public static final List<String> PRUNABLE = List.of("page_url", "referrer_url", "user_agent");

    /** Every column: what the events and sessions tables need. */
    public static final CarriedColumns ALL = new CarriedColumns(true, true, true);

    /** Every column but {@code dropped}, which must be among {@link #PRUNABLE}. */
    public static CarriedColumns dropping(Set<String> dropped) {
        if (!PRUNABLE.containsAll(dropped)) {
            throw new IllegalArgumentException("Only " + PRUNABLE + " can be dropped, not " + dropped);
        }
        return new CarriedColumns(!dropped.contains("page_url"), !dropped.contains("referrer_url"),
                !dropped.contains("user_agent"));
    }

    /** The {@link #PRUNABLE} columns left null after validation. */
    public Set<String> dropped() {
        Set<String> dropped = new TreeSet<>();
        boolean[] carried = {pageUrl, referrerUrl, userAgent};
        for (int i = 0; i < carried.length; i++) {
            if (!carried[i]) {
                dropped.add(PRUNABLE.get(i));
            }
        }
        return dropped;
    }

}
