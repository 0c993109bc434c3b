package io.touchpoint.core.selfreported;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** touchpoint.self-reported: user rules before the bundled ones, use-default-rules, and every config error. */
class SelfReportedConfigTest {

    private static final String KEY = "touchpoint.self-reported.rules";

    @TempDir
    Path dir;

    private static SelfReportedRules parse(String hocon, boolean useDefaults) {
        return SelfReportedRules.fromConfig(value(hocon), KEY, useDefaults);
    }

    private static ConfigValue value(String hocon) {
        return ConfigFactory.parseString(KEY + " = " + hocon).getValue(KEY);
    }

    private TouchpointConfig load(String hocon) throws IOException {
        Path f = dir.resolve("my.conf");
        Files.writeString(f, hocon);
        return ConfigLoader.load(Optional.of(f.toFile()), Map.of());
    }

    @Test
    void defaultsFromReferenceConf() {
        SelfReportedConfig c = ConfigLoader.load(Optional.empty(), Map.of()).selfReported();
        assertThat(c.column()).isEmpty();
        assertThat(c.enabled()).isFalse();
        assertThat(c.useDefaultRules()).isTrue();
        assertThat(c.rules().channels()).isEqualTo(SelfReportedRules.defaults().channels());
        assertThat(c.rules().channelOf("LinkedIn ad")).isEqualTo("Paid Social");
        assertThat(SelfReportedConfig.DEFAULT.rules().channels()).isEqualTo(c.rules().channels());
    }

    @Test
    void userRulesComeBeforeTheDefaults() throws IOException {
        TouchpointConfig c = load("""
                touchpoint.self-reported {
                  column = " how_did_you_hear "
                  rules = [
                    { channel = "Lenny", contains = ["lenny*"] }
                    { channel = "Organic Social", contains = [linkedin] }
                    { channel = "Brand", equals = ["acme", "acme inc"], regex = "^(the )?acme (website|site)$" }
                  ]
                }""");
        SelfReportedRules rules = c.selfReported().rules();
        assertThat(c.selfReported().column()).isEqualTo("how_did_you_hear");
        assertThat(c.selfReported().enabled()).isTrue();
        assertThat(rules.channelOf("Podcast ad on Lenny's")).isEqualTo("Lenny");
        assertThat(rules.channelOf("LinkedIn ad")).isEqualTo("Organic Social"); // the user's rule wins over Paid Social
        assertThat(rules.channelOf("ACME, Inc.")).isEqualTo("Brand");
        assertThat(rules.channelOf("the Acme website")).isEqualTo("Brand");
        assertThat(rules.channelOf("Acme blog")).isEqualTo("Content"); // equals is the whole answer
        assertThat(rules.channelOf("a colleague")).isEqualTo("Word of Mouth"); // defaults still apply
        assertThat(rules.channelOf("n/a")).isNull();
        assertThat(rules.channels()).startsWith("Lenny", "Organic Social", "Brand", "Podcast").endsWith("Other")
                .doesNotHaveDuplicates();
    }

    @Test
    void withoutDefaultRulesOnlyTheUsersApply() throws IOException {
        TouchpointConfig c = load("""
                touchpoint.self-reported {
                  column = hdyhau
                  use-default-rules = false
                  rules = [ { channel = "Paid Social", contains = [linkedin, facebook], and-contains = ["ad*", sponsored] } ]
                }""");
        SelfReportedRules rules = c.selfReported().rules();
        assertThat(c.selfReported().useDefaultRules()).isFalse();
        assertThat(rules.channels()).containsExactly("Paid Social", "Other");
        assertThat(rules.channelOf("Facebook Ads")).isEqualTo("Paid Social");
        assertThat(rules.channelOf("linkedin")).isEqualTo("Other");
        assertThat(rules.channelOf("podcast")).isEqualTo("Other");
        assertThat(rules.channelOf("-")).isNull(); // non-answers are always no answer
    }

    @Test
    void rulesAreReadWithoutAColumnToo() {
        assertThat(parse("[]", false).isEmpty()).isTrue();
        assertThat(parse("[]", false).channelOf("podcast")).isEqualTo("Other");
        assertThat(parse("[]", true).channelOf("podcast")).isEqualTo("Podcast");
    }

    @Test
    void aColumnWithNoRulesAtAllIsAnError() {
        assertThatThrownBy(() -> load("touchpoint.self-reported { column = hdyhau, use-default-rules = false }"))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.where()).isEqualTo("touchpoint.self-reported.use-default-rules");
                    assertThat(e.getMessage()).contains("would be Other").contains(KEY);
                });
    }

    @Test
    void singleWordsNeedNoList() {
        SelfReportedRules rules = parse("[ { channel = A, contains = acme, and-contains = \"ad*\" } ]", false);
        assertThat(rules.channelOf("Acme advertising")).isEqualTo("A");
        assertThat(rules.channelOf("Acme")).isEqualTo("Other");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "default                                              | touchpoint.self-reported.rules = default",
        "{ channel = x }                                      | touchpoint.self-reported.rules = {\"channel\":\"x\"}",
        "[ x ]                                                | touchpoint.self-reported.rules[0] = x",
        "[ { contains = [podcast] } ]                         | touchpoint.self-reported.rules[0].channel = (missing)",
        "[ { channel = \" \", contains = [podcast] } ]        | touchpoint.self-reported.rules[0].channel =  ",
        "[ { channel = [a], contains = [podcast] } ]          | touchpoint.self-reported.rules[0].channel = [\"a\"]",
        "[ { channel = A } ]                                  | touchpoint.self-reported.rules[0] = {\"channel\":\"A\"}",
        "[ { channel = A, and-contains = [ad] } ]             | touchpoint.self-reported.rules[0] = {",
        "[ { channel = A, contains = [a], colour = red } ]    | touchpoint.self-reported.rules[0].colour = red",
        "[ { channel = A, contain = [a] } ]                   | touchpoint.self-reported.rules[0].contain = [\"a\"]",
        "[ { channel = A, contains = [] } ]                   | touchpoint.self-reported.rules[0].contains = []",
        "[ { channel = A, contains = [a, \"!!\"] } ]          | touchpoint.self-reported.rules[0].contains[1] = !!",
        "[ { channel = A, contains = [a, [b]] } ]             | touchpoint.self-reported.rules[0].contains[1] = [\"b\"]",
        "[ { channel = A, contains = [\"po*dcast\"] } ]       | touchpoint.self-reported.rules[0].contains[0] = po*dcast",
        "[ { channel = A, contains = [\"*\"] } ]              | touchpoint.self-reported.rules[0].contains[0] = *",
        "[ { channel = A, contains = [a], and-contains = {} } ] | touchpoint.self-reported.rules[0].and-contains = {}",
        "[ { channel = A, equals = [\"pod*\"] } ]             | touchpoint.self-reported.rules[0].equals[0] = pod*",
        "[ { channel = A, equals = \"-\" } ]                  | touchpoint.self-reported.rules[0].equals = -",
        "[ { channel = A, contains = [a] }, { channel = B, regex = \"(unclosed\" } ] | touchpoint.self-reported.rules[1].regex = (unclosed",
        "[ { channel = A, regex = \"\" } ]                    | touchpoint.self-reported.rules[0].regex = \"\"",
        "[ { channel = A, regex = [a, b] } ]                  | touchpoint.self-reported.rules[0].regex = [\"a\",\"b\"]",
    })
    void errorsNameKeyPathAndValue(String hocon, String expected) {
        assertThatThrownBy(() -> parse(hocon, true))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.getMessage()).contains(expected);
                    assertThat(e.fix()).isNotBlank();
                });
    }

    @Test
    void errorsThroughTheLoaderNameTheFullPath() {
        assertThatThrownBy(() -> load("""
                touchpoint.self-reported.rules = [
                  { channel = A, contains = [a] }
                  { channel = B, contains = [b] }
                  { channel = C, regex = "[unclosed" }
                ]"""))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.where()).isEqualTo("touchpoint.self-reported.rules[2].regex");
                    assertThat(e.getMessage()).startsWith("Invalid regular expression")
                            .contains("touchpoint.self-reported.rules[2].regex = [unclosed")
                            .contains("normalised answer");
                });
        assertThatThrownBy(() -> load("touchpoint.self-reported.rules = { channel = A }"))
                .isInstanceOfSatisfying(TouchpointException.class,
                        e -> assertThat(e.where()).isEqualTo(KEY));
        assertThatThrownBy(() -> load("touchpoint.self-reported.colum = x"))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.where()).isEqualTo("touchpoint.self-reported.colum");
                    assertThat(e.getMessage()).contains("touchpoint.self-reported.column");
                });
        assertThatThrownBy(() -> load("touchpoint.self-reported.use-default-rules = maybe"))
                .isInstanceOfSatisfying(TouchpointException.class,
                        e -> assertThat(e.where()).isEqualTo("touchpoint.self-reported.use-default-rules"));
    }

    @Test
    void errorMessagesExplain() {
        assertThatThrownBy(() -> parse("[ { channel = A, colour = red } ]", true))
                .hasMessageStartingWith("Unknown key in a self-reported rule")
                .hasMessageContaining("contains, equals, regex");
        assertThatThrownBy(() -> parse("[ { channel = A, equals = [\"pod*\"] } ]", true))
                .hasMessageContaining("Move the word to contains");
        assertThatThrownBy(() -> SelfReportedRules.fromConfig(null, KEY, true)).hasMessageContaining(KEY + " = (missing)");
    }
}
