package io.touchpoint.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every GA4 default channel with at least one positive case, plus cases where rule order decides. */
class ChannelRulesTest {

    private static final ChannelRules GA4 = ChannelRules.ga4Default();

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "(direct)      | (none)        | (not set)            | Direct",
        "(direct)      | (not set)     | (not set)            | Direct",
        "(Direct)      | (NONE)        | (not set)            | Direct",
        "(direct)      | cpc           | (not set)            | Paid Other",
        "google        | cpc           | pmax_cross-network   | Cross-network",
        "amazon        | cpc           | (not set)            | Paid Shopping",
        "newsletter    | cpc           | summer_shop          | Paid Shopping",
        "newsletter    | ppc           | Shopping feed        | Paid Shopping",
        "google        | cpc           | (not set)            | Paid Search",
        "bing          | paid_search   | brand                | Paid Search",
        "Google        | CPC           | (not set)            | Paid Search",
        "facebook.com  | cpc           | (not set)            | Paid Social",
        "facebook      | retargeting   | (not set)            | Paid Social",
        "youtube.com   | cpc           | (not set)            | Paid Video",
        "whatever      | cpm           | (not set)            | Display",
        "whatever      | banner        | (not set)            | Display",
        "whatever      | ppc           | (not set)            | Paid Other",
        "criteo        | paid          | (not set)            | Paid Other",
        "amazon.com    | referral      | (not set)            | Organic Shopping",
        "partner       | referral      | workshop             | Referral",
        "partner       | referral      | shop-now             | Organic Shopping",
        "facebook.com  | referral      | (not set)            | Organic Social",
        "l.facebook.com| referral      | (not set)            | Organic Social",
        "whatever      | social media  | (not set)            | Organic Social",
        "whatever      | sm            | (not set)            | Organic Social",
        "youtube.com   | referral      | (not set)            | Organic Video",
        "whatever      | my-video-ads  | (not set)            | Organic Video",
        "google        | organic       | (not set)            | Organic Search",
        "yahoo!        | organic       | (not set)            | Organic Search",
        "duckduckgo    | referral      | (not set)            | Organic Search",
        "whatever      | organic       | (not set)            | Organic Search",
        "blog.example  | referral      | (not set)            | Referral",
        "whatever      | app           | (not set)            | Referral",
        "whatever      | link          | (not set)            | Referral",
        "newsletter    | email         | spring               | Email",
        "e-mail        | (not set)     | (not set)            | Email",
        "whatever      | e mail        | (not set)            | Email",
        "whatever      | affiliate     | (not set)            | Affiliates",
        "whatever      | audio         | (not set)            | Audio",
        "sms           | (not set)     | (not set)            | SMS",
        "whatever      | SMS           | (not set)            | SMS",
        "whatever      | web-push      | (not set)            | Mobile Push Notifications",
        "whatever      | mobile-banner | (not set)            | Mobile Push Notifications",
        "whatever      | notification  | (not set)            | Mobile Push Notifications",
        "firebase      | (not set)     | (not set)            | Mobile Push Notifications",
        "unknown       | whatever      | (not set)            | Unassigned",
        "unknown       | (none)        | (not set)            | Unassigned",
    })
    void ga4Default(String source, String medium, String campaign, String channel) {
        assertThat(GA4.channelOf(new TrafficSource(source, medium, campaign, null, null))).isEqualTo(channel);
    }

    @Test
    void nullPartsDoNotThrow() {
        assertThat(GA4.channelOf(new TrafficSource(null, null, null, null, null))).isEqualTo("Unassigned");
    }

    @Test
    void channelsInGoogleOrderThenUnassigned() {
        assertThat(GA4.channels()).containsExactly("Direct", "Cross-network", "Paid Shopping", "Paid Search",
                "Paid Social", "Paid Video", "Display", "Paid Other", "Organic Shopping", "Organic Social",
                "Organic Video", "Organic Search", "Referral", "Email", "Affiliates", "Audio", "SMS",
                "Mobile Push Notifications", "Unassigned");
    }

    @Test
    void resolverOutputFlowsIntoChannels() {
        SourceResolver r = new SourceResolver(List.of());
        assertThat(GA4.channelOf(r.resolve("https://a.com/", "https://www.facebook.com/", null, null, null, null,
                null))).isEqualTo("Organic Social");
        assertThat(GA4.channelOf(r.resolve("https://a.com/", "https://www.google.co.uk/search?q=shoes", null, null,
                null, null, null))).isEqualTo("Organic Search");
        assertThat(GA4.channelOf(r.resolve("https://a.com/?gclid=1", null, null, null, null, null, null)))
                .isEqualTo("Paid Search");
        assertThat(GA4.channelOf(TrafficSource.DIRECT)).isEqualTo("Direct");
    }

    @Test
    void sourceCategories() {
        SourceCategories c = SourceCategories.bundled();
        assertThat(c.of("Google")).contains(SourceCategory.SEARCH);
        assertThat(c.of("www.google.co.uk")).contains(SourceCategory.SEARCH); // Matomo host pattern google.{}
        assertThat(c.of("facebook.com")).contains(SourceCategory.SOCIAL);
        assertThat(c.of("bsky.app")).contains(SourceCategory.SOCIAL); // Matomo socials only
        assertThat(c.of("Bluesky")).contains(SourceCategory.SOCIAL);
        assertThat(c.of("youtube.com")).contains(SourceCategory.VIDEO);
        assertThat(c.of("amazon")).contains(SourceCategory.SHOPPING);
        assertThat(c.of("nowhere.example")).isEmpty();
        assertThat(c.of(null)).isEmpty();
        assertThat(c.of(" ")).isEmpty();
    }

    @Test
    void serializesSmallAndWorksAfterRoundTrip() throws Exception {
        ChannelRules rules = roundTrip(GA4);
        assertThat(rules.channelOf(new TrafficSource("google", "cpc", "x", null, null))).isEqualTo("Paid Search");
        SourceResolver resolver = roundTrip(new SourceResolver(List.of("*.example.com")));
        assertThat(resolver.resolve("https://x.com/", "https://www.bing.com/search?q=a", null, null, null, null,
                null).source()).isEqualTo("bing");
        assertThat(resolver.isInternalReferrer("https://x.com/", "https://a.example.com/")).isTrue();
        assertThat(roundTrip(SourceCategories.bundled())).isSameAs(SourceCategories.bundled());
        assertThat(serialize(new SourceResolver(List.of())).length).isLessThan(1_000);
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(o)))) {
            return (T) in.readObject();
        }
    }
}
