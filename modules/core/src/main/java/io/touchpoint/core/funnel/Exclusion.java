package io.touchpoint.core.funnel;
// TEMPORARY STUB, replaced by the real implementation.
public record Exclusion(int fromStep, int toStep) implements java.io.Serializable {}
