package io.touchpoint.core.conversion;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A conversion goal: which events count as conversions and what each is worth.
 *
 * <p>An event matches when every condition that is set holds: its {@code event_name} equals
 * {@code eventName}; its {@code page_url} equals {@code pageUrlEquals}; {@code pageUrlRegex} is
 * found in its {@code page_url} (anchor with ^ and $ for a whole-URL match).
 *
 * @param value fixed value of each conversion; null = the event's revenue (0 when it has none)
 */
public record Goal(String name, String eventName, String pageUrlEquals, Pattern pageUrlRegex, Double value)
        implements Serializable {

    public boolean matches(String event, String pageUrl) {
        if (eventName != null && !eventName.equals(event)) {
            return false;
        }
        if (pageUrlEquals != null && !pageUrlEquals.equals(pageUrl)) {
            return false;
        }
        return pageUrlRegex == null || (pageUrl != null && pageUrlRegex.matcher(pageUrl).find());
    }

    /** The conversion value of a matching event with this revenue (null = none). */
    public double valueOf(Double revenue) {
        if (value != null) {
            return value;
        }
        return revenue == null ? 0.0 : revenue;
    }
}
