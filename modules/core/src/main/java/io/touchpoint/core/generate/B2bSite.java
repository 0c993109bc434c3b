package io.touchpoint.core.generate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The B2B vendor's web site ({@code https://www.beaconhq.example}, an analytics SaaS) and where its
 * sessions come from: organic and paid search, LinkedIn, review sites, newsletters, direct, and the
 * paid campaigns that spend.csv pays for.
 */
final class B2bSite {
    static final String SITE = "https://www.beaconhq.example";
    static final String DEMO = SITE + "/demo";
    static final String DEMO_THANKS = SITE + "/demo/thank-you";
    static final String SIGNUP = SITE + "/signup";
    static final String WELCOME = SITE + "/welcome";

    /** Where a visitor is in the buying cycle, which decides the pages they read. */
    enum Phase { RESEARCH, EVALUATION }

    /** What a person does at the end of a session. */
    enum Action { NONE, FORM, SIGNUP }

    /** The self-reported answer a first touch of this kind tends to give. */
    enum Origin { SEARCH, LINKEDIN, REVIEW, SOCIAL, OTHER, DIRECT }

    private enum Source { DIRECT, ORGANIC_SEARCH, SOCIAL, REVIEW, REFERRAL, EMAIL, PAID }

    /** Which click id an ad network appends to the landing URL. */
    enum ClickId { NONE, GOOGLE, MICROSOFT, META }

    /**
     * A paid campaign: its tagged links and its daily budget in spend.csv.
     *
     * @param channel      the GA4 default channel group the engine gives its sessions, as written in spend.csv
     * @param personWeight weight among the paid landings of people at accounts and on free mail
     * @param anonWeight   weight among the paid landings of anonymous visitors
     * @param budget       typical weekday cost in USD
     * @param fromDay      first day (0-based) it runs; it runs to the end of the range
     */
    record Paid(String source, String medium, String campaign, String channel, ClickId clickId, Origin origin,
                String referrer, String landing, double personWeight, double anonWeight, double budget, int fromDay) {
    }

    static final List<Paid> PAID = List.of(
            new Paid("google", "cpc", "brand_search", "Paid Search", ClickId.GOOGLE, Origin.SEARCH,
                    "https://www.google.com/", "/", 25, 10, 40, 0),
            new Paid("google", "cpc", "generic_attribution_software", "Paid Search", ClickId.GOOGLE, Origin.SEARCH,
                    "https://www.google.com/", "/lp/marketing-attribution", 30, 30, 120, 0),
            new Paid("bing", "cpc", "generic_attribution_software", "Paid Search", ClickId.MICROSOFT, Origin.SEARCH,
                    "https://www.bing.com/", "/lp/marketing-attribution", 8, 8, 25, 0),
            new Paid("linkedin", "paid_social", "abm_target_accounts", "Paid Social", ClickId.NONE, Origin.LINKEDIN,
                    "https://www.linkedin.com/", "/lp/b2b-attribution-guide", 25, 10, 150, 14),
            new Paid("facebook", "paid_social", "retargeting_visitors", "Paid Social", ClickId.META, Origin.SOCIAL,
                    "https://l.facebook.com/", "/customers", 6, 6, 30, 0),
            new Paid("capterra", "cpc", "software_listing", "Paid Other", ClickId.NONE, Origin.REVIEW,
                    "https://www.capterra.com/", "/pricing", 6, 4, 60, 0),
            // Runs, gets clicks from people who never become leads: spend with no conversions.
            new Paid("gdn", "cpm", "prospecting_display", "Display", ClickId.GOOGLE, Origin.OTHER,
                    "https://tpc.googlesyndication.com/", "/lp/marketing-attribution", 0, 30, 50, 0),
            // Sponsored posts paid for impressions; nobody clicks through: spend with no sessions at all.
            new Paid("linkedin", "paid_social", "thought_leader_ads", "Paid Social", ClickId.NONE, Origin.LINKEDIN,
                    "https://www.linkedin.com/", "/", 0, 0, 45, 60));

    private static final double[] PERSON_PAID = PAID.stream().mapToDouble(Paid::personWeight).toArray();
    private static final double[] ANON_PAID = PAID.stream().mapToDouble(Paid::anonWeight).toArray();

    private static final double[] FIRST_SESSION = {8, 30, 12, 8, 5, 0, 37};
    private static final double[] LATER_SESSION = {35, 18, 6, 4, 2, 15, 20};
    private static final double[] ANONYMOUS = {10, 45, 15, 3, 7, 2, 18};

    private static final List<String> BLOG = List.of(
            "multi-touch-attribution-guide", "b2b-buying-committee", "dark-social-explained",
            "utm-naming-conventions", "crm-and-web-analytics", "marketing-mix-vs-attribution",
            "first-party-data-2026", "pipeline-reporting-for-cmos");
    private static final List<String> DOCS = List.of(
            "getting-started", "tracking-snippet", "crm-sync", "api", "sso", "data-export", "consent-mode");
    private static final List<String> PRODUCT = List.of(
            "/product", "/product/integrations", "/product/security", "/product/account-insights");
    private static final List<String> CUSTOMERS = List.of(
            "/customers", "/customers/northwind-case-study", "/customers/helix-health-case-study");
    private static final List<String> KEYWORDS = List.of(
            "b2b attribution software", "multi touch attribution", "how to track dark social",
            "salesforce web analytics attribution", "marketing attribution tool pricing", "beaconhq");
    private static final List<String> SOCIAL = List.of(
            "https://www.linkedin.com/", "https://www.linkedin.com/feed/", "https://lnkd.in/",
            "https://www.reddit.com/r/analytics/", "https://t.co/", "https://news.ycombinator.com/");
    private static final List<String> REVIEWS = List.of(
            "https://www.g2.com/products/beaconhq/reviews", "https://www.g2.com/compare/beaconhq-vs-others",
            "https://www.capterra.com/p/240000/BeaconHQ/");
    private static final List<String> REFERRALS = List.of(
            "https://martechweekly.example/issue-112", "https://blog.growthloop.example/attribution-stack",
            "https://www.producthunt.com/products/beaconhq");
    private static final List<String> NEWSLETTERS = List.of(
            "monthly_product_update", "webinar_invite_q2", "attribution_playbook");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final String HEX = "0123456789abcdef";

    /**
     * The landing hit of a session.
     *
     * @param clickId the click id parameter value in the landing URL ("" for none), for CRM rows that carry it
     * @param paid    the paid campaign, or null
     */
    record Landing(String page, String query, String referrer, UtmColumns columns, String clickId, Origin origin,
                   Paid paid) {
    }

    /** One event of a session before times and ids. */
    record Step(String eventName, String pageUrl, String referrerUrl, UtmColumns utm) {
    }

    private final Rand rand;

    B2bSite(Rand rand) {
        this.rand = rand;
    }

    /** A person's session source; a dark-social person's first visit comes direct or as a search for the brand. */
    Landing personLanding(boolean firstSession, boolean darkSocial) {
        if (firstSession && darkSocial) {
            return rand.chance(0.7) ? new Landing("/", "", "", UtmColumns.EMPTY, "", Origin.DIRECT, null)
                    : new Landing("/", "", "https://www.google.com/", UtmColumns.EMPTY, "", Origin.SEARCH, null);
        }
        return landing(Source.values()[rand.weighted(firstSession ? FIRST_SESSION : LATER_SESSION)], PERSON_PAID);
    }

    /** A visitor who never identifies: mostly content readers from search and social. */
    Landing anonymousLanding() {
        return landing(Source.values()[rand.weighted(ANONYMOUS)], ANON_PAID);
    }

    private Landing landing(Source source, double[] paidWeights) {
        return switch (source) {
            case DIRECT -> new Landing(rand.chance(0.6) ? "/" : "/pricing", "", "", UtmColumns.EMPTY, "", Origin.DIRECT, null);
            case ORGANIC_SEARCH -> new Landing(contentPage(), "", searchReferrer(), UtmColumns.EMPTY, "", Origin.SEARCH, null);
            case SOCIAL -> {
                String site = rand.pick(SOCIAL);
                String ref = site.equals("https://lnkd.in/") || site.equals("https://t.co/") ? site + rand.token(ID_CHARS.substring(0, 62), 8) : site;
                yield new Landing("/blog/" + rand.pick(BLOG), "", ref, UtmColumns.EMPTY, "",
                        ref.contains("linkedin") || ref.contains("lnkd.in") ? Origin.LINKEDIN : Origin.SOCIAL, null);
            }
            case REVIEW -> new Landing(rand.chance(0.5) ? "/" : "/pricing", "", rand.pick(REVIEWS), UtmColumns.EMPTY, "", Origin.REVIEW, null);
            case REFERRAL -> new Landing("/blog/" + rand.pick(BLOG), "", rand.pick(REFERRALS), UtmColumns.EMPTY, "", Origin.OTHER, null);
            case EMAIL -> {
                String name = rand.pick(NEWSLETTERS);
                String q = "?utm_source=newsletter&utm_medium=email&utm_campaign=" + name;
                yield new Landing(rand.chance(0.5) ? "/blog/" + rand.pick(BLOG) : "/webinars/attribution-live", q,
                        rand.chance(0.5) ? "" : "https://mail.google.com/", columns("newsletter", "email", name, ""), "", Origin.OTHER, null);
            }
            case PAID -> paid(PAID.get(rand.weighted(paidWeights)));
        };
    }

    private Landing paid(Paid p) {
        String term = p.medium().equals("cpc") && !p.source().equals("capterra")
                ? (p.campaign().equals("brand_search") ? "beaconhq" : rand.pick(KEYWORDS.subList(0, 5))) : "";
        String clickId = clickIdParam(p.clickId());
        // Google Ads auto-tagging alone: a gclid and no utm parameters at all.
        if (p.clickId() == ClickId.GOOGLE && rand.chance(0.1)) {
            return new Landing(p.landing(), "?" + clickId, p.referrer(), UtmColumns.EMPTY, value(clickId), p.origin(), p);
        }
        StringBuilder q = new StringBuilder("?utm_source=").append(p.source())
                .append("&utm_medium=").append(p.medium()).append("&utm_campaign=").append(p.campaign());
        if (!term.isEmpty()) {
            q.append("&utm_term=").append(URLEncoder.encode(term, StandardCharsets.UTF_8));
        }
        if (!clickId.isEmpty()) {
            q.append('&').append(clickId);
        }
        UtmColumns cols = rand.chance(0.2) ? columns(p.source(), p.medium(), p.campaign(), term) : UtmColumns.EMPTY;
        return new Landing(p.landing(), q.toString(), p.referrer(), cols, value(clickId), p.origin(), p);
    }

    /**
     * The session's steps: the landing page, some browsing suited to the phase, then the action's
     * pages. A form fills in /demo (form_submit), a signup /signup (signup).
     */
    List<Step> session(Landing landing, Phase phase, Action action) {
        List<Step> steps = new ArrayList<>();
        String current = SITE + landing.page();
        steps.add(new Step("page_view", current + landing.query(), landing.referrer(), landing.columns()));
        int browse = 0;
        double more = action == Action.NONE ? 0.5 : 0.6;
        while (browse < 8 && rand.chance(more)) {
            browse++;
        }
        for (int i = 0; i < browse; i++) {
            String next = SITE + nextPage(phase);
            steps.add(new Step("page_view", next, current, UtmColumns.EMPTY));
            current = next;
        }
        switch (action) {
            case FORM -> {
                if (!current.equals(SITE + "/pricing") && rand.chance(0.6)) {
                    steps.add(new Step("page_view", SITE + "/pricing", current, UtmColumns.EMPTY));
                    current = SITE + "/pricing";
                }
                steps.add(new Step("page_view", DEMO, current, UtmColumns.EMPTY));
                steps.add(new Step("form_submit", DEMO, current, UtmColumns.EMPTY));
                steps.add(new Step("page_view", DEMO_THANKS, DEMO, UtmColumns.EMPTY));
            }
            case SIGNUP -> {
                steps.add(new Step("page_view", SIGNUP, current, UtmColumns.EMPTY));
                steps.add(new Step("signup", SIGNUP, current, UtmColumns.EMPTY));
                steps.add(new Step("page_view", WELCOME, SIGNUP, UtmColumns.EMPTY));
            }
            case NONE -> { }
        }
        return steps;
    }

    /** A crawler's request: any page, evenly. */
    String crawlTarget() {
        double x = rand.uniform();
        return SITE + (x < 0.3 ? "/blog/" + rand.pick(BLOG) : x < 0.6 ? "/docs/" + rand.pick(DOCS)
                : x < 0.8 ? rand.pick(PRODUCT) : x < 0.9 ? rand.pick(CUSTOMERS) : x < 0.95 ? "/pricing" : "/");
    }

    private String nextPage(Phase phase) {
        double x = rand.uniform();
        if (phase == Phase.RESEARCH) {
            return x < 0.4 ? "/blog/" + rand.pick(BLOG) : x < 0.6 ? "/docs/" + rand.pick(DOCS)
                    : x < 0.85 ? rand.pick(PRODUCT) : x < 0.95 ? "/pricing" : "/";
        }
        return x < 0.3 ? "/pricing" : x < 0.5 ? "/docs/" + rand.pick(DOCS) : x < 0.7 ? rand.pick(PRODUCT)
                : x < 0.85 ? rand.pick(CUSTOMERS) : x < 0.95 ? "/blog/" + rand.pick(BLOG) : "/";
    }

    private String contentPage() {
        double x = rand.uniform();
        return x < 0.55 ? "/blog/" + rand.pick(BLOG) : x < 0.8 ? "/docs/" + rand.pick(DOCS) : x < 0.9 ? "/" : rand.pick(PRODUCT);
    }

    private String searchReferrer() {
        double x = rand.uniform();
        // Google strips the query from its referrer; Bing and DuckDuckGo keep some.
        return x < 0.75 ? "https://www.google.com/" : x < 0.9 ? "https://www.bing.com/search?q="
                + URLEncoder.encode(rand.pick(KEYWORDS), StandardCharsets.UTF_8) : "https://duckduckgo.com/";
    }

    private String clickIdParam(ClickId kind) {
        return switch (kind) {
            case NONE -> "";
            case GOOGLE -> "gclid=Cj0KCQjw" + rand.token(ID_CHARS, 40);
            case MICROSOFT -> "msclkid=" + rand.token(HEX, 32);
            case META -> "fbclid=IwAR" + rand.token(ID_CHARS, 40);
        };
    }

    private static String value(String param) {
        return param.isEmpty() ? "" : param.substring(param.indexOf('=') + 1);
    }

    private static UtmColumns columns(String source, String medium, String campaign, String term) {
        return new UtmColumns(source, medium, campaign, term, "");
    }
}
