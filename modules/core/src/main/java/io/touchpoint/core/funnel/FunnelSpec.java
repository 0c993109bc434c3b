package io.touchpoint.core.funnel;
// TEMPORARY STUB, replaced by the real implementation.
public record FunnelSpec(String name, int steps, long windowMicros, java.util.Set<FunnelMode> modes, java.util.List<Exclusion> exclusions) implements java.io.Serializable {}
