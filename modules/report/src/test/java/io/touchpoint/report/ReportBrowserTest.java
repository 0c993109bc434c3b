package io.touchpoint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report in real headless Chromium: no errors, every section and chart drawn, sorting and drill-down work. */
class ReportBrowserTest {

    static final Path TARGET = Path.of("target");
    static final List<String> SECTIONS = List.of("headline", "models", "journeys", "funnels", "quality");

    @Test
    void fixtureReportRendersAndIsInteractive() throws IOException {
        Path html = TARGET.resolve("report-fixture.html");
        ReportRenderer.render(ReportRendererTest.fixture(), html);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.open(html);
            BrowserCheck.Result result = browser.inspect(TARGET.resolve("report-screenshot.png"));

            assertThat(result.errors()).as("console errors, exceptions, window.__tpErrors").isEmpty();
            assertThat(result.sections()).containsAll(SECTIONS);
            assertThat(result.charts()).as("charts and their data points")
                    .containsKeys("chart-models", "chart-touchpoints", "chart-time-to-convert", "chart-funnel-0");
            assertThat(result.emptyCharts()).as("charts with no data points").isEmpty();
            assertThat(browser.undrawnCharts()).as("charts with data but nothing drawn").isEmpty();
            assertThat(result.charts().get("chart-models")).isEqualTo(3 * 6);
            assertThat(result.charts().get("chart-funnel-0")).isEqualTo(4);
            assertThat(Files.size(result.screenshot())).as("screenshot size").isGreaterThan(20_000);

            // Numbers as a person reads them.
            assertThat(text(browser, "[data-kpi=revenue] .tp-kpi-value")).isEqualTo("$8,529.27");
            assertThat(text(browser, "[data-kpi=people] .tp-kpi-value")).isEqualTo("2,738");
            assertThat(text(browser, "#cross-device-share")).isEqualTo("18.0%");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('.tp-funnel-steps tbody tr'), tr => tr.lastElementChild.textContent)")
                    .toString()).isEqualTo("[\"—\",\"1m 44s\",\"1m 18s\",\"26s\"]");
            assertThat(text(browser, "#quality-reconcile strong")).isEqualTo("Counts reconcile");
            assertThat(browser.evaluate("document.querySelector('#funnels').textContent.includes('No funnels configured')").asBoolean()).isFalse();

            // Without spend: no cost column, no spend card.
            assertThat(browser.evaluate("document.querySelector('#models-table button[data-sort=cost]') === null"
                    + " && document.getElementById('models-spend').hidden").asBoolean()).isTrue();

            // Sorting: default is the baseline's conversions, descending, with an arrow.
            assertThat(rowLabels(browser)).containsExactly("Direct", "Organic Search", "Email");
            assertThat(text(browser, "#models-table th[aria-sort=descending] button")).contains("▼");
            click(browser, "#models-table button[data-sort=channel]");
            assertThat(rowLabels(browser)).containsExactly("Direct", "Email", "Organic Search");
            assertThat(text(browser, "#models-table th[aria-sort=ascending] button")).contains("Channel").contains("▲");
            click(browser, "#models-table button[data-sort=channel]");
            assertThat(rowLabels(browser)).containsExactly("Organic Search", "Email", "Direct");
            click(browser, "#models-table button[data-sort='first:revenue']");
            List<Double> firstRevenue = new ArrayList<>();
            browser.evaluate("Array.from(document.querySelectorAll('#models-table tbody tr'), tr => +tr.children[2].dataset.value)")
                    .forEach(n -> firstRevenue.add(n.asDouble()));
            assertThat(firstRevenue).containsExactly(2700.0, 1210.5, 300.0).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(rowLabels(browser)).containsExactly("Organic Search", "Direct", "Email");
            // The chart follows the table order.
            assertThat(browser.evaluate("echarts.getInstanceByDom(document.getElementById('chart-models')).getOption().xAxis[0].data").toString())
                    .isEqualTo("[\"Organic Search\",\"Direct\",\"Email\"]");

            // Drill-down: the first channel row opens its campaigns panel.
            String first = rowLabels(browser).get(0);
            click(browser, "#models-table tbody tr");
            assertThat(browser.evaluate("!document.getElementById('models-drill').hidden").asBoolean()).isTrue();
            assertThat(browser.evaluate("document.getElementById('models-drill').dataset.channel").asText()).isEqualTo(first);
            assertThat(text(browser, "#models-drill")).contains("No campaign breakdown for " + first);
            // A channel with campaigns shows the campaign sub-table and chart.
            browser.evaluate("Array.from(document.querySelectorAll('#models-table tbody tr')).find(tr => tr.dataset.label === 'Email').click()");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#campaigns-table tbody tr'), tr => tr.dataset.label)").toString())
                    .isEqualTo("[\"autumn_sale\",\"weekly_digest\"]");
            assertThat(browser.evaluate("document.getElementById('chart-campaigns').dataset.points").asText()).isEqualTo("12");
            // Revenue view of the chart, then a screenshot of the drilled-down state to look at.
            click(browser, "#models .tp-seg button[data-value=revenue]");
            assertThat(browser.evaluate("echarts.getInstanceByDom(document.getElementById('chart-models')).getOption().series[0].data[0]").asDouble())
                    .isEqualTo(2700.0);
            assertThat(browser.undrawnCharts()).isEmpty();
            browser.screenshot(TARGET.resolve("report-screenshot-drilldown.png"));
            // And back.
            click(browser, "#models-drill-back");
            assertThat(browser.evaluate("document.getElementById('models-drill').hidden").asBoolean()).isTrue();
            assertThat(browser.evaluate("document.getElementById('campaigns-table') === null").asBoolean()).isTrue();

            // Resizing to the narrow end of the supported range keeps charts drawn and the page free of errors.
            browser.viewport(1000, 900);
            browser.evaluate("window.dispatchEvent(new Event('resize')); new Promise(r => setTimeout(r, 300))");
            browser.screenshot(TARGET.resolve("report-screenshot-1000.png"));
            assertThat(browser.undrawnCharts()).isEmpty();
            assertThat(browser.errors()).as("errors after interaction").isEmpty();
        }
    }

    /**
     * The fixture with spend: Email cost 500 (its campaigns 300 and 200), Paid Social 250 with no conversion
     * under any model (unspent), Direct and Organic Search none; CPA and ROAS as ReportData gives them.
     */
    static String spendJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = (ObjectNode) json.readTree(ReportRendererTest.fixture());
        ArrayNode comparison = (ArrayNode) data.get("comparison");
        ObjectNode social = comparison.addObject().put("goal", "purchase").put("channel", "Paid Social").putObject("models");
        data.get("models").forEach(m -> social.putObject(m.get("key").asText()).put("conversions", 0.0).put("revenue", 0.0));
        Map<String, Double> costs = Map.of("Email", 500.0, "Paid Social", 250.0, "autumn_sale", 300.0, "weekly_digest", 200.0);
        for (String list : List.of("comparison", "campaigns")) {
            for (JsonNode row : data.get(list)) {
                Double cost = costs.get(row.path(list.equals("comparison") ? "channel" : "campaign").asText());
                ((ObjectNode) row).put("cost", cost);
                row.get("models").forEach(m -> {
                    double c = m.get("conversions").asDouble();
                    ((ObjectNode) m).put("cpa", cost == null || c == 0 ? null : cost / c).put("roas", cost == null ? null : m.get("revenue").asDouble() / cost);
                });
            }
        }
        ObjectNode goal = data.putArray("spend").addObject().put("goal", "purchase").put("cost", 750.0).put("unspent", 250.0);
        goal.putArray("unspent_channels").add("Paid Social");
        ObjectNode totals = goal.putObject("models");
        data.get("models").forEach(m -> {
            String key = m.get("key").asText();
            double c = 0;
            double r = 0;
            for (JsonNode row : comparison) {
                c += row.get("models").get(key).get("conversions").asDouble();
                r += row.get("models").get(key).get("revenue").asDouble();
            }
            totals.putObject(key).put("cpa", 750.0 / c).put("roas", r / 750.0);
        });
        return json.writeValueAsString(data);
    }

    @Test
    void spendShowsCostCpaAndRoasWithTheUnspentPart() throws IOException {
        Path html = TARGET.resolve("report-spend.html");
        ReportRenderer.render(spendJson(), html);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.viewport(1400, 1200);
            browser.open(html);
            BrowserCheck.Result result = browser.inspect(TARGET.resolve("report-screenshot-spend.png"));
            assertThat(result.errors()).as("console errors").isEmpty();
            assertThat(browser.undrawnCharts()).isEmpty();
            assertThat(text(browser, "#spend-summary")).isEqualTo(
                    "Spend $750.00, of which $250.00 (33.3%) unspent: on channels no model credited with a conversion (Paid Social).");
            // The channels with spend, by cost; the baseline's CPA and ROAS, and the totals over all channels.
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#spend-table tbody tr'), tr => tr.dataset.label)").toString())
                    .isEqualTo("[\"Email\",\"Paid Social\"]");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#spend-table tbody tr:first-child td'), td => td.textContent)"
                    + ".slice(0, 6)").toString()).isEqualTo("[\"Email\",\"$500.00\",\"$100.00\",\"0.60×\",\"$50.00\",\"1.44×\"]");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#spend-table tbody tr:last-child td'), td => td.textContent)"
                    + ".slice(0, 4)").toString()).isEqualTo("[\"Paid Social\",\"$250.00\",\"—\",\"0.00×\"]");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#spend-table tfoot td'), td => td.textContent).slice(0, 4)")
                    .toString()).isEqualTo("[\"All channels\",\"$750.00\",\"$12.50\",\"5.61×\"]");
            // The channels table has the cost column, its total over every channel.
            assertThat(browser.evaluate("document.querySelector('#models-table tfoot td:nth-child(2)').textContent").asText()).isEqualTo("$750.00");
            browser.screenshot(TARGET.resolve("report-screenshot-spend-card.png"), "#models-spend");
            // A spend row drills down to its campaigns' cost, CPA and ROAS.
            click(browser, "#spend-table tbody tr");
            assertThat(browser.evaluate("document.getElementById('models-drill').dataset.channel").asText()).isEqualTo("Email");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#campaigns-spend-table tbody tr'), tr => tr.dataset.label)")
                    .toString()).isEqualTo("[\"autumn_sale\",\"weekly_digest\"]");
            assertThat(browser.evaluate("document.querySelector('#campaigns-spend-table tfoot td:nth-child(2)').textContent").asText())
                    .isEqualTo("$500.00");
            browser.screenshot(TARGET.resolve("report-screenshot-spend-drill.png"), "#models-drill");
            assertThat(browser.errors()).as("errors after interaction").isEmpty();
        }
    }

    /**
     * What people said (the self_reported table): of 4 answered purchases, Podcast (dark) 2, Email 1, Word of
     * Mouth (dark) 1, and 3 without an answer; Direct is credited by the models, never named.
     */
    @Test
    void selfReportedAnswersStandAgainstEachModelsShare() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = (ObjectNode) json.readTree(ReportRendererTest.fixture());
        ArrayNode said = data.putArray("self_reported");
        Object[][] rows = {{"Podcast", true, 2, 2, 0.5, 0.0}, {"Email", false, 1, 1, 0.25, 0.4}, {"Word of Mouth", true, 1, 1, 0.25, 0.0},
            {"Direct", false, 0, 0, 0.0, 0.6}, {null, false, 0, 3, null, null}};
        for (Object[] r : rows) {
            ObjectNode o = said.addObject().put("goal", "purchase").put("channel", (String) r[0]).put("dark", (Boolean) r[1])
                    .put("answers", (Integer) r[2]).put("conversions", (Integer) r[3]).put("revenue", 0.0).put("share", (Double) r[4]);
            ObjectNode m = o.putObject("models");
            data.get("models").forEach(k -> m.put(k.get("key").asText(), (Double) r[5]));
        }
        Path html = TARGET.resolve("report-said.html");
        ReportRenderer.render(json.writeValueAsString(data), html);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.viewport(1400, 1200);
            browser.open(html);
            BrowserCheck.Result result = browser.inspect(TARGET.resolve("report-screenshot-said.png"));
            assertThat(result.errors()).as("console errors").isEmpty();
            assertThat(text(browser, "#said-summary")).isEqualTo("4 conversions with an answer (3 without); 75.0% named channels no"
                    + " tracker sees (Podcast, Word of Mouth): dark social, which no touch-based model can credit (hybrid blends the answers in).");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#said-table tbody tr'), tr => tr.dataset.label)").toString())
                    .isEqualTo("[\"Podcast\",\"Email\",\"Word of Mouth\",\"Direct\"]");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#said-table tbody tr:nth-child(4) td'), td => td.textContent)"
                    + ".slice(0, 5)").toString()).isEqualTo("[\"Direct\",\"0\",\"0.0%\",\"60.0%\",\"60.0%\"]");
            browser.screenshot(TARGET.resolve("report-screenshot-said-card.png"), "#models-said");
            assertThat(browser.errors()).as("errors").isEmpty();
        }
        // Without the table the card stays hidden.
        Path plain = TARGET.resolve("report-fixture-plain.html");
        ReportRenderer.render(ReportRendererTest.fixture(), plain);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.open(plain);
            assertThat(browser.evaluate("document.getElementById('models-said').hidden").asBoolean()).isTrue();
        }
    }

    /**
     * The accounts view (docs/accounts.md): 2 of 3 accounts won, a median 20.5 days from first touch,
     * a median 2 people and 5 touchpoints per deal; the top accounts by won revenue; none without
     * the accounts table.
     */
    @Test
    void accountsShowTopAccountsPeoplePerDealAndTimeToClose() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = (ObjectNode) json.readTree(ReportRendererTest.fixture());
        ObjectNode accounts = data.putObject("accounts").put("unit", "account").put("goal", "won").put("accounts", 3)
                .put("converted", 2).put("median_days_to_first_conversion", 20.5).put("deals", 2).put("median_people", 2.0)
                .put("median_touchpoints", 5.0);
        accounts.putArray("top").addObject().put("account", "acct_beta").put("people", 3).put("sessions", 12).put("conversions", 1)
                .put("revenue", 52000.0).put("days", 31.0).put("first_touch", "Paid Search").put("last_touch", "Email");
        ((ArrayNode) accounts.get("top")).addObject().put("account", "acct_acme").put("people", 1).put("sessions", 4)
                .put("conversions", 1).put("revenue", 18000.0).put("days", 10.0).put("first_touch", "Organic Search")
                .put("last_touch", "Direct");
        ((ArrayNode) accounts.get("top")).addObject().put("account", "acct_gamma").put("people", 2).put("sessions", 3)
                .put("conversions", 0).put("revenue", 0.0).putNull("days").put("first_touch", "Display").put("last_touch", "Display");
        ArrayNode per = accounts.putArray("people_per_deal");
        for (Object[] r : new Object[][] {{"1", 1}, {"2", 0}, {"3", 1}, {"4", 0}, {"5+", 0}}) {
            per.addObject().put("people", (String) r[0]).put("deals", (Integer) r[1]);
        }
        Path html = TARGET.resolve("report-accounts.html");
        ReportRenderer.render(json.writeValueAsString(data), html);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.viewport(1400, 1200);
            browser.open(html);
            BrowserCheck.Result result = browser.inspect(TARGET.resolve("report-screenshot-accounts.png"));
            assertThat(result.errors()).as("console errors").isEmpty();
            assertThat(text(browser, "#accounts-summary")).isEqualTo("2 of 3 accounts with a visit reached won, a median 20.5 days"
                    + " after their first touch. Per deal, a median 2 people and 5 touchpoints in its account journey.");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#accounts-table tbody tr'), tr => tr.dataset.label)")
                    .toString()).isEqualTo("[\"acct_beta\",\"acct_acme\",\"acct_gamma\"]");
            assertThat(browser.evaluate("document.querySelectorAll('#chart-people-per-deal').length").asInt()).isEqualTo(1);
            browser.screenshot(TARGET.resolve("report-screenshot-accounts-card.png"), "#accounts-table");
            assertThat(browser.errors()).as("errors").isEmpty();
        }
        Path plain = TARGET.resolve("report-fixture-no-accounts.html");
        ReportRenderer.render(ReportRendererTest.fixture(), plain);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.open(plain);
            assertThat(browser.evaluate("document.querySelectorAll('#accounts-summary').length").asInt()).isZero();
        }
    }

    @Test
    void sparseDataWithoutFunnelsAndOneModelRendersWithoutErrors() throws IOException {
        Path html = TARGET.resolve("report-sparse.html");
        ReportRenderer.render(ReportRendererTest.sparseJson(), html);
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.open(html);
            BrowserCheck.Result result = browser.inspect(TARGET.resolve("report-screenshot-sparse.png"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.sections()).containsAll(SECTIONS);
            assertThat(result.charts()).containsEntry("chart-models", 2).doesNotContainKey("chart-funnel-0");
            assertThat(text(browser, "#funnels")).contains("No funnels configured");
            assertThat(text(browser, "[data-kpi=revenue] .tp-kpi-value")).isEqualTo("—");
            assertThat(text(browser, "#cross-device-share")).isEqualTo("—");
            assertThat(browser.evaluate("document.querySelectorAll('#models-table .tp-delta').length").asInt()).as("no deltas with one model").isZero();
        }
    }

    @Test
    void emptyDocumentStillRendersEverySection() throws IOException {
        Path html = TARGET.resolve("report-empty.html");
        ReportRenderer.render("{}", html);
        BrowserCheck.Result result = BrowserCheck.check(html, null);
        assertThat(result.errors()).isEmpty();
        assertThat(result.sections()).containsAll(SECTIONS);
        assertThat(result.charts()).containsEntry("chart-touchpoints", 0).containsEntry("chart-time-to-convert", 0);
        assertThat(result.emptyCharts()).containsExactly("chart-touchpoints", "chart-time-to-convert");
    }

    static List<String> rowLabels(BrowserCheck browser) throws IOException {
        List<String> labels = new ArrayList<>();
        JsonNode rows = browser.evaluate("Array.from(document.querySelectorAll('#models-table tbody tr'), tr => tr.dataset.label)");
        rows.forEach(n -> labels.add(n.asText()));
        return labels;
    }

    static String text(BrowserCheck browser, String selector) throws IOException {
        JsonNode t = browser.evaluate("(e => e ? e.textContent : null)(document.querySelector(" + quote(selector) + "))");
        assertThat(t.isNull()).as("element " + selector).isFalse();
        return t.asText().trim();
    }

    static void click(BrowserCheck browser, String selector) throws IOException {
        JsonNode ok = browser.evaluate("(e => { if (!e) return false; e.click(); return true; })(document.querySelector(" + quote(selector) + "))");
        assertThat(ok.asBoolean()).as("clickable " + selector).isTrue();
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
