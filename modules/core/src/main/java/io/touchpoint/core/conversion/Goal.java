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
 * <p>A CRM goal ({@code crm-stage = closed_won}) matches no event: it matches the rows of the CRM
 * input ({@code touchpoint.crm}) at that stage, its value their {@code value} (docs/crm.md).
 *
 * @param value fixed value of each conversion; null = the event's revenue, or the CRM row's value (0 when it has none)
 * @param crmStage the CRM stage this goal counts (e.g. {@code closed_won}); null for a web goal
 */
public record Goal(String name, String eventName, String pageUrlEquals, Pattern pageUrlRegex, Double value, String crmStage)
        implements Serializable {

    /** A web goal: events match it. */
    public Goal(String name, String eventName, String pageUrlEquals, Pattern pageUrlRegex, Double value) {
        this(name, eventName, pageUrlEquals, pageUrlRegex, value, null);
    }

    /** Whether this goal counts CRM rows, not events. */
    public boolean isCrm() {
        return crmStage != null;
    }

    public boolean matches(String event, String pageUrl) {
        if (crmStage != null) {
            return false; // a CRM outcome is not a visit: no event is one
        }
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
