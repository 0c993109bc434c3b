package io.touchpoint.core.selfreported;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/channels.md, "Self-reported answers": every example answer in the bundled-rules table maps to its row's
 * channel, the dark column says what {@link SelfReportedRules#isDark} says, every bundled channel has a row, and
 * the rule examples parse.
 */
class SelfReportedDocExamplesTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void tableOfBundledRules() throws IOException {
        String doc = Files.readString(docs());
        String section = doc.substring(doc.indexOf("### The bundled rules"));
        section = section.substring(0, section.indexOf("\n### ", 5));
        Set<String> rows = new HashSet<>();
        int examples = 0;
        for (String line : section.lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| channel") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String channel = cells[1].strip();
            rows.add(channel);
            assertThat(cells[2].strip().equals("dark")).as("dark column of %s", channel)
                    .isEqualTo(SelfReportedRules.isDark(channel));
            Matcher m = CODE.matcher(cells[3]);
            while (m.find()) {
                assertThat(SelfReportedRules.defaults().channelOf(m.group(1))).as("answer [%s]", m.group(1))
                        .isEqualTo(channel);
                examples++;
            }
        }
        assertThat(examples).isGreaterThan(60);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(SelfReportedRules.defaults().channels());
    }

    @Test
    void ruleExamplesParse() throws IOException {
        String doc = Files.readString(docs());
        String section = doc.substring(doc.indexOf("## Self-reported answers"));
        Matcher blocks = Pattern.compile("```hocon\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> hocon = new ArrayList<>();
        while (blocks.find()) {
            hocon.add(blocks.group(1));
        }
        assertThat(hocon).hasSize(2);
        SelfReportedRules config = SelfReportedRules.fromConfig(ConfigFactory.parseString(hocon.get(0))
                .getValue("touchpoint.self-reported.rules"), "rules", true);
        assertThat(config.channelOf("Podcast ad on Lenny's")).isEqualTo("Lenny");
        assertThat(config.channelOf("Acme")).isEqualTo("Partners");
        SelfReportedRules rules = SelfReportedRules.fromConfig(ConfigFactory.parseString("r = [" + hocon.get(1) + "]")
                .getValue("r"), "r", false);
        assertThat(rules.channelOf("Podcasts")).isEqualTo("Podcast");
        assertThat(rules.channelOf("X")).isEqualTo("Organic Social");
        assertThat(rules.channelOf("Facebook Sponsored")).isEqualTo("Paid Social");
        assertThat(rules.channelOf("Saw you at Dreamforce")).isEqualTo("Events");
        assertThat(rules.channelOf("met your team at the booth")).isEqualTo("Events");
        assertThat(rules.channelOf("facebook")).isEqualTo("Other");
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("docs/channels.md");
            if (Files.isRegularFile(d)) {
                return d;
            }
        }
        throw new AssertionError("docs/channels.md not found above " + Path.of("").toAbsolutePath());
    }
}
