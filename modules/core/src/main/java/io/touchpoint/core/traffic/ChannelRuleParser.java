package io.touchpoint.core.traffic;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.error.TouchpointException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses the rule format of {@link ChannelRules} (user config and the bundled GA4 rules alike). */
final class ChannelRuleParser {

    /** One rule: the channel and its alternatives (OR). */
    record Rule(String channel, List<Alternative> when) implements Serializable {
    }

    /** A conjunction (AND) of conditions; a null field is no condition. */
    record Alternative(Pattern source, Pattern medium, Pattern campaign, SourceCategory sourceCategory)
            implements Serializable {
    }

    private static final String DEFAULT = "default";
    private static final String EXAMPLE = "for example { channel = \"Partners\", when = [ { source = \"partner-a\" } ] }";

    private ChannelRuleParser() {
    }

    static boolean matches(Pattern p, String value) {
        return p == null || p.matcher(value).matches();
    }

    /** Parses a rules value; each {@code default} marker is replaced by {@code defaults}. */
    static List<Rule> parseRules(ConfigValue value, String key, List<Rule> defaults) {
        if (value != null && value.valueType() == ConfigValueType.STRING && isDefault(value)) {
            return defaults;
        }
        if (value == null || value.valueType() != ConfigValueType.LIST) {
            throw TouchpointException.config(key, render(value), "Channel rules must be \"default\" or a list of rules",
                    "Write " + key + " = default, or a list of rules, " + EXAMPLE + ".");
        }
        List<Rule> rules = new ArrayList<>();
        ConfigList list = (ConfigList) value;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String at = key + "[" + i + "]";
            if (item.valueType() == ConfigValueType.STRING && isDefault(item)) {
                rules.addAll(defaults);
            } else if (item.valueType() == ConfigValueType.OBJECT) {
                rules.add(parseRule((ConfigObject) item, at));
            } else {
                throw TouchpointException.config(at, render(item), "A channel rule must be an object or \"default\"",
                        "Write a rule " + EXAMPLE + ", or default to insert the GA4 default rules here.");
            }
        }
        return rules;
    }

    private static boolean isDefault(ConfigValue v) {
        return DEFAULT.equals(String.valueOf(v.unwrapped()).strip());
    }

    private static Rule parseRule(ConfigObject obj, String at) {
        for (String k : obj.keySet()) {
            if (!k.equals("channel") && !k.equals("when")) {
                throw TouchpointException.config(at + "." + k, render(obj.get(k)), "Unknown key in a channel rule",
                        "A rule has only channel and when, " + EXAMPLE + ".");
            }
        }
        ConfigValue channel = obj.get("channel");
        if (channel == null || channel.valueType() != ConfigValueType.STRING
                || String.valueOf(channel.unwrapped()).isBlank()) {
            throw TouchpointException.config(at + ".channel", render(channel), "A channel rule needs a channel name",
                    "Add channel = \"<name>\" to the rule, " + EXAMPLE + ".");
        }
        ConfigValue when = obj.get("when");
        if (when == null || when.valueType() != ConfigValueType.LIST || ((ConfigList) when).isEmpty()) {
            throw TouchpointException.config(at + ".when", render(when), "A channel rule needs a non-empty when list",
                    "Add when = [ { ... } ] with at least one alternative of conditions (source, medium, campaign, "
                            + "source-category), " + EXAMPLE + ".");
        }
        List<Alternative> alternatives = new ArrayList<>();
        ConfigList list = (ConfigList) when;
        for (int j = 0; j < list.size(); j++) {
            alternatives.add(parseAlternative(list.get(j), at + ".when[" + j + "]"));
        }
        return new Rule(String.valueOf(channel.unwrapped()).strip(), List.copyOf(alternatives));
    }

    private static Alternative parseAlternative(ConfigValue value, String at) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw TouchpointException.config(at, render(value), "An alternative in when must be an object of conditions",
                    "Write { source = \"...\", medium = \"...\" }; all conditions of one object must match, any object may.");
        }
        Pattern source = null;
        Pattern medium = null;
        Pattern campaign = null;
        SourceCategory category = null;
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) value).entrySet()) {
            String k = e.getKey();
            String where = at + "." + k;
            ConfigValue v = e.getValue();
            switch (k) {
                case "source" -> source = regex(v, where);
                case "medium" -> medium = regex(v, where);
                case "campaign" -> campaign = regex(v, where);
                case "source-category" -> category = category(v, where);
                default -> throw TouchpointException.config(where, render(v), "Unknown channel condition " + k,
                        "Use source, medium, campaign (regular expressions) or source-category "
                                + "(SEARCH, SOCIAL, SHOPPING, VIDEO).");
            }
        }
        return new Alternative(source, medium, campaign, category);
    }

    private static Pattern regex(ConfigValue v, String where) {
        String s = scalar(v, where, "a regular expression, for example \"google|bing\"");
        try {
            // DOTALL: a value with a line break must not escape a ".*" condition
            return Pattern.compile(s, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw TouchpointException.config(where, s, "Invalid regular expression (" + e.getDescription() + ")",
                    "Write a Java regular expression matched case-insensitively against the whole value; "
                            + "escape special characters such as ( ) . with a backslash.");
        }
    }

    private static SourceCategory category(ConfigValue v, String where) {
        String s = scalar(v, where, "one of SEARCH, SOCIAL, SHOPPING, VIDEO");
        try {
            return SourceCategory.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config(where, s, "Unknown source-category",
                    "Use one of SEARCH, SOCIAL, SHOPPING, VIDEO.");
        }
    }

    private static String scalar(ConfigValue v, String where, String expected) {
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT
                || v.valueType() == ConfigValueType.NULL) {
            throw TouchpointException.config(where, render(v), "Expected a single value", "Write " + expected + ".");
        }
        return String.valueOf(v.unwrapped());
    }

    private static String render(ConfigValue v) {
        if (v == null) {
            return "(missing)";
        }
        return v.valueType() == ConfigValueType.STRING ? String.valueOf(v.unwrapped())
                : v.render(ConfigRenderOptions.concise());
    }
}
