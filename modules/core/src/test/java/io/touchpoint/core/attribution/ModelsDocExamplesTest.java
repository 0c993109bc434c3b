package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.TestJourneys.daysBefore;
import static io.touchpoint.core.attribution.TestJourneys.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.attribution.example.FirstTwoModel;
import io.touchpoint.core.config.AttributionConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every example of docs/models.md: the numbers are computed by the models and must appear on the page as written. */
class ModelsDocExamplesTest {

    private static String doc() throws IOException {
        return Files.readString(find("docs/models.md"));
    }

    private static Path find(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve(relative);
            if (Files.isRegularFile(d)) {
                return d;
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static AttributionModel parse(String spec) {
        return AttributionModels.parse("touchpoint.attribution.models", spec);
    }

    /** A share as the page writes it: at most 4 decimals, no trailing zeros. */
    private static String share(double x) {
        return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String dollars(double x) {
        return String.format(Locale.ROOT, "$%.2f", x);
    }

    /** The Adobe timing: 9, 6, 0 and 0 days before a $50 conversion, channels as on the page. */
    private static Journey workedExample() {
        Journey times = daysBefore(50, 9, 6, 0, 0);
        String[] channels = {"Organic Search", "Email", "Paid Search", "Direct"};
        List<Touchpoint> tps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Touchpoint t = times.touchpoints().get(i);
            tps.add(TestJourneys.tp(t.sessionId(), t.timeMicros(), channels[i]));
        }
        return new Journey("c1", "purchase", times.conversionTimeMicros(), 50, tps);
    }

    @Test
    void workedExampleTable() throws IOException {
        String doc = doc();
        Journey j = workedExample();
        for (AttributionModel m : List.of(parse("first"), parse("last"), parse("last_non_direct"), parse("linear"),
                parse("position_based"), parse("time_decay"), parse("position_decay"))) {
            StringBuilder row = new StringBuilder("| `" + m.name() + "` |");
            for (double c : m.credits(j)) {
                row.append(' ').append(c == 0 ? "0" : share(c) + " (" + dollars(c * j.value()) + ")").append(" |");
            }
            assertThat(doc).as("row of %s", m.name()).contains(row.toString());
        }
    }

    @Test
    void adobeTimeDecayExample() throws IOException {
        Journey j = daysBefore(50, 9, 6, 0, 0);
        double[] c = parse("time_decay(half_life=7d)").credits(j);
        double[] revenue = new double[4];
        for (int i = 0; i < 4; i++) {
            revenue[i] = Math.round(c[i] * 50 * 100) / 100.0;
        }
        assertThat(revenue).containsExactly(6.92, 9.32, 16.88, 16.88);

        String doc = doc();
        double[] days = {9, 6, 0, 0};
        double sum = 0;
        for (double d : days) {
            sum += Math.pow(2, -d / 7);
        }
        assertThat(share(sum)).isEqualTo("2.9622");
        assertThat(doc).contains("The weights sum to 2.9622");
        for (int i = 0; i < 4; i++) {
            double w = Math.pow(2, -days[i] / 7);
            assertThat(c[i]).isCloseTo(w / sum, within(1e-15));
            String row = "| " + (i + 1) + " | " + (int) days[i] + "d | " + share(w) + " | " + share(c[i]) + " | "
                    + dollars(c[i] * 50) + " |";
            assertThat(doc).contains(row);
        }
    }

    @Test
    void positionBasedShapesAndThe140Example() throws IOException {
        double[] c = parse("position_based").credits(ofSize(3));
        assertThat(c[0] * 140).isCloseTo(56, within(1e-9));
        assertThat(c[1] * 140).isCloseTo(28, within(1e-9));
        assertThat(c[2] * 140).isCloseTo(56, within(1e-9));
        assertThat(doc()).contains("A three-touch journey worth $140 under the default (U-shaped) model gets $56, $28 and $56.");

        String[][] rows = {
            {"position_based", " (U)"},
            {"position_based(first=0.2,last=0.6)", " (J)"},
            {"position_based(first=0.6,last=0.2)", " (inverse J)"},
            {"position_based(first=0,last=0)", ""},
        };
        String doc = doc();
        for (String[] r : rows) {
            AttributionModel m = parse(r[0]);
            StringBuilder row = new StringBuilder("| `" + r[0] + "`" + r[1] + " |");
            for (int n = 1; n <= 4; n++) {
                double[] credits = m.credits(ofSize(n));
                row.append(' ').append(shares(credits));
                if (n == 3) {
                    List<String> money = new ArrayList<>();
                    for (double x : credits) {
                        money.add("$" + BigDecimal.valueOf(x * 140).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                                .toPlainString());
                    }
                    row.append(" (").append(String.join(", ", money)).append(')');
                }
                row.append(" |");
            }
            assertThat(doc).as("row of %s", r[0]).contains(row.toString());
        }
    }

    private static String shares(double[] credits) {
        List<String> s = new ArrayList<>();
        for (double x : credits) {
            s.add(share(x));
        }
        return String.join(", ", s);
    }

    @Test
    void positionDecayTable() throws IOException {
        assertThat(parse("position_decay").credits(ofSize(4))).containsExactly(0.1, 0.2, 0.3, 0.4);
        String doc = doc();
        Pattern row = Pattern.compile("^\\| (\\d) \\| ([0-9/., ]+) \\|$", Pattern.MULTILINE);
        Matcher m = row.matcher(doc.substring(doc.indexOf("### Position decay")));
        int rows = 0;
        while (m.find() && rows < 5) {
            int n = Integer.parseInt(m.group(1));
            String[] cells = m.group(2).split(", ");
            double[] credits = parse("position_decay").credits(ofSize(n));
            assertThat(cells).hasSize(n);
            for (int i = 0; i < n; i++) {
                String[] frac = cells[i].split("/");
                double expected = frac.length == 2 ? Double.parseDouble(frac[0]) / Double.parseDouble(frac[1])
                        : Double.parseDouble(frac[0]);
                assertThat(credits[i]).isCloseTo(expected, within(1e-15));
            }
            rows++;
        }
        assertThat(rows).isEqualTo(5);
    }

    @Test
    void formulaTableNamesEveryBuiltIn() throws IOException {
        String doc = doc();
        for (ModelInfo info : AttributionModels.builtIns()) {
            String params = info.params().isEmpty() ? "–" : String.join(", ",
                    info.params().stream().map(p -> "`" + p.name() + "` (" + p.defaultValue() + ")").toList());
            assertThat(doc).contains("| `" + info.name() + "` | " + params + " |");
        }
    }

    @Test
    void canonicalNameTableAndConfigExamples() throws IOException {
        String doc = doc();
        Matcher m = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\|$", Pattern.MULTILINE).matcher(doc);
        int rows = 0;
        while (m.find()) {
            assertThat(parse(m.group(1)).name()).isEqualTo(m.group(2));
            rows++;
        }
        assertThat(rows).isEqualTo(6);
        // the default list and the example list parse; the custom one names the docs model
        assertThat(doc).contains("touchpoint.attribution.models = [first, last, last_non_direct, linear, position_based, time_decay]");
        assertThat(AttributionModels.defaults()).extracting(AttributionModel::name).containsExactly(
                "first", "last", "last_non_direct", "linear", "position_based(first=0.4,last=0.4)", "time_decay(half_life=7d)");
        for (String spec : List.of("last_non_direct", "position_based(first=0.2, last=0.6)", "time_decay(half_life=3d)",
                "position_decay", customSpec("com.acme.attribution.FirstTwoModel(first=0.7)"))) {
            assertThat(doc).contains(spec.replace(FirstTwoModel.class.getPackageName(), "com.acme.attribution"));
            parse(spec);
        }
        assertThat(doc).contains("Unknown parameter 'half_lfe' of time_decay: touchpoint.attribution.models[2] = "
                + "time_decay(half_lfe=3d). time_decay takes half_life (default 7d).");
        assertThat(catchMessage("touchpoint.attribution.models[2]", "time_decay(half_lfe=3d)"))
                .isEqualTo("Unknown parameter 'half_lfe' of time_decay: touchpoint.attribution.models[2] = "
                        + "time_decay(half_lfe=3d). time_decay takes half_life (default 7d).");
    }

    private static String catchMessage(String key, String spec) {
        try {
            AttributionModels.parse(key, spec);
            throw new AssertionError("no error for " + spec);
        } catch (io.touchpoint.core.error.TouchpointException e) {
            return e.getMessage();
        }
    }

    private static String customSpec(String docSpec) {
        return docSpec.replace("com.acme.attribution", FirstTwoModel.class.getPackageName());
    }

    @Test
    void customModelCodeIsTheTestModel() throws IOException {
        String doc = doc();
        String source = Files.readString(find("modules/core/src/test/java/io/touchpoint/core/attribution/example/FirstTwoModel.java"));
        String body = source.substring(source.indexOf("public record FirstTwoModel")).strip();
        String docBody = doc.substring(doc.indexOf("public record FirstTwoModel"));
        docBody = docBody.substring(0, docBody.indexOf("```")).strip();
        assertThat(docBody).isEqualTo(body);
        assertThat(doc).contains("package com.acme.attribution;");

        Matcher m = Pattern.compile("^\\| `(com\\.acme[^`]+)` \\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|$", Pattern.MULTILINE)
                .matcher(doc);
        int rows = 0;
        while (m.find()) {
            AttributionModel model = parse(customSpec(m.group(1)));
            assertThat(model.name()).isEqualTo(customSpec(m.group(2)));
            assertThat(shares(model.credits(ofSize(1)))).isEqualTo(m.group(3).strip());
            assertThat(shares(model.credits(ofSize(3)))).isEqualTo(m.group(4).strip());
            rows++;
        }
        assertThat(rows).isEqualTo(2);
    }
    // ---- milestone models -----------------------------------------------------------------------------

    private static final String[] MILESTONE_MODELS = {"u_shaped", "w_shaped", "full_path"};

    /** The sessions of "Milestones, worked example": channel, start (UTC), CRM stage cell, as on the page (– for none). */
    private static final String[][] DEAL = {
        {"Organic Search", "2026-03-02 09:00", "–"},
        {"Paid Social", "2026-03-09 10:05", "`lead_created` 2026-03-09 10:20 (the form fill)"},
        {"Email", "2026-03-20 14:00", "–"},
        {"Referral", "2026-04-03 11:00", "`opportunity_created` 2026-04-05 09:00"},
        {"Email", "2026-04-20 08:30", "–"},
        {"Direct", "2026-05-04 15:30", "`closed_won` 2026-05-04 16:00 (the conversion)"},
    };

    private static long micros(String dateTime) {
        return LocalDateTime.parse(dateTime.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }

    /** The $1,000 deal; {@code leadTime} is the time of lead_created. Stage times go through the config mapping. */
    private static Journey deal(String leadTime) {
        List<Touchpoint> tps = new ArrayList<>();
        Map<String, Long> stages = new LinkedHashMap<>();
        for (int i = 0; i < DEAL.length; i++) {
            tps.add(TestJourneys.tp("s" + (i + 1), micros(DEAL[i][1]), DEAL[i][0]));
            Matcher m = Pattern.compile("`([a-z_]+)` (\\S+ \\S+)").matcher(DEAL[i][2]);
            if (m.lookingAt()) {
                stages.put(m.group(1), micros(m.group(2)));
            }
        }
        stages.put("lead_created", micros(leadTime));
        return new Journey("deal", "closed_won", micros("2026-05-04 16:00"), 1000, tps,
                AttributionConfig.MilestoneStages.DEFAULT.roleTimes(stages));
    }

    private static String bigDollars(double x) {
        return String.format(Locale.ROOT, "$%,.2f", x);
    }

    private static void assertMilestoneTable(String doc, String section, Journey j) {
        String text = doc.substring(doc.indexOf(section));
        for (String spec : MILESTONE_MODELS) {
            AttributionModel m = parse(spec);
            StringBuilder row = new StringBuilder("| `" + m.name() + "` |");
            for (double c : m.credits(j)) {
                row.append(' ').append(c == 0 ? "0" : share(c) + " (" + bigDollars(c * j.value()) + ")").append(" |");
            }
            assertThat(text).as("%s row of %s", section, m.name()).contains(row.toString());
        }
    }

    @Test
    void milestoneWorkedExample() throws IOException {
        String doc = doc();
        for (int i = 0; i < DEAL.length; i++) {
            assertThat(doc).contains("| " + (i + 1) + " | " + DEAL[i][0] + " | " + DEAL[i][1] + " | " + DEAL[i][2] + " |");
        }
        assertThat(doc).contains("A deal worth $1,000, closed won on 2026-05-04 at 16:00, and the six sessions");
        Journey all = deal("2026-03-09 10:20");
        assertThat(all.milestones()).containsOnlyKeys(Journey.LEAD, Journey.OPPORTUNITY, Journey.WON);
        assertThat(parse("w_shaped").credits(all)).containsExactly(0.3, 0.3, 0.1 / 3, 0.3, 0.1 / 3, 0.1 / 3);
        assertMilestoneTable(doc, "### Milestones, worked example", all);

        // the lead before the first session: missing
        assertThat(doc).contains("the lead was created on 2026-02-20, before the first");
        Journey noLead = deal("2026-02-20 12:00");
        double[] w = parse("w_shaped").credits(noLead);
        assertThat(w[0]).isCloseTo(0.45, within(1e-15));
        assertThat(w[1]).isCloseTo(0.025, within(1e-15));
        assertMilestoneTable(doc, "**A missing milestone.**", noLead);
        assertThat(doc).contains("0.3 + 0.15 = 0.45 each").contains("0.225 / 3 = 0.075 more");
        // no lead time at all gives the same shares
        Map<String, Long> withoutLead = new LinkedHashMap<>(noLead.milestones());
        withoutLead.remove(Journey.LEAD);
        Journey absent = new Journey("deal", "closed_won", noLead.conversionTimeMicros(), 1000, noLead.touchpoints(), withoutLead);
        for (String spec : MILESTONE_MODELS) {
            assertThat(parse(spec).credits(absent)).containsExactly(parse(spec).credits(noLead));
        }
    }

    @Test
    void milestoneShortJourneys() throws IOException {
        String doc = doc();
        double no = Double.NaN;
        Object[][] rows = {
            {"1 touchpoint, every stage after its start", 1, 1.5, 1.5, 1.5},
            {"1 touchpoint, no stage times", 1, no, no, no},
            {"3 touchpoints, lead at #2, opportunity and won at #3", 3, 2.0, 3.0, 3.0},
            {"3 touchpoints, lead and opportunity at #2, won at #3", 3, 2.0, 2.0, 3.0},
            {"3 touchpoints, no stage times (every journey without a CRM input)", 3, no, no, no},
        };
        for (Object[] r : rows) {
            Journey j = TestJourneys.withMilestones(ofSize((int) r[1]), (double) r[2], (double) r[3], (double) r[4]);
            StringBuilder row = new StringBuilder("| " + r[0] + " |");
            for (String spec : MILESTONE_MODELS) {
                row.append(' ').append(shares(parse(spec).credits(j))).append(" |");
            }
            assertThat(doc).as("row %s", r[0]).contains(row.toString());
        }
        assertThat(doc).contains("0.225 + 0.225 + 0.1/3 = 0.4833");
        // journeys without a CRM input, as the page says: everything, or 0.9, to the first touchpoint
        assertThat(parse("u_shaped").credits(ofSize(4))).containsExactly(1, 0, 0, 0);
        assertThat(doc).contains("`u_shaped` gives everything to the first touchpoint and `w_shaped` and `full_path` give 0.9 to it");
    }

    @Test
    void milestoneConfigAndErrorAsOnThePage() throws IOException {
        String doc = doc();
        AttributionConfig.MilestoneStages d = AttributionConfig.MilestoneStages.DEFAULT;
        assertThat(doc).contains("touchpoint.attribution.milestones {\n  lead = " + d.lead() + "\n  opportunity = "
                + d.opportunity() + "\n  won = " + d.won() + "\n}");
        String spec = "w_shaped(first=0.3,lead=0.3,opportunity=0.5)";
        String message = catchMessage("touchpoint.attribution.models[0]", spec);
        assertThat(doc).contains("`" + spec + "` is an error:\n\n```\n" + message + "\n```");
        assertThat(parse("w_shaped(first=0.2,lead=0.2,opportunity=0.6)").credits(
                TestJourneys.withMilestones(ofSize(4), 2, 3, Double.NaN))).containsExactly(0.2, 0.2, 0.6, 0);
        for (String name : List.of("u_shaped(first=0.5,lead=0.5)", "w_shaped(first=0.3,lead=0.3,opportunity=0.3)",
                "full_path(first=0.225,lead=0.225,opportunity=0.225,won=0.225)")) {
            assertThat(doc).contains("`" + name + "`");
            assertThat(parse(name.substring(0, name.indexOf('('))).name()).isEqualTo(name);
        }
    }

    // ---- hybrid ---------------------------------------------------------------------------------------

    private static final String[] HYBRID_CHANNELS = {"Organic Social", "Email", "Paid Search", "Direct"};

    private static Journey hybridExample(String answer) {
        Journey j = TestJourneys.withChannels(HYBRID_CHANNELS);
        return new Journey("c1", "purchase", j.conversionTimeMicros(), 200, j.touchpoints(), Map.of(), answer);
    }

    private static String creditCell(double c, double value) {
        return c == 0 ? "0" : share(c) + " (" + dollars(c * value) + ")";
    }

    @Test
    void hybridWorkedExample() throws IOException {
        String doc = doc();
        String text = doc.substring(doc.indexOf("### Hybrid, worked example"));
        AttributionModel m = parse("hybrid");
        assertThat(m.name()).isEqualTo("hybrid(base=linear,self_reported=0.5)");
        assertThat(doc).contains("`" + m.name() + "`").contains("A $200 conversion after four sessions, under `" + m.name() + "`");
        StringBuilder header = new StringBuilder("| answer |");
        for (int i = 0; i < HYBRID_CHANNELS.length; i++) {
            header.append(' ').append(i + 1).append(' ').append(HYBRID_CHANNELS[i]).append(" |");
        }
        assertThat(text).contains(header + " off the journey |");
        String[][] rows = {
            {"Podcast", "Podcast (no Podcast touchpoint)"},
            {"Paid Search", "Paid Search (touchpoint 3)"},
            {null, "none"},
        };
        for (String[] r : rows) {
            Journey j = hybridExample(r[0]);
            StringBuilder row = new StringBuilder("| " + r[1] + " |");
            for (double c : m.credits(j)) {
                row.append(' ').append(creditCell(c, j.value())).append(" |");
            }
            double off = m.offJourneyCredit(j);
            row.append(' ').append(creditCell(off, j.value())).append(off == 0 ? "" : " to " + r[0]).append(" |");
            assertThat(text).as("row %s", r[1]).contains(row.toString());
        }
        // the row without an answer is linear, and the numbers of the text below the table
        assertThat(m.credits(hybridExample(null))).containsExactly(parse("linear").credits(hybridExample(null)));
        assertThat(m.credits(hybridExample("Paid Search"))[2]).isEqualTo(0.625);
        assertThat(text).contains("0.5 × 0.25 + 0.5 = 0.625").contains("$100, outside the journey");
        Journey twice = TestJourneys.withChannels("Organic Social", "Paid Search", "Paid Search", "Direct");
        twice = new Journey("c1", "purchase", twice.conversionTimeMicros(), 200, twice.touchpoints(), Map.of(), "Paid Search");
        assertThat(m.credits(twice)).containsExactly(0.125, 0.375, 0.375, 0.125);
        assertThat(text).contains("each of those two touchpoints would get\n0.125 + 0.25 = 0.375");
        // the examples of the parameter list
        assertThat(doc).contains("`hybrid(base=time_decay,self_reported=0.3)` uses `time_decay(half_life=7d)`");
        assertThat(((HybridModel) parse("hybrid(base=time_decay,self_reported=0.3)")).base().name())
                .isEqualTo("time_decay(half_life=7d)");
        assertThat(catchMessage("k", "hybrid(base=time_decay(half_life=3d))")).startsWith("Nested parentheses");
        assertThat(catchMessage("k", "hybrid(base=hybrid)")).startsWith("hybrid cannot be the base of hybrid");
    }
}
