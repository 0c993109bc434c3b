package io.touchpoint.core.generate;

import java.util.List;

/** The shop's paid and owned campaigns: what their tagged links carry and where their clicks come from. */
final class Campaigns {

    /** Which click id an ad network appends to the landing URL. */
    enum ClickId { NONE, GOOGLE, DISPLAY, MICROSOFT, META }

    /**
     * One source/medium pair and its tagged-link values.
     *
     * @param referrers    referrer of the landing hit; "" where the click comes from an app or mail client
     * @param firstWeight  weight among tagged landings of a person's first session
     * @param laterWeight  weight among tagged landings of later sessions (more email, sms and retargeting)
     */
    record Campaign(String source, String medium, List<String> names, List<String> terms,
                    List<String> contents, List<String> referrers, ClickId clickId,
                    double firstWeight, double laterWeight) {
    }

    private static final List<String> NONE = List.of();
    private static final List<String> SEARCH_TERMS = List.of(
            "running shoes", "waterproof jacket", "shop example", "leather backpack", "trail running shoes",
            "wool beanie");

    static final List<Campaign> ALL = List.of(
            new Campaign("newsletter", "email", List.of("autumn_sale", "weekly_digest", "back_in_stock"), NONE,
                    List.of("hero_banner", "product_grid", "footer_link"),
                    List.of("", "", "https://mail.google.com/", "https://outlook.live.com/"), ClickId.NONE, 10, 28),
            new Campaign("facebook", "cpc", List.of("autumn_sale", "prospecting_lookalike", "retargeting_cart"), NONE,
                    List.of("carousel_1", "video_15s", "static_a"),
                    List.of("https://m.facebook.com/", "https://l.facebook.com/", "https://www.facebook.com/"),
                    ClickId.META, 20, 12),
            new Campaign("google", "cpc", List.of("brand_search", "generic_shoes", "generic_jackets"), SEARCH_TERMS,
                    NONE, List.of("https://www.google.com/"), ClickId.GOOGLE, 22, 15),
            new Campaign("instagram", "paid_social", List.of("autumn_sale", "influencer_collab"), NONE,
                    List.of("story_swipe", "reel_ad"), List.of("https://l.instagram.com/", ""), ClickId.META, 10, 6),
            new Campaign("partner", "affiliate", List.of("partner_q3", "coupon_site"), NONE, NONE,
                    List.of("https://www.dealfinder.example/autumn-deals", "https://couponhub.example/shop-example"),
                    ClickId.NONE, 6, 5),
            // GA4 calls a campaign "Cross-network" by its name (Performance Max campaigns carry it).
            new Campaign("google", "cpc", List.of("pmax_cross-network_catalog"), NONE, NONE,
                    List.of("", "https://www.youtube.com/"), ClickId.GOOGLE, 6, 4),
            new Campaign("google", "cpc", List.of("shopping_feed_autumn"), NONE, NONE,
                    List.of("https://www.google.com/"), ClickId.GOOGLE, 3, 2),
            new Campaign("youtube", "cpv", List.of("video_launch"), NONE, List.of("bumper_6s"),
                    List.of("https://www.youtube.com/"), ClickId.GOOGLE, 2, 1),
            new Campaign("app", "push", List.of("price_drop_alert"), NONE, NONE, List.of(""), ClickId.NONE, 0, 3),
            new Campaign("gdn", "cpm", List.of("prospecting_display"), NONE, List.of("300x250", "728x90"),
                    List.of("https://tpc.googlesyndication.com/", "https://www.theguardian.com/"), ClickId.DISPLAY, 6, 4),
            new Campaign("criteo", "display", List.of("retargeting_products"), NONE, NONE,
                    List.of("https://www.lemonde.fr/", "https://www.spiegel.de/"), ClickId.NONE, 4, 8),
            new Campaign("sms", "sms", List.of("flash_sale"), NONE, NONE, List.of(""), ClickId.NONE, 4, 8),
            new Campaign("bing", "cpc", List.of("brand_search", "generic_shoes"), SEARCH_TERMS, NONE,
                    List.of("https://www.bing.com/"), ClickId.MICROSOFT, 6, 4));

    static final double[] FIRST_WEIGHTS = ALL.stream().mapToDouble(Campaign::firstWeight).toArray();
    static final double[] LATER_WEIGHTS = ALL.stream().mapToDouble(Campaign::laterWeight).toArray();

    private Campaigns() {
    }
}
