package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Known crawlers, bots and scripted clients are bots; real browsers, desktop and mobile, are not. */
class BotDetectorTest {

    @BeforeEach
    void needsYauaa() {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/128.0.6613.119 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) "
                + "Chrome/128.0.6613.119 Safari/537.36",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "python-requests/2.32.3",
        "curl/8.4.0",
    })
    void botsAndCrawlers(String userAgent) {
        assertThat(BotDetector.isBot(userAgent)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 "
                + "Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 "
                + "Edg/128.0.0.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 "
                + "Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
                + "Chrome/121.0.0.0 Mobile Safari/537.36",
    })
    void browsers(String userAgent) {
        assertThat(BotDetector.isBot(userAgent)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void absentUserAgentIsNotJudgedABot(String userAgent) {
        assertThat(BotDetector.isBot(userAgent)).isFalse();
    }

    /** The device category and browser family kept of a user agent instead of the string (store-user-agent = false). */
    @ParameterizedTest(name = "{1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36|desktop|Chrome",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0|desktop|Firefox",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15|desktop|Safari",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0|desktop|Edge",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1|mobile|Safari",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36|mobile|SamsungBrowser",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1|tablet|Safari",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|bot|Googlebot",
    })
    void deviceCategoryAndBrowserFamily(String userAgent, String category, String family) {
        BotDetector.Agent a = BotDetector.agent(userAgent);
        assertThat(a.deviceCategory()).isEqualTo(category);
        assertThat(a.browserFamily()).isEqualTo(family);
        assertThat(a.bot()).isEqualTo(category.equals("bot"));
        assertThat(BotDetector.agent(userAgent)).isSameAs(a); // remembered
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "Desktop, desktop", "Phone, mobile", "Mobile, mobile", "Tablet, tablet", "eReader, tablet", "TV, tv",
        "Set-top box, tv", "Game Console, tv", "Robot, bot", "Robot Mobile, bot", "Robot Imitator, bot", "Spy, bot",
        "Hacker, bot", "Watch, other", "Virtual Reality, other", "Handheld Game Console, other", "Anonymized, other",
        "Unknown, other",
    })
    void deviceClassesMapToCategories(String deviceClass, String category) {
        assertThat(new BotDetector.Agent(deviceClass, "x").deviceCategory()).isEqualTo(category);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void absentUserAgentHasNoAnalysis(String userAgent) {
        assertThat(BotDetector.agent(userAgent)).isNull();
    }
}
