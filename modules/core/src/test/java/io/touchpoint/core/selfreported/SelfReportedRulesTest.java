package io.touchpoint.core.selfreported;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled rules on real-world answers, normalisation, no answer versus Other, and a seeded random check. */
class SelfReportedRulesTest {

    private static final SelfReportedRules DEFAULTS = SelfReportedRules.defaults();

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        // podcasts, including an ad in one: the podcast is the touchpoint
        "Podcast ad on Lenny's                      | Podcast",
        "Heard you on the Lenny's Podcast           | Podcast",
        "Apple Podcasts                             | Podcast",
        "Spotify                                    | Podcast",
        "an episode of Acquired                     | Podcast",
        // people
        "my coworker Dave                           | Word of Mouth",
        "A colleague                                | Word of Mouth",
        "Other: a friend                            | Word of Mouth",
        "Word-of-mouth                              | Word of Mouth",
        "Recommendation from a former co-worker     | Word of Mouth",
        "Referred by my boss                        | Word of Mouth",
        "my partner told me                         | Word of Mouth",
        "Empfehlung eines Kollegen                  | Word of Mouth",
        "Un collègue                                | Word of Mouth",
        "Bouche-à-oreille                           | Word of Mouth",
        "Recomendación de un amigo                  | Word of Mouth",
        // AI before people: the assistant recommended
        "ChatGPT recommended you                    | AI Assistants",
        "Perplexity                                 | AI Assistants",
        "AI                                         | AI Assistants",
        // social, paid or not
        "LinkedIn ad                                | Paid Social",
        "LinkedIn (sponsored post)                  | Paid Social",
        "Werbung auf LinkedIn                       | Paid Social",
        "linkedin                                   | Organic Social",
        "Saw a post on LinkedIn                     | Organic Social",
        "I read an article on LinkedIn              | Organic Social",
        "Reddit                                     | Organic Social",
        "X                                          | Organic Social",
        "x.com                                      | Organic Social",
        "Hacker News                                | Organic Social",
        "YouTube                                    | Organic Video",
        "YouTube ad                                 | Paid Video",
        // search
        "Google                                     | Organic Search",
        "google search                              | Organic Search",
        "Searched online                            | Organic Search",
        "I eventually googled you                   | Organic Search",
        "Google-Suche                               | Organic Search",
        "google ads                                 | Paid Search",
        "Sponsored result on Bing                   | Paid Search",
        // the rest
        "G2                                         | Review Sites",
        "Capterra                                   | Review Sites",
        "saw you at SaaStr                          | Events",
        "Webinar                                    | Events",
        "Trade show booth                           | Events",
        "Messe                                      | Events",
        "read your blog                             | Content",
        "Case study                                 | Content",
        "Newsletter                                 | Email",
        "E-Mail                                     | Email",
        "cold email from your SDR                   | Outbound",
        "Your sales rep reached out                 | Outbound",
        "AWS Marketplace                            | Partners",
        "Our reseller                               | Partners",
        "Slack community                            | Communities",
        "Facebook group                             | Communities",
        "Billboard on the 101                       | Offline",
        "TV ad                                      | Offline",
        "direct mail                                | Offline",
        "GitHub                                     | Referral",
        "saw an advert somewhere                    | Paid Other",
        "affiliate link                             | Affiliates",
        // unmatched answers are Other, not no answer
        "Website                                    | Other",
        "Other                                      | Other",
        "asdfgh                                     | Other",
    })
    void realWorldAnswers(String answer, String channel) {
        assertThat(DEFAULTS.channelOf(answer)).isEqualTo(channel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "n/a", "N/A", "na", "-", "--", "?", "...", "None", "I don't know", "idk",
        "Not sure", "Can't remember", "keine Angabe", "weiß nicht", "no sé", "Please select"})
    void nonAnswersAreNull(String answer) {
        assertThat(DEFAULTS.channelOf(answer)).isNull();
    }

    @Test
    void nullIsNoAnswer() {
        assertThat(DEFAULTS.channelOf(null)).isNull();
    }

    @Test
    void wordsMatchWholeWordsOnly() {
        // "ad" is a paid word; it is neither in "read" nor in "podcast", "ai" not in "said", "x" not in "xerox"
        assertThat(DEFAULTS.channelOf("read about you")).isEqualTo("Other");
        assertThat(DEFAULTS.channelOf("linkedin, read your post")).isEqualTo("Organic Social");
        assertThat(DEFAULTS.channelOf("someone said so")).isEqualTo("Other");
        assertThat(DEFAULTS.channelOf("xerox")).isEqualTo("Other");
        assertThat(DEFAULTS.channelOf("facebook")).isEqualTo("Organic Social"); // not Content's "book"
    }

    @Test
    void normalisation() {
        assertThat(SelfReportedRules.normalise("  Collègue   de TRAVAIL!! ")).isEqualTo("collegue de travail");
        assertThat(SelfReportedRules.normalise("Weiß-nicht")).isEqualTo("weiss nicht");
        assertThat(SelfReportedRules.normalise("ＬｉｎｋｅｄＩｎ")).isEqualTo("linkedin"); // full-width
        assertThat(SelfReportedRules.normalise("İstanbul")).isEqualTo("istanbul");
        assertThat(SelfReportedRules.normalise("x.com/@acme 🚀 #1")).isEqualTo("x com acme 1");
        assertThat(SelfReportedRules.normalise("podcast\u00a0\u2014\u00a0ep.\u00a012")).isEqualTo("podcast ep 12");
        assertThat(SelfReportedRules.normalise(null)).isEmpty();
        assertThat(SelfReportedRules.normalise("a".repeat(5000))).hasSize(SelfReportedRules.MAX_ANSWER_CHARS);
        // case, accents and punctuation do not change the channel
        assertThat(DEFAULTS.channelOf("LINKEDIN AD!!!")).isEqualTo("Paid Social");
        assertThat(DEFAULTS.channelOf("Ｇ２")).isEqualTo("Review Sites");
    }

    @Test
    void channelsInRuleOrderThenOther() {
        List<String> channels = DEFAULTS.channels();
        assertThat(channels).startsWith("Podcast", "AI Assistants", "Events").endsWith("Paid Other", "Other");
        assertThat(channels).doesNotHaveDuplicates();
        assertThat(channels).containsAll(SelfReportedRules.darkChannels());
    }

    @Test
    void darkChannels() {
        assertThat(SelfReportedRules.darkChannels()).containsExactlyInAnyOrder("Podcast", "AI Assistants", "Events",
                "Outbound", "Word of Mouth", "Communities", "Offline");
        assertThat(SelfReportedRules.isDark("Podcast")).isTrue();
        assertThat(SelfReportedRules.isDark("Organic Social")).isFalse();
        assertThat(SelfReportedRules.isDark(null)).isFalse();
    }

    @Test
    void longAnswersAreReadUpToTheLimit() {
        String filler = "blah ".repeat(SelfReportedRules.MAX_ANSWER_CHARS / 5);
        assertThat(DEFAULTS.channelOf("podcast " + filler)).isEqualTo("Podcast");
        assertThat(DEFAULTS.channelOf(filler + "podcast")).isEqualTo("Other");
    }

    @Test
    void serializesAndStillMaps() throws Exception {
        SelfReportedRules rules = SelfReportedRules.fromConfig(ConfigFactory.parseString(
                "r = [ { channel = Acme, contains = [acme] } ]").getValue("r"), "r", true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rules);
        }
        SelfReportedRules copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SelfReportedRules) in.readObject();
        }
        assertThat(copy.channelOf("Acme Consulting")).isEqualTo("Acme");
        assertThat(copy.channelOf("a podcast")).isEqualTo("Podcast");
        assertThat(copy.channelOf("n/a")).isNull();
        assertThat(copy.channels()).isEqualTo(rules.channels());
    }

    /**
     * Seeded random answers (no property-testing library): any string maps to null, Other or a configured channel,
     * the same one every time, and never throws. Answers are built from rule words, noise, punctuation, accents,
     * surrogate pairs, lone surrogates and control characters.
     */
    @Test
    void anyStringMapsToNullOtherOrAChannel() {
        SelfReportedRules rules = SelfReportedRules.fromConfig(ConfigFactory.parseString("""
                r = [ { channel = "Acme", contains = ["acme*"], regex = "^(foo|bar)+$" }
                      { channel = "Both", equals = ["x y"], contains = [zz], and-contains = [ad] } ]""")
                .getValue("r"), "r", true);
        Set<String> allowed = new HashSet<>(rules.channels());
        String[] pieces = {"podcast", "ad", "Ads", "LinkedIn", "linked in", "google", "friend", "colleague", "n/a", "-",
            "x", "y", "zz", "acme", "foo", "bar", "ChatGPT", "G2", "Ü", "é", "ß", "İ", "😀", "\ud800", "\udc00", "\u0000",
            "\u00a0", "\t", "\n", " ", ".", ",", "!", "'", "*", "(", ")", "\\", "$", "^", "ＡＢ", "ﬁ", "한국어", "العربية"};
        Random random = new Random(20_2026L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(4) == 0) {
                    sb.append((char) random.nextInt(0x3000));
                } else {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
                if (random.nextBoolean()) {
                    sb.append(' ');
                }
            }
            String answer = sb.toString();
            String channel = rules.channelOf(answer);
            if (channel != null) {
                assertThat(allowed).as("channel of [%s]", answer).contains(channel);
            } else {
                assertThat(SelfReportedRules.normalise(answer).length()).as("no answer: [%s]", answer).isLessThan(25);
            }
            assertThat(rules.channelOf(answer)).as("again [%s]", answer).isEqualTo(channel);
            assertThat(rules.channelOf(new String(answer))).isEqualTo(channel);
        }
    }
}
