package io.touchpoint.core.generate;

/** One event before it gets its id and textual time; an empty string stands for an empty column. */
record Hit(long epochMillis, String visitorId, String userId, String eventName, String pageUrl,
           String referrerUrl, UtmColumns utm, String revenue, String userAgent) {
}
