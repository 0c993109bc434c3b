package io.touchpoint.core.generate;

import java.util.function.Consumer;
import org.apache.commons.math3.distribution.ParetoDistribution;

/** Crawlers: a real bot user agent fetching many pages seconds apart, with no referrer and no login. */
final class BotCrawls {
    private static final int MAX_PAGES = 200;

    private final Rand rand;
    private final Timeline timeline;
    private final Pages pages;
    private final UserAgents userAgents;
    /** Pages per crawl: usually a dozen, sometimes hundreds. */
    private final ParetoDistribution crawlSize;

    BotCrawls(Rand rand, Timeline timeline, Pages pages, UserAgents userAgents) {
        this.rand = rand;
        this.timeline = timeline;
        this.pages = pages;
        this.userAgents = userAgents;
        this.crawlSize = new ParetoDistribution(rand.generator(), 6, 1.6);
    }

    void bot(String visitorId, Consumer<Hit> out) {
        String agent = userAgents.bot();
        int crawls = rand.chance(0.3) ? 2 : 1;
        // Crawlers ignore the human day rhythm.
        long time = rand.between(timeline.start(), timeline.end());
        for (int c = 0; c < crawls && time < timeline.end(); c++) {
            int size = (int) Math.min(MAX_PAGES, crawlSize.sample());
            for (int i = 0; i < size && time < timeline.end(); i++) {
                Pages.Page page = pages.crawlTarget();
                String event = page.kind() == Pages.Kind.PRODUCT ? "product_view" : "page_view";
                out.accept(new Hit(time, visitorId, "", event, page.url(), "", UtmColumns.EMPTY, "", agent));
                time += rand.between(300L, 4 * Timeline.SECOND);
            }
            time += rand.between(Timeline.DAY, 5 * Timeline.DAY);
        }
    }
}
