package io.touchpoint.core.attribution;

/**
 * A parameter of a built-in model.
 *
 * @param name parameter name, e.g. {@code half_life}
 * @param defaultValue canonical default value, e.g. {@code 7d}
 * @param description what it means and which values it allows
 */
public record ParamInfo(String name, String defaultValue, String description) {
}
