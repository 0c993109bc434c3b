package io.touchpoint.core.generate;

import java.util.List;
import org.apache.commons.math3.distribution.ZipfDistribution;

/** The shop's URLs: {@code https://shop.example.com} with home, categories, products, cart, checkout and blog. */
final class Pages {
    static final String SITE = "https://shop.example.com";

    /** What a page is, which decides the event a visit to it produces. */
    enum Kind { HOME, CATEGORY, PRODUCT, BLOG, CART, CHECKOUT, THANK_YOU }

    /** A page and its URL without query string. */
    record Page(Kind kind, String url) {
    }

    static final List<String> CATEGORIES = List.of(
            "shoes", "jackets", "bags", "accessories", "outdoor", "kids", "sale", "new-in");
    static final List<String> BLOG_SLUGS = List.of(
            "autumn-layering-guide", "how-to-clean-leather", "best-hiking-boots-2026",
            "weekend-packing-list", "sustainable-materials", "size-guide-explained",
            "rain-gear-tested", "gift-ideas-under-50");
    private static final int PRODUCTS = 400;

    static final Page HOME = new Page(Kind.HOME, SITE + "/");
    static final Page CART = new Page(Kind.CART, SITE + "/cart");
    static final Page CHECKOUT = new Page(Kind.CHECKOUT, SITE + "/checkout");
    static final Page THANK_YOU = new Page(Kind.THANK_YOU, SITE + "/thank-you");

    private final Rand rand;
    /** A few best sellers get most product views, like a real catalogue. */
    private final ZipfDistribution productPopularity;

    Pages(Rand rand) {
        this.rand = rand;
        this.productPopularity = new ZipfDistribution(rand.generator(), PRODUCTS, 1.05);
    }

    private Page category() {
        return new Page(Kind.CATEGORY, SITE + "/c/" + rand.pick(CATEGORIES));
    }

    Page popularProduct() {
        return product(productPopularity.sample());
    }

    /** Crawlers walk the catalogue evenly rather than by popularity. */
    private Page anyProduct() {
        return product(rand.between(1, PRODUCTS));
    }

    private Page blogPost() {
        return new Page(Kind.BLOG, SITE + "/blog/" + rand.pick(BLOG_SLUGS));
    }

    Page of(Kind kind) {
        return switch (kind) {
            case HOME -> HOME;
            case CATEGORY -> category();
            case PRODUCT -> popularProduct();
            case BLOG -> blogPost();
            case CART -> CART;
            case CHECKOUT -> CHECKOUT;
            case THANK_YOU -> THANK_YOU;
        };
    }

    /** The next page a browsing human opens, given where they are. */
    Page browseFrom(Kind current) {
        double x = rand.uniform();
        return switch (current) {
            case HOME -> x < 0.5 ? category() : x < 0.85 ? popularProduct() : blogPost();
            case CATEGORY -> x < 0.7 ? popularProduct() : x < 0.9 ? category() : HOME;
            case BLOG -> x < 0.5 ? popularProduct() : x < 0.75 ? blogPost() : HOME;
            default -> x < 0.45 ? popularProduct() : x < 0.85 ? category() : HOME;
        };
    }

    /** A page a crawler requests: mostly products and categories. */
    Page crawlTarget() {
        double x = rand.uniform();
        return x < 0.6 ? anyProduct() : x < 0.8 ? category() : x < 0.95 ? blogPost() : HOME;
    }

    private static Page product(int n) {
        // Fixed width keeps the SKU sortable and its URL length constant.
        String digits = Integer.toString(n);
        return new Page(Kind.PRODUCT, SITE + "/p/sku-" + "0000".substring(digits.length()) + digits);
    }
}
