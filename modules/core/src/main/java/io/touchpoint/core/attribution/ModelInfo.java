package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public record ModelInfo(String name, String description, java.util.List<ParamInfo> params) {}
