package io.touchpoint.core.conversion;

import io.touchpoint.core.attribution.Touchpoint;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One conversion: an event matching a goal, with the session it happened in (the journey's
 * last touchpoint).
 *
 * @param conversionId stable id derived from visitor, time, event id and goal
 * @param value the goal's fixed value, else the event's revenue, else 0
 * @param session the converting session as a touchpoint; null for a CRM conversion (docs/crm.md): an
 *     offline outcome is not a visit, its journey is the sessions before it
 * @param conversionDate local date of the conversion in the input time zone
 */
public record Conversion(
        String conversionId,
        String goal,
        String visitorId,
        String personId,
        String eventId,
        String orderId,
        long timeMicros,
        double value,
        Touchpoint session,
        LocalDate conversionDate) implements Serializable {
}
