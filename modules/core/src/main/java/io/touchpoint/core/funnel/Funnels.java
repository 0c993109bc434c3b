package io.touchpoint.core.funnel;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.config.ConfigObjects;
import io.touchpoint.core.error.TouchpointException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The configured funnels ({@code touchpoint.funnels}), validated; docs/funnels.md. */
public final class Funnels implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_STEPS = 63; // a step is a bit of a long mask
    private static final Set<String> FUNNEL_KEYS = Set.of("name", "steps", "window", "unit", "mode", "exclusions", "breakdown");
    private static final Set<String> MATCH_KEYS = Set.of("event-name", "page-url", "expression");
    private static final Set<String> STEP_KEYS = union(MATCH_KEYS, Set.of("name"));
    private static final Set<String> EXCLUSION_KEYS = union(MATCH_KEYS, Set.of("from-step", "to-step"));
    /** Breakdown dimensions: the session's channel, the device class of the user agent, or an event column. */
    public static final Set<String> BREAKDOWNS = Set.of("channel", "device", "source", "medium", "campaign", "term",
            "content", "event_name", "page_url", "referrer_url", "user_agent");
    private static final String STEP_EXAMPLE = "{ name = cart, event-name = add_to_cart }";

    private final List<FunnelDefinition> funnels;

    public Funnels(List<FunnelDefinition> funnels) {
        this.funnels = List.copyOf(funnels);
    }

    public List<FunnelDefinition> all() {
        return funnels;
    }

    public static Funnels fromConfig(ConfigValue value, String key) {
        ConfigList list = ConfigObjects.list(value, key, "funnels = [ { name = checkout, steps = [product_view, add_to_cart] } ]");
        List<FunnelDefinition> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String k = key + "[" + i + "]";
            FunnelDefinition f = funnel(ConfigObjects.object(list.get(i), k, "{ name = checkout, steps = [...] }"), k);
            if (!names.add(f.name())) {
                throw TouchpointException.config(k + ".name", f.name(), "Duplicate funnel name", "Give every funnel its own name.");
            }
            out.add(f);
        }
        return new Funnels(out);
    }

    private static FunnelDefinition funnel(ConfigObject o, String k) {
        ConfigObjects.knownKeys(o, k, FUNNEL_KEYS, "funnel");
        String name = ConfigObjects.string(o, "name", k);
        if (name == null) {
            throw TouchpointException.config(k + ".name", "(missing)", "A funnel needs a name", "Add e.g. name = checkout.");
        }
        if (!o.containsKey("steps")) {
            throw TouchpointException.config(k + ".steps", "(missing)", "A funnel needs steps", "Add e.g. steps = [product_view, add_to_cart].");
        }
        ConfigList stepList = ConfigObjects.list(o.get("steps"), k + ".steps", "steps = [product_view, " + STEP_EXAMPLE + "]");
        if (stepList.isEmpty() || stepList.size() > MAX_STEPS) {
            throw TouchpointException.config(k + ".steps", stepList.unwrapped(), "A funnel needs 1 to " + MAX_STEPS + " steps",
                    "List the steps in order, e.g. steps = [product_view, add_to_cart, purchase].");
        }
        List<FunnelDefinition.Step> steps = new ArrayList<>();
        for (int s = 0; s < stepList.size(); s++) {
            steps.add(step(stepList.get(s), k + ".steps[" + s + "]"));
        }
        Duration window = ConfigObjects.positiveDuration(o, "window", k, Duration.ofDays(1));
        FunnelDefinition.Unit unit = unit(ConfigObjects.string(o, "unit", k), k + ".unit");
        Set<FunnelMode> modes = EnumSet.noneOf(FunnelMode.class);
        if (o.containsKey("mode")) {
            ConfigList m = ConfigObjects.list(o.get("mode"), k + ".mode", "mode = [strict_order]");
            for (int i = 0; i < m.size(); i++) {
                modes.add(FunnelMode.parse(k + ".mode[" + i + "]", String.valueOf(m.get(i).unwrapped())));
            }
        }
        List<FunnelDefinition.ExclusionDefinition> exclusions = new ArrayList<>();
        if (o.containsKey("exclusions")) {
            ConfigList ex = ConfigObjects.list(o.get("exclusions"), k + ".exclusions",
                    "exclusions = [ { event-name = refund, from-step = 1, to-step = 2 } ]");
            for (int i = 0; i < ex.size(); i++) {
                String ek = k + ".exclusions[" + i + "]";
                ConfigObject e = ConfigObjects.object(ex.get(i), ek, "{ event-name = refund, from-step = 1, to-step = 2 }");
                ConfigObjects.knownKeys(e, ek, EXCLUSION_KEYS, "exclusion");
                int from = ConfigObjects.integer(e, "from-step", ek, 1);
                int to = ConfigObjects.integer(e, "to-step", ek, steps.size());
                if (from < 1 || to > steps.size() || from >= to) {
                    throw TouchpointException.config(ek, "from-step = " + from + ", to-step = " + to,
                            "Exclusion steps must satisfy 1 <= from-step < to-step <= " + steps.size(),
                            "Name the two steps (1-based) between which the event disqualifies an attempt.");
                }
                exclusions.add(new FunnelDefinition.ExclusionDefinition(match(e, ek), from, to));
            }
        }
        String breakdown = ConfigObjects.string(o, "breakdown", k);
        if (breakdown != null && !BREAKDOWNS.contains(breakdown)) {
            throw TouchpointException.config(k + ".breakdown", breakdown, "Unknown breakdown",
                    "Use one of: " + String.join(", ", BREAKDOWNS.stream().sorted().toList()) + ".");
        }
        return new FunnelDefinition(name, steps, window, unit, modes, exclusions, breakdown);
    }

    /** A step: an event name as shorthand, or an object with a name and match keys. */
    private static FunnelDefinition.Step step(ConfigValue v, String k) {
        if (v.valueType() == ConfigValueType.STRING) {
            String event = (String) v.unwrapped();
            if (event.isBlank()) {
                throw TouchpointException.config(k, "\"\"", "Value must not be empty", "Write an event name or " + STEP_EXAMPLE + ".");
            }
            return new FunnelDefinition.Step(event, new StepMatch(event, null, null, null, null));
        }
        ConfigObject o = ConfigObjects.object(v, k, STEP_EXAMPLE);
        ConfigObjects.knownKeys(o, k, STEP_KEYS, "step");
        StepMatch m = match(o, k);
        String name = ConfigObjects.string(o, "name", k);
        if (name == null) {
            name = m.eventName();
        }
        if (name == null) {
            throw TouchpointException.config(k + ".name", "(missing)", "A step needs a name", "Add e.g. name = cart.");
        }
        return new FunnelDefinition.Step(name, m);
    }

    private static StepMatch match(ConfigObject o, String k) {
        String event = ConfigObjects.string(o, "event-name", k);
        String expression = ConfigObjects.string(o, "expression", k);
        String equals = null;
        String contains = null;
        String regex = null;
        if (o.containsKey("page-url")) {
            String pk = k + ".page-url";
            ConfigObject p = ConfigObjects.object(o.get("page-url"), pk, "page-url { contains = \"/cart\" }");
            if (p.size() != 1) {
                throw TouchpointException.config(pk, p.unwrapped(), "page-url needs exactly one of equals, contains or regex",
                        "Write e.g. page-url { contains = \"/cart\" }.");
            }
            ConfigObjects.knownKeys(p, pk, Set.of("equals", "contains", "regex"), "page-url");
            equals = ConfigObjects.string(p, "equals", pk);
            contains = ConfigObjects.string(p, "contains", pk);
            regex = ConfigObjects.string(p, "regex", pk);
            if (regex != null) {
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw TouchpointException.config(pk + ".regex", regex, "Invalid regular expression (" + e.getDescription() + ")",
                            "Fix the pattern (Java regex syntax).");
                }
            }
        }
        if (event == null && expression == null && !o.containsKey("page-url")) {
            throw TouchpointException.config(k, o.unwrapped(), "Nothing to match",
                    "Give event-name, page-url { equals | contains | regex } or expression (Spark SQL).");
        }
        return new StepMatch(event, equals, contains, regex, expression);
    }

    private static FunnelDefinition.Unit unit(String value, String k) {
        if (value == null || value.equals("person")) {
            return FunnelDefinition.Unit.PERSON;
        }
        if (value.equals("session")) {
            return FunnelDefinition.Unit.SESSION;
        }
        if (value.equals("account")) {
            return FunnelDefinition.Unit.ACCOUNT;
        }
        throw TouchpointException.config(k, value, "Unknown funnel unit", "Use person, session or account.");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
