package io.touchpoint.spark.crm;

import io.touchpoint.core.crm.CrmKey;
import io.touchpoint.core.crm.CrmRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM rows keyed by a visitor id or a click id, for the visitor pass (broadcast to its tasks):
 * only there is a visitor's person known, so it is there that such a row joins its person's stream.
 */
public final class CrmLookup implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One row to hand on.
     *
     * @param row its number in the run's CRM input
     * @param epochDay the local date of its time in the input time zone
     */
    public record Entry(long row, CrmRecord record, int epochDay) implements Serializable {
    }

    private final Map<String, List<Entry>> byVisitor = new HashMap<>();
    private final Map<String, List<Entry>> byClick = new HashMap<>();

    void add(Entry e) {
        Map<String, List<Entry>> m = e.record().key() == CrmKey.VISITOR_ID ? byVisitor : byClick;
        m.computeIfAbsent(e.record().keyValue(), k -> new ArrayList<>(1)).add(e);
    }

    public boolean isEmpty() {
        return byVisitor.isEmpty() && byClick.isEmpty();
    }

    /** Whether any row is keyed by a click id (else no page URL need be read for one). */
    public boolean hasClicks() {
        return !byClick.isEmpty();
    }

    /** The rows keyed by this visitor id (empty: none). */
    public List<Entry> ofVisitor(String visitorId) {
        return byVisitor.getOrDefault(visitorId, List.of());
    }

    /** The rows keyed by this click id (empty: none). */
    public List<Entry> ofClick(String clickId) {
        return byClick.getOrDefault(clickId, List.of());
    }
}
