package io.touchpoint.core.generate;

import io.touchpoint.core.generate.Campaigns.Campaign;
import io.touchpoint.core.generate.Campaigns.ClickId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Where a session comes from: the landing URL's query, its referrer and any utm columns a tracker filled. */
final class TrafficMix {

    /** Traffic kinds, in the order of the weight arrays below. */
    enum Source { DIRECT, ORGANIC_SEARCH, SOCIAL, REFERRAL, CAMPAIGN, CLICK_ID_ONLY }

    /**
     * The landing hit of a session.
     *
     * @param query    "" or {@code ?...} to append to the landing page URL
     * @param referrer "" for none
     */
    record Landing(String query, String referrer, UtmColumns columns, Pages.Kind target) {
    }

    private static final double[] FIRST_SESSION = {15, 28, 10, 7, 35, 5};
    // Returning visitors type the URL, click newsletters and retargeting more often.
    private static final double[] LATER_SESSION = {35, 20, 6, 4, 32, 3};

    private static final List<String> SEARCH_REFERRERS = List.of(
            "https://www.google.com/search?q=", "https://www.google.co.uk/search?q=", "https://www.bing.com/search?q=",
            "https://duckduckgo.com/?q=", "https://search.yahoo.com/search?p=", "https://www.ecosia.org/search?q=");
    private static final double[] SEARCH_WEIGHTS = {55, 8, 15, 8, 6, 8};
    private static final List<String> KEYWORDS = List.of(
            "shop example", "running shoes sale", "waterproof jacket women", "leather bag care",
            "best hiking boots 2026", "kids rain boots", "wool beanie");
    private static final List<String> SOCIAL_REFERRERS = List.of(
            "https://www.facebook.com/", "https://m.facebook.com/", "https://t.co/", "https://www.linkedin.com/",
            "https://www.reddit.com/r/BuyItForLife/", "https://www.pinterest.com/", "https://www.youtube.com/");
    private static final List<String> OTHER_REFERRERS = List.of(
            "https://www.theverge.com/2026/8/28/best-backpacks", "https://news.ycombinator.com/item?id=41234567",
            "https://medium.com/@trailrunner/my-gear-list-2026", "https://www.buzzfeed.com/shopping/autumn-finds",
            "https://outdoorgearlab.example/reviews/rain-jackets", "https://blog.minimalist.example/capsule-wardrobe");
    private static final List<Pages.Kind> CAMPAIGN_TARGETS = List.of(Pages.Kind.PRODUCT, Pages.Kind.CATEGORY, Pages.Kind.HOME);
    private static final double[] CAMPAIGN_TARGET_WEIGHTS = {50, 35, 15};
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final String HEX = "0123456789abcdef";

    private final Rand rand;

    TrafficMix(Rand rand) {
        this.rand = rand;
    }

    /** Draws the source of a session; a person's first session sees more acquisition channels. */
    Landing landing(boolean firstSession) {
        Source source = Source.values()[rand.weighted(firstSession ? FIRST_SESSION : LATER_SESSION)];
        return switch (source) {
            case DIRECT -> plain("", Pages.Kind.HOME, Pages.Kind.HOME, Pages.Kind.PRODUCT);
            case ORGANIC_SEARCH -> plain(searchReferrer(), Pages.Kind.BLOG, Pages.Kind.PRODUCT, Pages.Kind.CATEGORY);
            case SOCIAL -> plain(socialReferrer(), Pages.Kind.BLOG, Pages.Kind.PRODUCT, Pages.Kind.HOME);
            case REFERRAL -> plain(rand.pick(OTHER_REFERRERS), Pages.Kind.PRODUCT, Pages.Kind.CATEGORY, Pages.Kind.BLOG);
            case CAMPAIGN -> campaign(rand.pick(Campaigns.ALL, firstSession ? Campaigns.FIRST_WEIGHTS : Campaigns.LATER_WEIGHTS));
            case CLICK_ID_ONLY -> clickIdOnly();
        };
    }

    /** A direct quick return within half an hour, as after a closed and reopened tab. */
    Landing directReturn() {
        return new Landing("", "", UtmColumns.EMPTY, Pages.Kind.HOME);
    }

    private Landing plain(String referrer, Pages.Kind... targets) {
        return new Landing("", referrer, UtmColumns.EMPTY, targets[rand.between(0, targets.length - 1)]);
    }

    private String searchReferrer() {
        String engine = rand.pick(SEARCH_REFERRERS, SEARCH_WEIGHTS);
        // Google mostly strips the query from its referrer nowadays.
        if (engine.contains("google") && rand.chance(0.4)) {
            return engine.substring(0, engine.indexOf("search"));
        }
        return engine + encode(rand.pick(KEYWORDS));
    }

    private String socialReferrer() {
        String site = rand.pick(SOCIAL_REFERRERS);
        return site.equals("https://t.co/") ? site + rand.token(ID_CHARS.substring(0, 62), 10) : site;
    }

    private Landing campaign(Campaign c) {
        String name = rand.pick(c.names());
        String term = c.terms().isEmpty() ? "" : rand.pick(c.terms());
        String content = c.contents().isEmpty() ? "" : rand.pick(c.contents());
        // Hand-built links are not always lower case; the engine must normalise.
        String source = rand.chance(0.04) ? Character.toUpperCase(c.source().charAt(0)) + c.source().substring(1) : c.source();
        double alias = rand.uniform();
        String prefix = alias < 0.85 ? "utm_" : alias < 0.95 ? "mtm_" : "pk_";
        String termKey = prefix.equals("utm_") ? "utm_term" : prefix + "kwd";
        StringBuilder q = new StringBuilder("?");
        q.append(prefix).append("source=").append(encode(source));
        q.append('&').append(prefix).append("medium=").append(encode(c.medium()));
        q.append('&').append(prefix).append("campaign=").append(encode(name));
        if (!term.isEmpty()) {
            q.append('&').append(termKey).append('=').append(encode(term));
        }
        if (!content.isEmpty()) {
            q.append('&').append(prefix).append("content=").append(encode(content));
        }
        String clickId = clickId(c.clickId());
        if (!clickId.isEmpty()) {
            q.append('&').append(clickId);
        }
        // About a fifth of trackers extract the parameters into columns themselves.
        UtmColumns columns = rand.chance(0.2) ? new UtmColumns(source, c.medium(), name, term, content) : UtmColumns.EMPTY;
        Pages.Kind target = rand.pick(CAMPAIGN_TARGETS, CAMPAIGN_TARGET_WEIGHTS);
        return new Landing(q.toString(), rand.pick(c.referrers()), columns, target);
    }

    /** Ads auto-tagged with a click id only, no utm parameters at all. */
    private Landing clickIdOnly() {
        boolean bing = rand.chance(0.15);
        String query = "?" + clickId(bing ? ClickId.MICROSOFT : ClickId.GOOGLE);
        String referrer = bing ? "https://www.bing.com/" : "https://www.google.com/";
        return new Landing(query, referrer, UtmColumns.EMPTY, Pages.Kind.PRODUCT);
    }

    private String clickId(ClickId kind) {
        return switch (kind) {
            case NONE -> "";
            case GOOGLE -> {
                // iOS app traffic gets gbraid/wbraid instead of gclid.
                double x = rand.uniform();
                yield x < 0.85 ? "gclid=Cj0KCQjw" + rand.token(ID_CHARS, 40)
                        : x < 0.93 ? "gbraid=0AAAAAD" + rand.token(ID_CHARS, 28)
                        : "wbraid=CkkKCQjw" + rand.token(ID_CHARS, 28);
            }
            case DISPLAY -> "dclid=CJ" + rand.token(ID_CHARS, 24);
            case MICROSOFT -> "msclkid=" + rand.token(HEX, 32);
            case META -> "fbclid=IwAR" + rand.token(ID_CHARS, 40);
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
