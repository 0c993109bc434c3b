package io.touchpoint.core.funnel;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One configured funnel ({@code touchpoint.funnels[i]}), as written in the config; docs/funnels.md.
 *
 * @param breakdown the breakdown dimension (a column of the events, {@code channel} or {@code device}), or null
 */
public record FunnelDefinition(String name, List<Step> steps, Duration window, Unit unit, Set<FunnelMode> modes,
                               List<ExclusionDefinition> exclusions, String breakdown) implements Serializable {

    public FunnelDefinition {
        steps = List.copyOf(steps);
        modes = Set.copyOf(modes);
        exclusions = List.copyOf(exclusions);
    }

    /**
     * What a funnel counts: people (across their devices and sessions), single sessions, or
     * accounts (the events of every person of an account together; a person without an account is
     * an account of one, docs/accounts.md).
     */
    public enum Unit {
        PERSON, SESSION, ACCOUNT
    }

    /** A named step. */
    public record Step(String name, StepMatch match) implements Serializable {
    }

    /** An event that disqualifies an attempt between two steps (1-based, from &lt; to). */
    public record ExclusionDefinition(StepMatch match, int fromStep, int toStep) implements Serializable {
    }

    /**
     * Whether this funnel must see the unit's events that match none of its steps and exclusions:
     * only {@code strict_order} is broken by them; for every other mode they change no attempt
     * (docs/funnels.md), so they need not be shuffled to, or fed to, its matchers.
     */
    public boolean needsEventsMatchingNothing() {
        return modes.contains(FunnelMode.STRICT_ORDER);
    }

    /** The matcher's view of this funnel. */
    public FunnelSpec spec() {
        long window = Math.addExact(Math.multiplyExact(this.window.toSeconds(), 1_000_000L), this.window.toNanosPart() / 1000);
        return new FunnelSpec(name, steps.size(), window, modes,
                exclusions.stream().map(e -> new Exclusion(e.fromStep(), e.toStep())).toList());
    }
}
