package io.touchpoint.core.selfreported;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.error.TouchpointException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses the rule format of {@link SelfReportedRules} (user config and the bundled default rules alike). */
final class SelfReportedRuleParser {

    /**
     * One rule, compiled. The answer matches when it equals one of {@code equals}, contains one of {@code contains} or
     * {@code regex} is found in it (any of the three that are set) and, when {@code andContains} is set, it also
     * contains one of those.
     */
    record Rule(String channel, Set<String> equals, Words contains, Pattern regex, Words andContains)
            implements Serializable {

        boolean matches(String normalised, String padded) {
            boolean hit = equals.contains(normalised)
                    || (contains != null && contains.foundIn(padded))
                    || (regex != null && regex.matcher(normalised).find());
            return hit && (andContains == null || andContains.foundIn(padded));
        }
    }

    /**
     * Whole words or phrases, searched in an answer padded with one space either side: {@code " ad "} is found in
     * {@code " podcast ad "} but not in {@code " podcast "} or {@code " read "}; a prefix ({@code podcast*}) is searched
     * as {@code " podcast"}, open at its end.
     */
    record Words(List<String> needles) implements Serializable {
        boolean foundIn(String padded) {
            for (String n : needles) {
                if (padded.contains(n)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final Set<String> KEYS = Set.of("channel", "contains", "and-contains", "equals", "regex");
    private static final String EXAMPLE =
            "for example { channel = \"Podcast\", contains = [\"podcast*\", episode] }";

    private SelfReportedRuleParser() {
    }

    /** Parses a list of rules at {@code key}. */
    static List<Rule> parseRules(ConfigValue value, String key) {
        if (value == null || value.valueType() != ConfigValueType.LIST) {
            throw TouchpointException.config(key, render(value), "Self-reported rules must be a list of rules",
                    "Write " + key + " = [ ... ], " + EXAMPLE + "; [] for none.");
        }
        List<Rule> rules = new ArrayList<>();
        ConfigList list = (ConfigList) value;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String at = key + "[" + i + "]";
            if (item.valueType() != ConfigValueType.OBJECT) {
                throw TouchpointException.config(at, render(item), "A self-reported rule must be an object",
                        "Write a rule " + EXAMPLE + ".");
            }
            rules.add(parseRule((ConfigObject) item, at));
        }
        return rules;
    }

    private static Rule parseRule(ConfigObject obj, String at) {
        for (String k : obj.keySet()) {
            if (!KEYS.contains(k)) {
                throw TouchpointException.config(at + "." + k, render(obj.get(k)), "Unknown key in a self-reported rule",
                        "A rule has channel and at least one of contains, equals, regex (and optionally and-contains), "
                                + EXAMPLE + ".");
            }
        }
        ConfigValue channel = obj.get("channel");
        if (channel == null || channel.valueType() != ConfigValueType.STRING
                || String.valueOf(channel.unwrapped()).isBlank()) {
            throw TouchpointException.config(at + ".channel", render(channel), "A self-reported rule needs a channel name",
                    "Add channel = \"<name>\" to the rule, " + EXAMPLE + ".");
        }
        if (!obj.containsKey("contains") && !obj.containsKey("equals") && !obj.containsKey("regex")) {
            throw TouchpointException.config(at, render(obj), "A self-reported rule needs contains, equals or regex",
                    "Say which answers the rule takes, " + EXAMPLE + ".");
        }
        Set<String> equals = new LinkedHashSet<>();
        if (obj.containsKey("equals")) {
            for (Word w : words(obj.get("equals"), at + ".equals")) {
                if (w.prefix()) {
                    throw TouchpointException.config(w.key(), w.raw(), "A * in equals is taken literally and never matches",
                            "Move the word to contains (contains = [\"" + w.raw() + "\"] matches every word starting so), "
                                    + "or remove the *.");
                }
                equals.add(w.text());
            }
        }
        return new Rule(String.valueOf(channel.unwrapped()).strip(), Set.copyOf(equals),
                obj.containsKey("contains") ? needles(obj.get("contains"), at + ".contains") : null,
                obj.containsKey("regex") ? regex(obj.get("regex"), at + ".regex") : null,
                obj.containsKey("and-contains") ? needles(obj.get("and-contains"), at + ".and-contains") : null);
    }

    /** A configured word: normalised {@code text}, whether it ended in {@code *}, and where it was written. */
    private record Word(String text, boolean prefix, String raw, String key) {
    }

    private static Words needles(ConfigValue v, String key) {
        List<String> needles = new ArrayList<>();
        for (Word w : words(v, key)) {
            needles.add(" " + w.text() + (w.prefix() ? "" : " "));
        }
        return new Words(List.copyOf(needles));
    }

    /** A string or a non-empty list of strings, each normalised as answers are. */
    private static List<Word> words(ConfigValue v, String key) {
        List<ConfigValue> items;
        boolean single = v.valueType() != ConfigValueType.LIST;
        if (single) {
            items = List.of(v);
        } else {
            items = new ArrayList<>((ConfigList) v);
            if (items.isEmpty()) {
                throw TouchpointException.config(key, "[]", "An empty word list never matches",
                        "List at least one word or phrase, e.g. [podcast, \"heard you on\"], or leave the key out.");
            }
        }
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            String at = single ? key : key + "[" + i + "]";
            if (item.valueType() != ConfigValueType.STRING && item.valueType() != ConfigValueType.NUMBER
                    && item.valueType() != ConfigValueType.BOOLEAN) {
                throw TouchpointException.config(at, render(item), "Expected a word or phrase",
                        "Write a word or phrase such as podcast or \"word of mouth\" (a list of them for several).");
            }
            String raw = String.valueOf(item.unwrapped());
            String trimmed = raw.strip();
            boolean prefix = trimmed.endsWith("*");
            String body = prefix ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            if (body.contains("*")) {
                throw TouchpointException.config(at, raw, "A * is allowed only at the end of a word",
                        "Write \"podcast*\" (quoted) for every word starting with podcast; for anything else use regex.");
            }
            String text = SelfReportedRules.normalise(body);
            if (text.isEmpty()) {
                throw TouchpointException.config(at, raw, "The word is empty once punctuation is removed, so it never matches",
                        "Write letters or digits; answers and words are compared lower-cased, without accents and with "
                                + "punctuation as spaces (x.com is the words \"x com\").");
            }
            words.add(new Word(text, prefix, raw, at));
        }
        return words;
    }

    private static Pattern regex(ConfigValue v, String key) {
        if (v.valueType() != ConfigValueType.STRING) {
            throw TouchpointException.config(key, render(v), "Expected one regular expression",
                    "Write a Java regular expression as a string, e.g. regex = \"\\\\bpod(cast)?s?\\\\b\".");
        }
        String s = (String) v.unwrapped();
        if (s.isEmpty()) {
            throw TouchpointException.config(key, "\"\"", "An empty regular expression matches every answer",
                    "Write a regular expression, or leave regex out.");
        }
        try {
            return Pattern.compile(s, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw TouchpointException.config(key, s, "Invalid regular expression (" + e.getDescription() + ")",
                    "Write a Java regular expression; it is searched anywhere in the normalised answer (lower case, "
                            + "no accents, punctuation as single spaces): anchor with ^ and $ to match it whole.");
        }
    }

    static String render(ConfigValue v) {
        if (v == null) {
            return "(missing)";
        }
        return v.valueType() == ConfigValueType.STRING ? String.valueOf(v.unwrapped())
                : v.render(ConfigRenderOptions.concise());
    }
}
