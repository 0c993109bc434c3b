package io.touchpoint.core.generate;

import io.touchpoint.core.generate.Pages.Kind;
import io.touchpoint.core.generate.Pages.Page;
import io.touchpoint.core.generate.TrafficMix.Landing;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.LogNormalDistribution;

/**
 * The pages and events of one human session, before times and ids. Each session first decides how
 * deep into the funnel it gets, which keeps the drop-off realistic and tunable: many product views,
 * fewer carts, fewer checkouts and roughly 3% of sessions with a purchase.
 */
final class SessionPaths {

    /** One event of a session; {@code revenue} is "" except on purchases. */
    record Step(String eventName, String pageUrl, String referrerUrl, UtmColumns utm, String revenue) {
    }

    private enum Depth { BOUNCE, BROWSE, CART, CHECKOUT, PURCHASE }

    /** Sessions hold 1 to this many events. */
    private static final int MAX_EVENTS = 20;
    private static final int FUNNEL_EVENTS = 6;
    private static final double[] FIRST_DEPTH = {45, 45, 6, 2, 2};
    // Returning visitors come back to buy more often.
    private static final double[] LATER_DEPTH = {38, 46, 8, 3, 4};

    private final Rand rand;
    private final Pages pages;
    /** Order values: median around 65, long right tail, clamped to 15..400. */
    private final LogNormalDistribution orderValue;

    SessionPaths(Rand rand, Pages pages) {
        this.rand = rand;
        this.pages = pages;
        this.orderValue = new LogNormalDistribution(rand.generator(), Math.log(65), 0.55);
    }

    List<Step> session(Landing landing, boolean firstSession) {
        Depth depth = Depth.values()[rand.weighted(firstSession ? FIRST_DEPTH : LATER_DEPTH)];
        List<Step> steps = new ArrayList<>();
        Page current = pages.of(landing.target());
        steps.add(new Step(viewEvent(current), current.url() + landing.query(), landing.referrer(),
                landing.columns(), ""));
        if (depth == Depth.BOUNCE) {
            return steps;
        }
        String currentReferrer = landing.referrer();
        int browse = Math.min(browseLength(), MAX_EVENTS - 1 - FUNNEL_EVENTS);
        for (int i = 0; i < browse; i++) {
            Page next = pages.browseFrom(current.kind());
            currentReferrer = current.url();
            steps.add(view(next, currentReferrer));
            current = next;
        }
        if (depth == Depth.BROWSE) {
            return steps;
        }
        if (current.kind() != Kind.PRODUCT) {
            Page product = pages.popularProduct();
            currentReferrer = current.url();
            steps.add(view(product, currentReferrer));
            current = product;
        }
        // add_to_cart fires on the product page itself, so it keeps that page's referrer.
        steps.add(new Step("add_to_cart", current.url(), currentReferrer, UtmColumns.EMPTY, ""));
        if (rand.chance(0.25)) {
            Page another = pages.popularProduct();
            steps.add(view(another, current.url()));
            steps.add(new Step("add_to_cart", another.url(), current.url(), UtmColumns.EMPTY, ""));
            current = another;
        }
        if (rand.chance(0.85)) {
            steps.add(view(Pages.CART, current.url()));
            current = Pages.CART;
        }
        if (depth == Depth.CART) {
            return steps;
        }
        steps.add(new Step("begin_checkout", Pages.CHECKOUT.url(), current.url(), UtmColumns.EMPTY, ""));
        if (depth == Depth.PURCHASE) {
            steps.add(new Step("purchase", Pages.THANK_YOU.url(), Pages.CHECKOUT.url(), UtmColumns.EMPTY, revenue()));
        }
        return steps;
    }

    /** Extra pages after landing: mostly a few, sometimes a dozen. */
    private int browseLength() {
        int n = 1;
        while (n < MAX_EVENTS && rand.chance(0.55)) {
            n++;
        }
        return n;
    }

    private Step view(Page page, String referrer) {
        return new Step(viewEvent(page), page.url(), referrer, UtmColumns.EMPTY, "");
    }

    private static String viewEvent(Page page) {
        return page.kind() == Kind.PRODUCT ? "product_view" : "page_view";
    }

    private String revenue() {
        double value = Math.max(15.0, Math.min(400.0, orderValue.sample()));
        long cents = Math.round(value * 100);
        // Integer arithmetic, not String.format, so the decimal point never depends on the Locale.
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }
}
