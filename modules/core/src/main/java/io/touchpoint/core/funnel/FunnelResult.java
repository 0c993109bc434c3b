package io.touchpoint.core.funnel;
// TEMPORARY STUB, replaced by the real implementation.
public record FunnelResult(int level, long[] stepTimesMicros, String breakdown) {}
