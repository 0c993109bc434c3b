package io.touchpoint.core.attribution;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Journeys and credits of in-memory sessions and conversions: the reference the Spark binding is
 * tested against, and a way to attribute small data without Spark.
 */
public final class AttributionPipeline {
    private AttributionPipeline() {
    }

    /** One conversion's journey and the credits of every model (in the config's model order). */
    public record Attributed(Conversion conversion, Journey journey, List<double[]> credits) {
    }

    public static List<Attributed> run(List<Session> sessions, List<Conversion> conversions, AttributionConfig config) {
        return run(sessions, conversions, config, person -> person);
    }

    /**
     * Journeys of units of people: with {@code unitOf} giving each person's account (or the person
     * themself when they have none), the account journeys of {@code attribution.unit = account}.
     */
    public static List<Attributed> run(List<Session> sessions, List<Conversion> conversions, AttributionConfig config,
                                       java.util.function.UnaryOperator<String> unitOf) {
        // The order the builder needs: by unit, then time; at equal times sessions first.
        record Item(String person, long time, int kind, String id, Session session, Conversion conversion) {
        }
        List<Item> items = new ArrayList<>();
        sessions.forEach(s -> items.add(new Item(unitOf.apply(s.personId()), s.startMicros(), 0, s.sessionId(), s, null)));
        conversions.forEach(c -> items.add(new Item(unitOf.apply(c.personId()), c.timeMicros(), 1, c.conversionId(), null, c)));
        items.sort(Comparator.comparing(Item::person).thenComparingLong(Item::time).thenComparingInt(Item::kind)
                .thenComparing(Item::id));
        List<Attributed> out = new ArrayList<>();
        JourneyBuilder builder = new JourneyBuilder(config, (c, j, credits) -> out.add(new Attributed(c, j, credits)));
        for (Item i : items) {
            if (i.session() != null) {
                builder.session(i.person(), touchpoint(i.session()));
            } else {
                builder.conversion(i.person(), i.conversion());
            }
        }
        return out;
    }

    /** A session as a touchpoint of journeys. */
    public static Touchpoint touchpoint(Session s) {
        return new Touchpoint(s.sessionId(), s.startMicros(), s.channel(), s.source().source(), s.source().medium(),
                s.source().campaign(), s.personId());
    }
}
