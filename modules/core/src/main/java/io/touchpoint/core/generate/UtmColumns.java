package io.touchpoint.core.generate;

/** The five utm_* columns as a tracker that parsed the landing URL would have filled them. */
record UtmColumns(String source, String medium, String campaign, String term, String content) {
    static final UtmColumns EMPTY = new UtmColumns("", "", "", "", "");
}
