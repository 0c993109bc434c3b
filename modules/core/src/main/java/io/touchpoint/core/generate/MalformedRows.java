package io.touchpoint.core.generate;

import java.util.Arrays;

/**
 * Deliberately broken lines, one kind after the other, spread evenly through the file so the
 * engine's validation is exercised everywhere, not only at the start or end.
 */
final class MalformedRows {
    private static final int KINDS = 8;
    private static final int TIME = 1;
    private static final int VISITOR = 2;
    private static final int EVENT_NAME = 4;
    private static final int PAGE_URL = 5;
    private static final int REFERRER = 6;
    private static final int REVENUE = 12;

    private final int total;
    private final int visitors;
    private final String purchaseUrl;
    private final String purchaseReferrer;
    private int written;

    MalformedRows(int total, int visitors) {
        this(total, visitors, Pages.THANK_YOU.url(), Pages.CHECKOUT.url());
    }

    /** As the shop's, with the pages a bad-revenue "purchase" row claims to come from. */
    MalformedRows(int total, int visitors, String purchaseUrl, String purchaseReferrer) {
        this.total = total;
        this.visitors = visitors;
        this.purchaseUrl = purchaseUrl;
        this.purchaseReferrer = purchaseReferrer;
    }

    /** Whether another line is due once {@code visitorsDone} visitors are generated; all are due at the end. */
    boolean due(int visitorsDone) {
        return written < total && (long) visitorsDone * (total + 1) >= (long) (written + 1) * visitors;
    }

    /** The next broken line, built from a real event row so everything else about it looks normal. */
    String next(String eventId, String[] base) {
        String[] row = base.clone();
        row[0] = eventId;
        int kind = written++ % KINDS;
        switch (kind) {
            case 0 -> row[TIME] = "yesterday";
            case 1 -> row[TIME] = "2026-13-45T99:00:00Z";
            case 2 -> row[VISITOR] = "";
            case 3 -> row[EVENT_NAME] = "";
            case 4, 5 -> {
                row[EVENT_NAME] = "purchase";
                row[PAGE_URL] = purchaseUrl;
                row[REFERRER] = purchaseReferrer;
                row[REVENUE] = kind == 4 ? "12,50 EUR" : "abc";
            }
            case 6 -> {
                // A truncated line, as from a crashed writer: three fields only.
                return CsvWriter.format(Arrays.copyOf(row, 3));
            }
            default -> {
                // A quote opened at event_time and never closed: the rest of the line becomes one field,
                // so the time is unparseable and the visitor and event name are missing.
                String tail = String.join(",", Arrays.copyOfRange(row, TIME, row.length)).replace("\"", "");
                return row[0] + ",\"" + tail;
            }
        }
        return CsvWriter.format(row);
    }

    int count() {
        return written;
    }
}
