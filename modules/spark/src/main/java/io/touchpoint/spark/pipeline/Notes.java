package io.touchpoint.spark.pipeline;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.run.IngestCounts;
import io.touchpoint.spark.funnel.FunnelSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run found empty, and why, in a sentence each: no events, no conversions, a funnel nobody
 * entered. An empty result is a normal outcome (every table is still written, exit 0); the notes
 * go to the terminal, the manifest and the report so nobody has to guess.
 */
final class Notes {
    private Notes() {
    }

    static List<String> of(TouchpointConfig config, boolean attribute, IngestCounts c, long sessions, long conversions,
                           List<FunnelSteps.Row> steps) {
        return of(config, attribute, c, sessions, conversions, steps, java.util.Map.of(), java.util.Map.of());
    }

    /**
     * @param consentConversions goal → events left out for want of consent that match it
     * @param consentValueMicros goal → their value in millionths
     */
    static List<String> of(TouchpointConfig config, boolean attribute, IngestCounts c, long sessions, long conversions,
                           List<FunnelSteps.Row> steps, java.util.Map<String, Long> consentConversions,
                           java.util.Map<String, Long> consentValueMicros) {
        List<String> notes = new ArrayList<>();
        String range = config.range().isAll() ? "" : " dated " + config.range();
        if (c.accepted() == 0) {
            notes.add(String.format(Locale.ROOT, "No events%s were accepted: of %,d rows read, %,d were quarantined%s and %,d skipped%s.",
                    range, c.read(), c.quarantinedTotal(), reasons(c.quarantined()), c.skippedTotal(), reasons(c.skipped())));
        }
        if (attribute && conversions == 0 && c.accepted() > 0) {
            boolean crm = config.goals().all().stream().anyMatch(Goal::isCrm);
            notes.add("No conversions" + range + ": no accepted event" + (crm ? " or CRM row with a journey" : "") + " matched a goal ("
                    + config.goals().all().stream().map(Notes::goal).collect(Collectors.joining("; "))
                    + "). The conversion and attribution tables are written empty.");
        }
        long gap = c.adjusted().getOrDefault(io.touchpoint.core.ingest.Reasons.DST_GAP, 0L);
        if (gap > 0) {
            notes.add(String.format(Locale.ROOT, "%,d local event time%s fell in a daylight-saving gap of %s (a time that does"
                    + " not exist there) and %s moved forward by the gap's length (docs/sessions.md#event-times).", gap, gap == 1 ? "" : "s",
                    config.input().timeZone(), gap == 1 ? "was" : "were"));
        }
        long unreadable = c.quarantined().getOrDefault(io.touchpoint.core.ingest.Reasons.UNREADABLE_FILE, 0L);
        if (unreadable > 0) {
            notes.add(String.format(Locale.ROOT, "%,d input file%s could not be read to the end (truncated or corrupt): what"
                    + " could be read was used; see the quarantine table (reason unreadable_file).", unreadable, unreadable == 1 ? "" : "s"));
        }
        long unconsented = c.skipped().getOrDefault(io.touchpoint.core.ingest.Reasons.NO_CONSENT, 0L);
        if (unconsented > 0) {
            String goals = new java.util.TreeMap<>(consentConversions).entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%,d of goal %s (value %,.2f)", e.getValue(), e.getKey(),
                            consentValueMicros.getOrDefault(e.getKey(), 0L) / 1e6))
                    .collect(Collectors.joining(", "));
            notes.add(String.format(Locale.ROOT, "%,d event%s without analytics consent (%s) %s left out of every person-level"
                    + " table and counted in these totals only%s (docs/privacy.md#consent).", unconsented, unconsented == 1 ? "" : "s",
                    config.privacy().consent().column(), unconsented == 1 ? "was" : "were",
                    goals.isEmpty() ? "; none matched a goal" : "; among them conversions: " + goals));
        }
        long erased = c.skipped().getOrDefault(io.touchpoint.core.ingest.Reasons.ERASED, 0L);
        if (erased > 0) {
            notes.add(String.format(Locale.ROOT, "%,d event%s of erased visitors or users %s skipped (touchpoint erase;"
                    + " docs/privacy.md#erasure).", erased, erased == 1 ? "" : "s", erased == 1 ? "was" : "were"));
        }
        for (FunnelDefinition f : config.funnels().all()) {
            boolean entered = steps.stream().anyMatch(s -> s.funnel().equals(f.name()) && s.breakdown().equals(FunnelSteps.ALL)
                    && s.stepIndex() == 1 && s.units() > 0);
            if (attribute && !entered && c.accepted() > 0) {
                notes.add("Funnel " + f.name() + ": no " + f.unit().name().toLowerCase(Locale.ROOT) + " entered it" + range
                        + " (no event matched its first step, " + f.steps().get(0).name() + ").");
            }
        }
        return notes;
    }

    private static String goal(Goal g) {
        List<String> rules = new ArrayList<>();
        if (g.eventName() != null) {
            rules.add("event-name = " + g.eventName());
        }
        if (g.pageUrlEquals() != null) {
            rules.add("page-url = " + g.pageUrlEquals());
        }
        if (g.pageUrlRegex() != null) {
            rules.add("page-url-regex = " + g.pageUrlRegex().pattern());
        }
        if (g.isCrm()) {
            rules.add("crm-stage = " + g.crmStage());
        }
        return g.name() + ": " + String.join(", ", rules);
    }

    private static String reasons(java.util.Map<String, Long> byReason) {
        return byReason.isEmpty() ? "" : " (" + byReason.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
