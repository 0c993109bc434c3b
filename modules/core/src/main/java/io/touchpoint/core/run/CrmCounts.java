package io.touchpoint.core.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * What became of a run's CRM rows (docs/crm.md): read = matched + unmatched + skipped.
 *
 * @param unmatched rows of {@code crm_unmatched} by reason
 * @param skipped rows kept nowhere by reason ({@code erased}, {@code outside_range})
 */
public record CrmCounts(long read, long matched, Map<String, Long> unmatched, Map<String, Long> skipped) {
    public CrmCounts {
        unmatched = Map.copyOf(unmatched);
        skipped = Map.copyOf(skipped);
    }

    public long unmatchedTotal() {
        return unmatched.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean reconciles() {
        return read == matched + unmatchedTotal() + skippedTotal();
    }

    /** Sorted by reason, for the manifest. */
    Map<String, Long> unmatchedSorted() {
        return new TreeMap<>(unmatched);
    }

    Map<String, Long> skippedSorted() {
        return new TreeMap<>(skipped);
    }
}
