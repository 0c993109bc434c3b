package io.touchpoint.core.generate;

import static io.touchpoint.core.generate.SampleLog.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample must exercise every stage of the engine: each traffic kind, the funnel, identities, bots and quirks. */
class LogRealismTest {
    private static final long HALF_HOUR = 30 * 60 * 1000L;

    private static long count(Predicate<List<String>> test) {
        return SAMPLE.rows.stream().filter(test).count();
    }

    private static long pageUrlsContaining(String part) {
        return count(r -> r.get(5).contains(part));
    }

    private static long referrersStartingWith(String prefix) {
        return count(r -> r.get(6).startsWith(prefix));
    }

    @Test
    void everyTaggedTrafficKindIsPresent() {
        for (String part : List.of("utm_source=newsletter&utm_medium=email", "utm_medium=cpc", "utm_term=",
                "utm_medium=paid_social", "utm_medium=affiliate", "cross-network", "shopping", "utm_medium=cpv", "utm_medium=push", "utm_medium=cpm",
                "utm_medium=sms", "mtm_source=", "pk_campaign=", "gclid=", "msclkid=", "dclid=", "fbclid=")) {
            assertThat(pageUrlsContaining(part)).as(part).isPositive();
        }
        assertThat(pageUrlsContaining("gbraid=") + pageUrlsContaining("wbraid=")).isPositive();
        // Some click ids come without any utm parameter (ads auto-tagging).
        assertThat(count(r -> r.get(5).contains("?gclid="))).isPositive();
    }

    @Test
    void aboutAFifthOfTaggedHitsAlsoCarryUtmColumns() {
        long tagged = count(r -> r.get(5).contains("_source=") || r.get(5).contains("pk_campaign="));
        long withColumns = count(r -> !r.get(7).isEmpty());
        assertThat(withColumns).isBetween(tagged / 8, tagged / 3);
        assertThat(SAMPLE.rows).filteredOn(r -> !r.get(7).isEmpty()).allSatisfy(r -> assertThat(r.get(5)).contains("?"));
    }

    @Test
    void searchSocialReferralAndDirectVisitsArePresent() {
        for (String prefix : List.of("https://www.google.com/search?q=", "https://www.google.co.uk/", "https://www.bing.com/search?q=",
                "https://duckduckgo.com/?q=", "https://search.yahoo.com/", "https://www.ecosia.org/", "https://www.facebook.com/",
                "https://m.facebook.com/", "https://t.co/", "https://www.linkedin.com/", "https://www.reddit.com/",
                "https://www.pinterest.com/", "https://www.youtube.com/", "https://news.ycombinator.com/", "https://medium.com/")) {
            assertThat(referrersStartingWith(prefix)).as(prefix).isPositive();
        }
        assertThat(count(r -> !SampleLog.isBot(r) && r.get(6).isEmpty() && !r.get(5).contains("?"))).isGreaterThan(500);
    }

    @Test
    void laterHitsOfASessionAreInternalAndUntagged() {
        assertThat(SAMPLE.rows).filteredOn(r -> r.get(6).startsWith(Pages.SITE))
                .hasSizeGreaterThan(SAMPLE.rows.size() / 3)
                .allSatisfy(r -> assertThat(r.get(5)).doesNotContain("?"));
        assertThat(SAMPLE.rows).allSatisfy(r -> assertThat(r.get(5)).startsWith(Pages.SITE + "/"));
    }

    @Test
    void funnelDropsOffAndPurchasesCarryRevenue() {
        Map<String, Long> byEvent = SAMPLE.rows.stream().collect(Collectors.groupingBy(r -> r.get(4), TreeMap::new, Collectors.counting()));
        assertThat(byEvent.get("product_view")).isGreaterThan(3 * byEvent.get("add_to_cart"));
        assertThat(byEvent.get("add_to_cart")).isGreaterThan(byEvent.get("begin_checkout"));
        assertThat(byEvent.get("begin_checkout")).isGreaterThan(byEvent.get("purchase"));
        assertThat(byEvent.get("purchase")).isGreaterThan(50);
        assertThat(SAMPLE.rows).filteredOn(r -> r.get(4).equals("purchase")).allSatisfy(r -> {
            assertThat(Double.parseDouble(r.get(12))).isBetween(15.0, 400.0);
            assertThat(r.get(5)).isEqualTo(Pages.SITE + "/thank-you");
        });
        assertThat(SAMPLE.rows).filteredOn(r -> !r.get(4).equals("purchase")).allSatisfy(r -> assertThat(r.get(12)).isEmpty());
    }

    @Test
    void someUsersAreSeenOnSeveralDevicesAfterAnonymousVisits() {
        Map<String, Set<String>> visitorsByUser = new TreeMap<>();
        Map<String, List<String>> userIdsByVisitor = new TreeMap<>();
        for (List<String> r : SAMPLE.rows) {
            if (!r.get(3).isEmpty()) {
                visitorsByUser.computeIfAbsent(r.get(3), u -> new TreeSet<>()).add(r.get(2));
            }
            userIdsByVisitor.computeIfAbsent(r.get(2), v -> new ArrayList<>()).add(r.get(3));
        }
        assertThat(visitorsByUser.values().stream().filter(v -> v.size() >= 2).count()).isGreaterThan(30);
        // Rows of a visitor are in time order: anonymous first, then logged in.
        long anonymousThenLoggedIn = userIdsByVisitor.values().stream()
                .filter(ids -> ids.get(0).isEmpty() && ids.stream().anyMatch(id -> !id.isEmpty())).count();
        assertThat(anonymousThenLoggedIn).isGreaterThan(30);
        assertThat(SAMPLE.rows).allSatisfy(r -> assertThat(r.get(3)).matches("|u\\d{5}"));
    }

    @Test
    void botsCrawlFastWithoutReferrer() {
        List<List<String>> botRows = SAMPLE.rows.stream().filter(SampleLog::isBot).toList();
        assertThat(botRows).hasSizeGreaterThan(500).allSatisfy(r -> {
            assertThat(r.get(6)).isEmpty();
            assertThat(r.get(3)).isEmpty();
        });
        assertThat(botRows.stream().map(r -> r.get(13)).distinct().count()).isGreaterThan(5);
    }

    @Test
    void sessionsAreHeavyTailedAndSomeReturnJustAroundTheTimeout() {
        Map<String, List<Long>> timesByVisitor = new TreeMap<>();
        for (List<String> r : SAMPLE.rows) {
            if (!SampleLog.isBot(r)) {
                timesByVisitor.computeIfAbsent(r.get(2), v -> new ArrayList<>()).add(SampleLog.epochMillis(r.get(1)));
            }
        }
        int oneSession = 0;
        int maxSessions = 0;
        int returnsNearTimeout = 0;
        for (List<Long> times : timesByVisitor.values()) {
            int sessions = 1;
            for (int i = 1; i < times.size(); i++) {
                long gap = times.get(i) - times.get(i - 1);
                assertThat(gap).isNotNegative();
                sessions += gap > HALF_HOUR ? 1 : 0;
                returnsNearTimeout += gap >= 20 * 60_000L && gap <= 40 * 60_000L ? 1 : 0;
            }
            oneSession += sessions == 1 ? 1 : 0;
            maxSessions = Math.max(maxSessions, sessions);
        }
        assertThat(oneSession).isGreaterThan(timesByVisitor.size() / 2);
        assertThat(maxSessions).isGreaterThanOrEqualTo(20);
        assertThat(returnsNearTimeout).isGreaterThan(20);
    }

    @Test
    void timesStayInRangeInSeveralFormats() {
        long start = Instant.parse("2026-09-01T00:00:00Z").toEpochMilli();
        long end = Instant.parse("2026-09-29T00:00:00Z").toEpochMilli();
        assertThat(SAMPLE.rows).allSatisfy(r -> assertThat(SampleLog.epochMillis(r.get(1))).isBetween(start, end - 1));
        assertThat(count(r -> r.get(1).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))).isGreaterThan(SAMPLE.rows.size() * 9L / 10);
        assertThat(count(r -> r.get(1).matches("\\d{13}"))).isBetween(SAMPLE.rows.size() / 100L, SAMPLE.rows.size() / 25L);
        assertThat(count(r -> r.get(1).endsWith("+02:00"))).isPositive();
    }

    @Test
    void humansUseRealBrowsers() {
        assertThat(SAMPLE.rows).filteredOn(r -> !SampleLog.isBot(r)).allSatisfy(r -> assertThat(r.get(13)).startsWith("Mozilla/5.0 ("));
        assertThat(count(r -> r.get(13).contains("iPhone"))).isPositive();
        assertThat(count(r -> r.get(13).contains("Windows NT"))).isPositive();
    }
}
