package io.touchpoint.core.funnel;

import java.io.Serializable;

/**
 * What an event must be to match a funnel step or exclusion. Every condition that is set must
 * hold: {@code event_name} equals {@code eventName}; {@code page_url} equals / contains / matches
 * (regex, found anywhere) the given text; {@code expression}, a Spark SQL boolean over the event
 * columns, is true. The Spark binding turns it into a column expression.
 */
public record StepMatch(String eventName, String pageUrlEquals, String pageUrlContains, String pageUrlRegex,
                        String expression) implements Serializable {
}
