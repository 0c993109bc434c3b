package io.touchpoint.core.traffic;

import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.touchpoint.core.util.BoundedMemo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a {@link TrafficSource} to a marketing channel with ordered rules; the first matching rule names the channel,
 * no match gives {@value #UNASSIGNED}.
 *
 * <p>A rule is data: a channel name and a list of alternatives (OR), each a conjunction (AND) of conditions on
 * {@code source}, {@code medium}, {@code campaign} (Java regex, case-insensitive, full match) and
 * {@code source-category} (SEARCH, SOCIAL, SHOPPING, VIDEO, see {@link SourceCategories}). The GA4 default channel
 * group ({@link #ga4Default()}) is the bundled resource {@code io/touchpoint/channels/ga4-default.conf} in the same
 * format and read by the same parser as user rules. Configuration ({@code touchpoint.channels.rules}):
 * <pre>
 * touchpoint.channels.rules = default      # the GA4 default channel group
 * touchpoint.channels.rules = [            # custom rules in order; "default" splices in the GA4 rules there
 *   { channel = "Partners", when = [ { source = "partner-a|partner-b" } ] }
 *   { channel = "Brand Search", when = [ { source-category = SEARCH, campaign = ".*brand.*" } ] }
 *   default
 * ]
 * </pre>
 * An alternative written {@code {}} has no conditions and matches everything (a catch-all).
 *
 * <p>Immutable and thread-safe; serializes the compiled rules only (the source-category lists are JVM-wide).
 */
public final class ChannelRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Channel of a source no rule matches. */
    public static final String UNASSIGNED = "Unassigned";
    static final String GA4_RESOURCE = "/io/touchpoint/channels/ga4-default.conf";

    private final List<ChannelRuleParser.Rule> rules;
    private final List<String> channels;

    ChannelRules(List<ChannelRuleParser.Rule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> names = new LinkedHashSet<>();
        rules.forEach(r -> names.add(r.channel()));
        names.add(UNASSIGNED);
        this.channels = List.copyOf(names);
    }

    private static final class Ga4Holder {
        static final ChannelRules INSTANCE = new ChannelRules(ChannelRuleParser.parseRules(
                ConfigFactory.parseResources(ChannelRules.class, GA4_RESOURCE,
                        ConfigParseOptions.defaults().setAllowMissing(false)).resolve().getValue("rules"),
                GA4_RESOURCE + " rules", List.of()));
    }

    /** The GA4 default channel group. */
    public static ChannelRules ga4Default() {
        return Ga4Holder.INSTANCE;
    }

    /**
     * Rules from the config value of {@code touchpoint.channels.rules}: the string {@code default} or a list of rules
     * and {@code default} markers.
     *
     * @param key the config path of {@code value}, used in error messages
     * @throws io.touchpoint.core.error.TouchpointException (config) naming the offending key path, value and fix
     */
    public static ChannelRules fromConfig(ConfigValue value, String key) {
        return new ChannelRules(ChannelRuleParser.parseRules(value, key, ga4Default().rules));
    }

    /**
     * Channels already decided, by (source, medium, campaign). Matching runs regular expressions over
     * every rule; a log has few distinct triples, so remembering them takes classification off the profile.
     */
    private final BoundedMemo<List<String>, String> decided = new BoundedMemo<>(100_000, this::classify);

    /** The channel of {@code s}: the first rule with a matching alternative, else {@value #UNASSIGNED}. */
    public String channelOf(TrafficSource s) {
        return decided.get(java.util.Arrays.asList(s.source(), s.medium(), s.campaign()));
    }

    /** @param key source, medium, campaign (each may be null) */
    private String classify(List<String> key) {
        String source = key.get(0) == null ? "" : key.get(0);
        String medium = key.get(1) == null ? "" : key.get(1);
        String campaign = key.get(2) == null ? "" : key.get(2);
        Optional<SourceCategory> category = null; // looked up at most once, and only if a rule asks
        for (ChannelRuleParser.Rule rule : rules) {
            for (ChannelRuleParser.Alternative alt : rule.when()) {
                if (alt.sourceCategory() != null) {
                    if (category == null) {
                        category = SourceCategories.bundled().of(key.get(0));
                    }
                    if (category.isEmpty() || category.get() != alt.sourceCategory()) {
                        continue;
                    }
                }
                if (ChannelRuleParser.matches(alt.source(), source)
                        && ChannelRuleParser.matches(alt.medium(), medium)
                        && ChannelRuleParser.matches(alt.campaign(), campaign)) {
                    return rule.channel();
                }
            }
        }
        return UNASSIGNED;
    }

    /** Channel names in rule order (each once), then {@value #UNASSIGNED}. */
    public List<String> channels() {
        return channels;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(channels);
        return "ChannelRules" + names;
    }
}
