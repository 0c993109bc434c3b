package io.touchpoint.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceResolverTest {

    private static final String PAGE = "https://shop.example.com/landing";
    private final SourceResolver resolver = new SourceResolver(List.of("www.partner-checkout.com", "*.example.org"));

    private TrafficSource fromUrls(String page, String referrer) {
        return resolver.resolve(page, referrer, null, null, null, null, null);
    }

    @Test
    void utmFromPageUrlDecodedTrimmedCaseKept() {
        assertThat(fromUrls(PAGE + "?utm_source=News%20Letter+&utm_medium=Email&utm_campaign=spring&utm_term=t"
                + "&utm_content=c", "https://www.google.com/"))
                .isEqualTo(new TrafficSource("News Letter", "Email", "spring", "t", "c"));
    }

    @Test
    void utmColumnsWinOverUrlAsAWhole() {
        TrafficSource s = resolver.resolve(PAGE + "?utm_source=url&utm_medium=urlmed&utm_campaign=urlcamp",
                null, " col ", "  ", null, null, "  ");
        assertThat(s).isEqualTo(new TrafficSource("col", "(not set)", "(not set)", null, null));
    }

    @Test
    void blankColumnsFallBackToUrl() {
        assertThat(resolver.resolve(PAGE + "?utm_source=url", null, " ", "", null, null, null).source())
                .isEqualTo("url");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mtm_source=a&mtm_medium=b&mtm_campaign=c&mtm_kwd=t&mtm_content=x | a | b | c | t | x",
        "pk_source=a&pk_medium=b&pk_cpn=c&pk_keyword=t&pk_content=x       | a | b | c | t | x",
        "matomo_source=a&matomo_medium=b&matomo_campaign=c&matomo_kwd=t   | a | b | c | t |",
        "piwik_campaign=c&piwik_kwd=t                                     | (not set) | (not set) | c | t |",
        "mtm_cpn=c&mtm_keyword=t                                          | (not set) | (not set) | c | t |",
        "pk_campaign=c&pk_kwd=t                                           | (not set) | (not set) | c | t |",
        "utm_medium=cpc                                                   | (not set) | cpc | (not set) | |",
        "utm_source=x&mtm_source=y                                        | x | (not set) | (not set) | |",
    })
    void matomoAliasesAndMissingParts(String query, String source, String medium, String campaign, String term,
            String content) {
        assertThat(fromUrls(PAGE + "?" + query, null))
                .isEqualTo(new TrafficSource(source, medium, campaign, term, content));
    }

    @Test
    void termOrContentAloneIsNoCampaign() {
        assertThat(fromUrls(PAGE + "?utm_term=shoes", null)).isEqualTo(TrafficSource.DIRECT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gclid, google", "gbraid, google", "wbraid, google", "dclid, google", "msclkid, bing"})
    void clickIds(String param, String source) {
        assertThat(fromUrls(PAGE + "?" + param + "=abc123", "https://www.google.com/"))
                .isEqualTo(new TrafficSource(source, "cpc", "(not set)", null, null));
    }

    @Test
    void utmBeatsClickId() {
        assertThat(fromUrls(PAGE + "?gclid=x&utm_source=news", null).source()).isEqualTo("news");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://www.google.co.uk/search?q=shoes          | google     | shoes",
        "https://www.google.com/                          | google     |",
        "https://www.google.de/url?q=&sa=t                | google     |",
        "https://www.bing.com/search?q=red+boots&form=QBLH | bing      | red boots",
        "https://duckduckgo.com/?q=touch%20point          | duckduckgo | touch point",
        "https://fr.search.yahoo.com/search?p=velo        | yahoo!     | velo",
        "https://yandex.ru/search/?text=kino              | yandex     | kino",
        "https://images.de.ask.com/?q=x                   | ask        | x",
        "https://1.cz/s/boty                              | 1.cz       | boty",
    })
    void searchEngines(String referrer, String source, String term) {
        assertThat(fromUrls(PAGE, referrer)).isEqualTo(new TrafficSource(source, "organic", "(not set)", term, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://www.facebook.com/            | facebook.com",
        "https://l.facebook.com/l.php?u=x     | l.facebook.com",
        "https://t.co/abc                     | t.co",
        "https://www.some-blog.net/post/1     | some-blog.net",
        "https://google.evil-example.org.uk/x | google.evil-example.org.uk",
    })
    void referrals(String referrer, String source) {
        assertThat(fromUrls(PAGE, referrer)).isEqualTo(new TrafficSource(source, "referral", "(not set)", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://shop.example.com/cart         | same host",
        "https://www.shop.example.com/cart     | same host ignoring www",
        "https://partner-checkout.com/pay      | exact internal host, www ignored",
        "https://example.org/                  | wildcard covers the domain",
        "https://pay.eu.example.org/ok         | wildcard covers subdomains",
    })
    void internalReferrersAreDirect(String referrer, String why) {
        assertThat(resolver.isInternalReferrer(PAGE, referrer)).as(why).isTrue();
        assertThat(fromUrls(PAGE, referrer)).as(why).isEqualTo(TrafficSource.DIRECT);
    }

    @Test
    void notInternal() {
        assertThat(resolver.isInternalReferrer(PAGE, "https://example.com/")).isFalse();
        assertThat(resolver.isInternalReferrer(PAGE, "https://notexample.org/")).isFalse();
        assertThat(resolver.isInternalReferrer(PAGE, null)).isFalse();
        assertThat(new SourceResolver(null).isInternalReferrer(null, "https://x.com")).isFalse();
    }

    @Test
    void noReferrerIsDirectAndGarbageNeverThrows() {
        assertThat(fromUrls(PAGE, null)).isEqualTo(TrafficSource.DIRECT);
        assertThat(fromUrls(null, "")).isEqualTo(TrafficSource.DIRECT);
        assertThatCode(() -> fromUrls("::::", "http://%%%/?q=%")).doesNotThrowAnyException();
        assertThat(fromUrls("garbage", "garbage")).isEqualTo(TrafficSource.DIRECT);
    }

    @Test
    void directHelpers() {
        assertThat(TrafficSource.DIRECT).isEqualTo(new TrafficSource("(direct)", "(none)", "(not set)", null, null));
        assertThat(TrafficSource.DIRECT.isDirect()).isTrue();
        TrafficSource a = new TrafficSource("g", "cpc", "c", "t1", null);
        assertThat(a.sameSource(new TrafficSource("g", "cpc", "c", "t2", "x"))).isTrue();
        assertThat(a.sameSource(new TrafficSource("g", "cpc", "d", "t1", null))).isFalse();
        assertThat(a.sameSource(null)).isFalse();
    }

    @Test
    void aPageUrlIsParsedForItsQueryWheneverItMayNameAParameterThatIsRead() {
        assertThat(SourceResolver.PARAMETERS).contains("utm_source", "mtm_cpn", "piwik_kwd", "gbraid", "msclkid");
        for (String name : SourceResolver.PARAMETERS) {
            assertThat(SourceResolver.mayNameParameters("https://shop.example/p?x=1&" + name + "=v")).as(name).isTrue();
        }
        assertThat(SourceResolver.mayNameParameters("https://shop.example/p?utm%5Fsource=x")).isTrue();
        assertThat(SourceResolver.mayNameParameters("https://shop.example/p?sku=12&color=red")).isFalse();
        assertThat(SourceResolver.mayNameParameters("https://shop.example/utm_source/p")).isFalse();
        assertThat(SourceResolver.mayNameParameters(null)).isFalse();
        // Encoded names still resolve.
        assertThat(new SourceResolver(null).resolve("https://shop.example/p?utm%5Fsource=news&utm_medium=email",
                null, null, null, null, null, null).source()).isEqualTo("news");
    }
}
