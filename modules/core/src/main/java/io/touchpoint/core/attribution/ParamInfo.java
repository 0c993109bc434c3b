package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public record ParamInfo(String name, String defaultValue, String description) {}
