package io.touchpoint.core.selfreported;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.util.BoundedMemo;
import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a self-reported attribution answer ("How did you hear about us?", a form field or a CRM column) to a channel
 * with ordered rules; the first matching rule names the channel, an answer no rule takes is {@value #OTHER}, and a
 * non-answer (empty, "n/a", "-", "don't know", ...) is {@code null}: it says nothing about a channel.
 *
 * <p>Answers and the words of the rules are compared {@linkplain #normalise normalised}: lower case, accents
 * folded, punctuation as spaces, whitespace collapsed. A rule (docs/channels.md, "Self-reported answers"):
 * <pre>
 * { channel = "Podcast", contains = ["podcast*", "apple podcasts"] }     # a whole word or phrase; * = prefix
 * { channel = "Organic Social", equals = [x] }                                # the whole answer
 * { channel = "Paid Social", contains = [linkedin], and-contains = [ad, ads, sponsored] }   # and also one of these
 * { channel = "Events", regex = "^saw (you|it) at " }                         # found anywhere; anchor with ^ $
 * </pre>
 * A rule matches when any of its {@code equals}, {@code contains} and {@code regex} matches and, if it has
 * {@code and-contains}, one of those words is in the answer too. The bundled rules
 * ({@value #DEFAULT_RESOURCE}) are in the same format and read by the same parser; user rules
 * ({@code touchpoint.self-reported.rules}) are tried before them.
 *
 * <p>Immutable and thread-safe; serializes the compiled rules only.
 */
public final class SelfReportedRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Channel of an answer that no rule takes. */
    public static final String OTHER = "Other";
    /** Only this many characters of an answer are read (a pasted essay still maps, in bounded time). */
    public static final int MAX_ANSWER_CHARS = 1000;
    static final String DEFAULT_RESOURCE = "/io/touchpoint/core/selfreported/default-rules.conf";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Stands for a null channel in the memo, which cannot hold null. */
    private static final String NO_ANSWER = "\u0000";

    private final List<SelfReportedRuleParser.Rule> rules;
    private final Set<String> noAnswers;
    private final List<String> channels;

    private SelfReportedRules(List<SelfReportedRuleParser.Rule> rules, Set<String> noAnswers) {
        this.rules = List.copyOf(rules);
        this.noAnswers = Set.copyOf(noAnswers);
        Set<String> names = new LinkedHashSet<>();
        rules.forEach(r -> names.add(r.channel()));
        names.add(OTHER);
        this.channels = List.copyOf(names);
    }

    private static final class Bundled {
        static final Config CONFIG = ConfigFactory.parseResources(SelfReportedRules.class, DEFAULT_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        static final Set<String> NO_ANSWERS = normalisedSet(CONFIG.getStringList("no-answer"));
        static final Set<String> DARK = Set.copyOf(CONFIG.getStringList("dark-channels"));
        static final SelfReportedRules DEFAULTS = new SelfReportedRules(SelfReportedRuleParser.parseRules(
                CONFIG.getValue("rules"), DEFAULT_RESOURCE + " rules"), NO_ANSWERS);

        private static Set<String> normalisedSet(List<String> words) {
            Set<String> out = new LinkedHashSet<>();
            words.forEach(w -> out.add(normalise(w)));
            return out;
        }
    }

    /** The bundled default rules. */
    public static SelfReportedRules defaults() {
        return Bundled.DEFAULTS;
    }

    /**
     * The user's rules from the config value of {@code touchpoint.self-reported.rules} (a list of rules), followed by
     * the bundled rules when {@code useDefaultRules}.
     *
     * @param key the config path of {@code value}, used in error messages
     * @throws TouchpointException (config) naming the offending key path, value and fix
     */
    public static SelfReportedRules fromConfig(ConfigValue value, String key, boolean useDefaultRules) {
        List<SelfReportedRuleParser.Rule> rules = new ArrayList<>(SelfReportedRuleParser.parseRules(value, key));
        if (useDefaultRules) {
            rules.addAll(defaults().rules);
        }
        return new SelfReportedRules(rules, Bundled.NO_ANSWERS);
    }

    /**
     * The channels of the bundled rules that no tracker sees: an answer in one of them names a touchpoint that left
     * no referrer, click id or campaign tag (a podcast, a colleague, a conference, an AI assistant, ...).
     */
    public static Set<String> darkChannels() {
        return Bundled.DARK;
    }

    /** Whether {@code channel} is one of the {@linkplain #darkChannels() dark channels}. */
    public static boolean isDark(String channel) {
        return channel != null && Bundled.DARK.contains(channel);
    }

    /**
     * An answer as the rules see it: at most {@value #MAX_ANSWER_CHARS} characters, decomposed (NFKD: full-width and
     * styled letters become plain ones), lower-cased ({@link Locale#ROOT}), accents and other marks removed (so
     * "Collègue" is "collegue"), ß as ss,
     * every run of characters other than letters and digits as one space, trimmed. Null is "".
     */
    public static String normalise(String answer) {
        if (answer == null || answer.isEmpty()) {
            return "";
        }
        String s = answer.length() > MAX_ANSWER_CHARS ? answer.substring(0, MAX_ANSWER_CHARS) : answer;
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        s = MARKS.matcher(s).replaceAll("");
        s = s.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l")
                .replace("đ", "d");
        return NOT_ALNUM.matcher(s).replaceAll(" ").strip();
    }

    /** Channels already decided, by answer: a survey has few distinct answers, most of them picklist values. */
    private final BoundedMemo<String, String> decided = new BoundedMemo<>(100_000, this::classify);

    /**
     * The channel of {@code answer}: the first rule that takes it, {@value #OTHER} when none does, null when it is no
     * answer (null, empty, only punctuation, or a non-answer such as "n/a", "none", "don't know"). Never throws.
     */
    public String channelOf(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        String key = answer.length() > MAX_ANSWER_CHARS ? answer.substring(0, MAX_ANSWER_CHARS) : answer;
        String channel = decided.get(key);
        return NO_ANSWER.equals(channel) ? null : channel;
    }

    private String classify(String answer) {
        String normalised = normalise(answer);
        if (normalised.isEmpty() || noAnswers.contains(normalised)) {
            return NO_ANSWER;
        }
        String padded = " " + normalised + " ";
        for (SelfReportedRuleParser.Rule rule : rules) {
            if (rule.matches(normalised, padded)) {
                return rule.channel();
            }
        }
        return OTHER;
    }

    /** Whether there are no rules (every answer is {@value #OTHER} or no answer). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Channel names in rule order (each once), then {@value #OTHER}. */
    public List<String> channels() {
        return channels;
    }

    @Override
    public String toString() {
        return "SelfReportedRules" + channels;
    }
}
