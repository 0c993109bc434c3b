package io.touchpoint.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.touchpoint.core.error.TouchpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User rules from touchpoint.channels.rules: the format, the "default" splice and every config error. */
class ChannelRulesConfigTest {

    private static final String KEY = "touchpoint.channels.rules";

    private static ChannelRules parse(String hocon) {
        return ChannelRules.fromConfig(value(hocon), KEY);
    }

    private static ConfigValue value(String hocon) {
        return ConfigFactory.parseString(KEY + " = " + hocon).getValue(KEY);
    }

    private static TrafficSource src(String source, String medium, String campaign) {
        return new TrafficSource(source, medium, campaign, null, null);
    }

    @Test
    void defaultStringIsGa4() {
        assertThat(parse("default").channels()).isEqualTo(ChannelRules.ga4Default().channels());
    }

    @Test
    void customRulesWithDefaultSplice() {
        ChannelRules rules = parse("""
                [
                  { channel = "Partners", when = [ { source = "partner-a|partner-b" } ] }
                  { channel = "Brand Search", when = [ { source-category = SEARCH, campaign = ".*brand.*" } ] }
                  default
                  { channel = "Everything else", when = [ {} ] }
                ]""");
        assertThat(rules.channels()).startsWith("Partners", "Brand Search", "Direct").endsWith("Mobile Push Notifications",
                "Everything else", "Unassigned");
        assertThat(rules.channelOf(src("Partner-A", "cpc", "x"))).isEqualTo("Partners");
        assertThat(rules.channelOf(src("google", "cpc", "My_Brand_2024"))).isEqualTo("Brand Search");
        assertThat(rules.channelOf(src("google", "cpc", "generic"))).isEqualTo("Paid Search");
        assertThat(rules.channelOf(src("unknown", "whatever", "x"))).isEqualTo("Everything else");
    }

    @Test
    void withoutDefaultOnlyCustomRules() {
        ChannelRules rules = parse("[ { channel = Paid, when = [ { medium = cpc }, { medium = ppc } ] } ]");
        assertThat(rules.channels()).containsExactly("Paid", "Unassigned");
        assertThat(rules.channelOf(src("google", "ppc", "x"))).isEqualTo("Paid");
        assertThat(rules.channelOf(TrafficSource.DIRECT)).isEqualTo("Unassigned");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"custom\"                                                   | touchpoint.channels.rules = custom",
        "42                                                           | touchpoint.channels.rules = 42",
        "{ channel = x }                                              | touchpoint.channels.rules = {\"channel\":\"x\"}",
        "[ default, 7 ]                                               | touchpoint.channels.rules[1] = 7",
        "[ { when = [ { medium = cpc } ] } ]                          | touchpoint.channels.rules[0].channel = (missing)",
        "[ { channel = \" \", when = [ { medium = cpc } ] } ]         | touchpoint.channels.rules[0].channel =  ",
        "[ { channel = A } ]                                          | touchpoint.channels.rules[0].when = (missing)",
        "[ { channel = A, when = [] } ]                               | touchpoint.channels.rules[0].when = []",
        "[ { channel = A, when = x } ]                                | touchpoint.channels.rules[0].when = x",
        "[ { channel = A, when = [ { medium = cpc } ], colour = red } ] | touchpoint.channels.rules[0].colour = red",
        "[ { channel = A, when = [ x ] } ]                            | touchpoint.channels.rules[0].when[0] = x",
        "[ default, { channel = A, when = [ { medium = cpc }, { sorce = g } ] } ] | touchpoint.channels.rules[1].when[1].sorce = g",
        "[ { channel = A, when = [ { medium = cpc }, { source = \"(unclosed\" } ] } ] | touchpoint.channels.rules[0].when[1].source = (unclosed",
        "[ { channel = A, when = [ { campaign = \"*x\" } ] } ]        | touchpoint.channels.rules[0].when[0].campaign = *x",
        "[ { channel = A, when = [ { source-category = EMAIL } ] } ]  | touchpoint.channels.rules[0].when[0].source-category = EMAIL",
        "[ { channel = A, when = [ { medium = [a, b] } ] } ]          | touchpoint.channels.rules[0].when[0].medium = [\"a\",\"b\"]",
    })
    void errorsNameKeyPathAndValue(String hocon, String expected) {
        assertThatThrownBy(() -> parse(hocon))
                .isInstanceOf(TouchpointException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> {
                    TouchpointException t = (TouchpointException) e;
                    assertThat(t.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(t.fix()).isNotBlank();
                });
    }

    @Test
    void errorMessagesExplain() {
        assertThatThrownBy(() -> parse("[ { channel = A, when = [ { source = \"(x\" } ] } ]"))
                .hasMessageStartingWith("Invalid regular expression");
        assertThatThrownBy(() -> parse("[ { channel = A, when = [ { sorce = g } ] } ]"))
                .hasMessageContaining("Unknown channel condition sorce").hasMessageContaining("source-category");
        assertThatThrownBy(() -> parse("[ { channel = A, when = [ { source-category = x } ] } ]"))
                .hasMessageContaining("SEARCH, SOCIAL, SHOPPING, VIDEO");
        assertThatThrownBy(() -> ChannelRules.fromConfig(null, KEY)).hasMessageContaining(KEY + " = (missing)");
    }
}
