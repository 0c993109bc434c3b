package io.touchpoint.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** URL scrubbing: deny-listed parameters dropped, e-mails and phone numbers redacted, nothing else touched. */
class UrlScrubberTest {
    private static final UrlScrubber SCRUB = new UrlScrubber(UrlScrubber.DEFAULT_PARAMS);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // deny-listed parameters go, whatever their case; the others stay in their order
        "https://s.example.com/p?email=jane%40example.com&utm_source=news | https://s.example.com/p?utm_source=news",
        "https://s.example.com/p?utm_source=news&Token=abc123&x=1 | https://s.example.com/p?utm_source=news&x=1",
        "https://s.example.com/p?PHONE=1&NAME=Jane&sid=9 | https://s.example.com/p",
        "https://s.example.com/p?a=1#access_token=xyz&state=2 | https://s.example.com/p?a=1#state=2",
        "https://s.example.com/p#reviews | https://s.example.com/p#reviews",
        // e-mail addresses anywhere, also percent-encoded
        "https://s.example.com/u/jane.doe@example.com/orders | https://s.example.com/u/(redacted)/orders",
        "https://s.example.com/p?ref=jane.doe%40example.co.uk | https://s.example.com/p?ref=(redacted)",
        // phone numbers: a + and digits, or digit groups split by spaces, dashes or brackets
        "https://s.example.com/call/+4930123456789 | https://s.example.com/call/(redacted)",
        "https://s.example.com/p?callback=030%201234%205678 | https://s.example.com/p?callback=(redacted)",
        "https://s.example.com/p?c=(030)123-45678 | https://s.example.com/p?c=(redacted)",
    })
    void removesPersonalValues(String url, String expected) {
        assertThat(SCRUB.scrub(url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://medium.com/@trailrunner/my-gear-list-2026",
        "https://shop.example.com/p/sku-0009?msclkid=6afd3e91bc2819bf62a5e4f996429663",
        "https://shop.example.com/order/1788256800000?utm_campaign=autumn_sale",
        "https://shop.example.com/blog/2026-09-01/news",
        "https://shop.example.com/app/128.0.6613.98/download",
        "https://shop.example.com/p?q=leather+backpack&gclid=Cj0KCQjw",
        "https://shop.example.com/",
    })
    void leavesEverythingElse(String url) {
        assertThat(SCRUB.scrub(url)).isSameAs(url);
    }

    @Test
    void nullAndAnEmptyListKeepWhatTheyCan() {
        assertThat(SCRUB.scrub(null)).isNull();
        assertThat(new UrlScrubber(List.of()).scrub("https://s.example.com/p?email=a&x=1")).isEqualTo("https://s.example.com/p?email=a&x=1");
    }

    @Test
    void aQuarantinedRecordIsRedactedInPlace() {
        String raw = "e5,yesterday,v1,,page_view,https://s.example.com/p?email=jane%40example.com&x=1,,,,,,,,"
                + "\"Mozilla/5.0 (iPhone) CriOS/128.0.6613.98 Mobile/15E148\"";
        assertThat(SCRUB.scrubText(raw)).isEqualTo("e5,yesterday,v1,,page_view,https://s.example.com/p?email=(redacted)&x=1,,,,,,,,"
                + "\"Mozilla/5.0 (iPhone) CriOS/128.0.6613.98 Mobile/15E148\"");
        assertThat(SCRUB.scrubText("{\"event_time\":\"2026-09-01 10:00:00\",\"user\":\"jane@example.com\"}"))
                .isEqualTo("{\"event_time\":\"2026-09-01 10:00:00\",\"user\":\"(redacted)\"}");
    }
}
