package io.touchpoint.core.conversion;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.config.ConfigObjects;
import io.touchpoint.core.error.TouchpointException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The configured goals ({@code touchpoint.conversions.goals}), in config order. */
public final class Goals implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYS = Set.of("name", "event-name", "page-url", "value", "crm-stage");

    private final List<Goal> goals;

    public Goals(List<Goal> goals) {
        this.goals = List.copyOf(goals);
    }

    public List<Goal> all() {
        return goals;
    }

    /**
     * Parses the config list, e.g.
     * {@code [ { name = purchase, event-name = purchase }, { name = signup, page-url { regex = "/welcome$" }, value = 5 } ]}.
     */
    public static Goals fromConfig(ConfigValue value, String key) {
        if (!(value instanceof ConfigList list)) {
            throw TouchpointException.config(key, value.unwrapped(), "Goals must be a list",
                    "Write e.g. goals = [ { name = purchase, event-name = purchase } ].");
        }
        List<Goal> goals = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String k = key + "[" + i + "]";
            if (!(list.get(i) instanceof ConfigObject o)) {
                throw TouchpointException.config(k, list.get(i).unwrapped(), "A goal must be an object",
                        "Write e.g. { name = purchase, event-name = purchase }.");
            }
            Goal g = goal(o, k);
            if (!names.add(g.name())) {
                throw TouchpointException.config(k + ".name", g.name(), "Duplicate goal name", "Give every goal its own name.");
            }
            goals.add(g);
        }
        return new Goals(goals);
    }

    private static Goal goal(ConfigObject o, String k) {
        ConfigObjects.knownKeys(o, k, KEYS, "goal");
        String name = ConfigObjects.string(o, "name", k);
        if (name == null || name.isBlank()) {
            throw TouchpointException.config(k + ".name", name, "A goal needs a name", "Add e.g. name = purchase.");
        }
        String eventName = ConfigObjects.string(o, "event-name", k);
        String crmStage = ConfigObjects.string(o, "crm-stage", k);
        if (crmStage != null) {
            if (crmStage.isBlank()) {
                throw TouchpointException.config(k + ".crm-stage", crmStage, "A CRM goal needs a stage name",
                        "Write e.g. crm-stage = closed_won (the stage as the CRM export writes it).");
            }
            if (eventName != null || o.containsKey("page-url")) {
                throw TouchpointException.config(k, o.unwrapped(), "A goal is either a CRM stage or web events, not both",
                        "Keep crm-stage (the CRM rows at that stage count), or event-name/page-url (events count), not both.");
            }
        }
        String equals = null;
        Pattern regex = null;
        ConfigValue page = o.get("page-url");
        if (page != null) {
            if (!(page instanceof ConfigObject p) || p.size() != 1
                    || !(p.containsKey("equals") || p.containsKey("regex"))) {
                throw TouchpointException.config(k + ".page-url", page.unwrapped(), "page-url needs exactly one of equals or regex",
                        "Write page-url { equals = \"https://shop.example.com/thank-you\" } or page-url { regex = \"/thank-you\" }.");
            }
            equals = ConfigObjects.string(p, "equals", k + ".page-url");
            String re = ConfigObjects.string(p, "regex", k + ".page-url");
            if (re != null) {
                try {
                    regex = Pattern.compile(re);
                } catch (PatternSyntaxException e) {
                    throw TouchpointException.config(k + ".page-url.regex", re, "Invalid regular expression (" + e.getDescription() + ")",
                            "Fix the pattern (Java regex syntax).");
                }
            }
        }
        if (eventName == null && page == null && crmStage == null) {
            throw TouchpointException.config(k, o.unwrapped(), "A goal needs event-name, page-url or crm-stage",
                    "Add event-name = purchase, page-url { regex = \"/thank-you\" }, or crm-stage = closed_won (with touchpoint.crm).");
        }
        Double fixed = null;
        ConfigValue v = o.get("value");
        if (v != null) {
            if (v.valueType() != ConfigValueType.NUMBER || !Double.isFinite(((Number) v.unwrapped()).doubleValue())) {
                throw TouchpointException.config(k + ".value", v.unwrapped(), "Goal value must be a number",
                        "Write e.g. value = 5, or leave it out to use the event's revenue.");
            }
            fixed = ((Number) v.unwrapped()).doubleValue();
        }
        return new Goal(name, eventName, equals, regex, fixed, crmStage == null ? null : crmStage.strip());
    }
}
