package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public record Touchpoint(String sessionId, long timeMicros, String channel, String source, String medium, String campaign) implements java.io.Serializable {
  public boolean isDirect() { return "Direct".equals(channel); }
}
