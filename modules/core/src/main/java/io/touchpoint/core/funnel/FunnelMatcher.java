package io.touchpoint.core.funnel;
// TEMPORARY STUB (greedy), replaced by the real implementation.
public final class FunnelMatcher implements java.io.Serializable {
  private final FunnelSpec spec; private long[] times; private int level; private String bd;
  public FunnelMatcher(FunnelSpec spec) { this.spec = spec; reset(); }
  public void reset() { times = new long[spec.steps()]; level = 0; bd = null; }
  public void accept(long t, long stepMask, long exclusionMask, String breakdown) {
    if (level < spec.steps() && (stepMask & (1L << level)) != 0 && (level == 0 || t - times[0] <= spec.windowMicros())) {
      if (level == 0) bd = breakdown; times[level++] = t; }
  }
  public FunnelResult result() { return new FunnelResult(level, java.util.Arrays.copyOf(times, level), bd); }
}
