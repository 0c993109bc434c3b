package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public record Journey(String conversionId, String goal, long conversionTimeMicros, double value, java.util.List<Touchpoint> touchpoints) implements java.io.Serializable {
  public Journey { touchpoints = java.util.List.copyOf(touchpoints); }
}
