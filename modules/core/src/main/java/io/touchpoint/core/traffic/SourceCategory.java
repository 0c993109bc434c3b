package io.touchpoint.core.traffic;

/** GA4 source category of a traffic source, used by the channel rules ({@code source-category = SEARCH}). */
public enum SourceCategory {
    SEARCH, SOCIAL, SHOPPING, VIDEO
}
