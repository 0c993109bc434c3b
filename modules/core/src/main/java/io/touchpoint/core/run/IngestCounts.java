package io.touchpoint.core.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * What became of every input row: read = accepted + quarantined + duplicates + skipped.
 *
 * @param accepted rows that became events (after dropping duplicates)
 * @param quarantined quarantined rows per reason
 * @param duplicates rows dropped because their event_id repeated one of the same visitor
 * @param skipped deliberately left out rows per reason (bots, static assets, ...)
 * @param adjusted accepted rows changed on their way in, per reason (not a disposition: they are
 *     counted in {@code accepted} too), e.g. {@code dst_gap}: a local time in a daylight-saving gap
 */
public record IngestCounts(long read, long accepted, Map<String, Long> quarantined, long duplicates,
                           Map<String, Long> skipped, Map<String, Long> adjusted) {

    public IngestCounts {
        // Sorted, so summaries and manifests list reasons in a stable order.
        quarantined = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(quarantined));
        skipped = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
        adjusted = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(adjusted));
    }

    /** Counts with nothing adjusted. */
    public IngestCounts(long read, long accepted, Map<String, Long> quarantined, long duplicates, Map<String, Long> skipped) {
        this(read, accepted, quarantined, duplicates, skipped, Map.of());
    }

    public long quarantinedTotal() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The invariant every run checks before it reports success. */
    public boolean reconciles() {
        return read == accepted + quarantinedTotal() + duplicates + skippedTotal();
    }
}
