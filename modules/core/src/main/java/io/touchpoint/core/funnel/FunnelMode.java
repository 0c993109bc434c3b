package io.touchpoint.core.funnel;
// TEMPORARY STUB, replaced by the real implementation.
public enum FunnelMode { STRICT_ORDER, STRICT_DEDUPLICATION, STRICT_INCREASE;
  public static FunnelMode parse(String key, String value) { return valueOf(value.toUpperCase(java.util.Locale.ROOT)); } }
