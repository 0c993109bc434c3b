package io.touchpoint.core.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.InputFormat;
import io.touchpoint.core.error.TouchpointException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spend file's rows: good rows summed exactly per (date, channel, campaign), every bad row a
 * config error (exit 2) naming the file, the row, the value and the fix, one currency per run.
 */
class SpendParserTest {
    static final String FILE = "spend.csv";
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2026, 12, 31);

    static SpendRow row(long n, String date, String channel, String campaign, String cost, String currency) {
        return new SpendRow(FILE, n, date, channel, campaign, cost, currency);
    }

    static Spend parse(String reportCurrency, SpendRow... rows) {
        return parse(SpendConfig.NONE, reportCurrency, rows);
    }

    static Spend parse(SpendConfig config, String reportCurrency, SpendRow... rows) {
        return SpendParser.parse(config, reportCurrency, EARLIEST, LATEST, List.of(rows));
    }

    static SpendKey key(String date, String channel, String campaign) {
        return new SpendKey(LocalDate.parse(date), channel, campaign);
    }

    @Test
    void goodRowsAreSummedExactlyPerDateChannelAndCampaign() {
        Spend s = parse("USD",
                row(1, "2026-03-02", "Paid Search", "generic", "132.32", "USD"),
                row(2, "2026-03-02", "Paid Search", "generic", "29.39", "USD"), // the same campaign on another network
                row(3, "2026-03-02", "Paid Search", "brand", "41.87", "USD"),
                row(4, "2026-03-03", "Paid Search", "generic", "0.1", "USD"),
                row(5, "2026-03-03", "Paid Search", "generic", "0.2", "usd"),
                row(6, " 2026-03-03 ", " Display ", "", "7", " USD "),
                row(7, "2026-03-03", "Display", null, "0", "USD"));
        assertThat(s.currency()).isEqualTo("USD");
        assertThat(s.costs()).containsExactly(
                Map.entry(key("2026-03-02", "Paid Search", "brand"), new BigDecimal("41.87")),
                Map.entry(key("2026-03-02", "Paid Search", "generic"), new BigDecimal("161.71")),
                Map.entry(key("2026-03-03", "Display", "(not set)"), new BigDecimal("7")),
                Map.entry(key("2026-03-03", "Paid Search", "generic"), new BigDecimal("0.3")));
        assertThat(s.total()).isEqualByComparingTo("210.88");
        assertThat(s.within(new DateRange(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3))).costs().keySet())
                .containsExactly(key("2026-03-03", "Display", "(not set)"), key("2026-03-03", "Paid Search", "generic"));
        assertThat(s.within(DateRange.ALL)).isEqualTo(s);
    }

    @Test
    void campaignsKeepTheirCaseAsSessionsDo() {
        Spend s = parse("EUR", row(1, "2026-03-02", "Paid Social", " Spring_Sale ", "1", "EUR"),
                row(2, "2026-03-02", "Paid Social", "spring_sale", "2", "EUR"));
        assertThat(s.costs()).hasSize(2).containsKeys(key("2026-03-02", "Paid Social", "Spring_Sale"),
                key("2026-03-02", "Paid Social", "spring_sale"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "date     | 2026-02-30  | Not a date                   | YYYY-MM-DD",
        "date     | 02/03/2026  | Not a date                   | YYYY-MM-DD",
        "date     | 2026-03-02T10:00:00Z | Not a date          | no time",
        "date     | ''          | Spend row without a date     | YYYY-MM-DD",
        "date     | 1999-12-31  | Implausible spend date       | touchpoint.input.valid-times",
        "date     | 2027-01-01  | Implausible spend date       | touchpoint.input.valid-times",
        "channel  | ''          | Spend row without a channel  | Paid Search",
        "channel  | '  '        | Spend row without a channel  | Paid Search",
        "cost     | -3.10       | Negative cost                | 0 or more",
        "cost     | 12,50       | Cost is not a plain decimal number | no decimal comma",
        "cost     | $12         | Cost is not a plain decimal number | no currency sign",
        "cost     | 1,234.50    | Cost is not a plain decimal number | no thousands separator",
        "cost     | NaN         | Cost is not a plain decimal number | 1234.50",
        "cost     | ''          | Spend row without a cost     | write 0",
        "cost     | 2e12        | Implausible cost             | one day's spend",
        "currency | ''          | Spend row without a currency | ISO 4217",
        "currency | dollars     | Not an ISO 4217 currency code | three-letter",
    })
    void aBadRowStopsTheRunNamingFileRowValueAndFix(String column, String value, String problem, String fix) {
        String[] v = {"2026-03-02", "Paid Search", "brand", "5.00", "USD"};
        int i = List.of("date", "channel", "campaign", "cost", "currency").indexOf(column);
        v[i] = value;
        SpendRow good = row(1, "2026-03-01", "Paid Search", "brand", "1", "USD");
        SpendRow bad = row(2, v[0], v[1], v[2], v[3], v[4]);
        assertThatThrownBy(() -> parse("USD", good, bad)).isInstanceOfSatisfying(TouchpointException.class, e -> {
            assertThat(e.kind().exitCode()).isEqualTo(2);
            assertThat(e.where()).isEqualTo("spend.csv row 2, " + column);
            assertThat(e.value()).isEqualTo(value.isBlank() ? "\"" + value + "\"" : value);
            assertThat(e.getMessage()).startsWith(problem).contains("spend.csv row 2, " + column + " = ").contains(fix);
        });
    }

    @Test
    void aBadRowNamesTheFilesOwnColumn() {
        SpendConfig renamed = new SpendConfig("spend.csv", InputFormat.CSV, Map.of(SpendColumn.COST, "amount"));
        assertThatThrownBy(() -> parse(renamed, "USD", row(7, "2026-03-02", "Display", "", "abc", "USD")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> assertThat(e.getMessage())
                        .contains("spend.csv row 7, amount = abc"));
    }

    @Test
    void aCurrencyOtherThanTheReportsStopsTheRunNamingBoth() {
        assertThatThrownBy(() -> parse("USD", row(1, "2026-03-02", "Display", "", "10", "EUR"),
                row(2, "2026-03-03", "Display", "", "10", "EUR")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.where()).isEqualTo("touchpoint.report.currency");
                    assertThat(e.value()).isEqualTo("USD");
                    assertThat(e.getMessage()).contains("costs are in EUR (spend.csv row 1)", "report's currency is USD",
                            "Set touchpoint.report.currency = EUR", "convert the spend file's costs to USD");
                });
    }

    @Test
    void aFileMixingCurrenciesStopsTheRunAtTheFirstOtherOne() {
        assertThatThrownBy(() -> parse("USD", row(1, "2026-03-02", "Display", "", "10", "USD"),
                row(2, "2026-03-02", "Display", "", "10", "USD"), row(3, "2026-03-03", "Display", "", "9", "GBP")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("mixes currencies (spend.csv row 1 is in USD)",
                            "spend.csv row 3, currency = GBP", "convert every cost to USD");
                });
    }

    @Test
    void aFileWithoutRowsHasNoCosts() {
        Spend s = parse("CHF");
        assertThat(s.costs()).isEmpty();
        assertThat(s.currency()).isEqualTo("CHF");
        assertThat(s.total()).isEqualByComparingTo("0");
    }

    @Test
    void aMissingRequiredColumnIsAnInputErrorNamingTheFilesColumns() {
        SpendParser.requireColumns(SpendConfig.NONE, "s.csv", List.of("date", "channel", "cost", "currency")); // campaign is optional
        assertThatThrownBy(() -> SpendParser.requireColumns(SpendConfig.NONE, "s.csv", List.of("date", "channel", "amount", "currency")))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind().exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("no column 'cost'", "touchpoint.spend.path = s.csv",
                            "date, channel, amount, currency", "touchpoint.spend.columns");
                });
        SpendConfig renamed = new SpendConfig("s.csv", InputFormat.CSV, Map.of(SpendColumn.COST, "amount"));
        SpendParser.requireColumns(renamed, "s.csv", List.of("date", "channel", "amount", "currency"));
        assertThatThrownBy(() -> SpendParser.requireColumns(renamed, "s.csv", List.of("date", "channel", "cost", "currency")))
                .hasMessageContaining("no column 'amount' (the cost column, renamed in touchpoint.spend.columns)");
    }

    /**
     * Whatever the order of the rows and however a key's cost is split over rows, the sums are the
     * same exact decimals (seeded: a failure names its seed).
     */
    @Test
    void sumsDoNotDependOnRowOrderOrSplits() {
        for (long seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            TreeMap<SpendKey, BigDecimal> expected = new TreeMap<>();
            List<SpendRow> rows = new ArrayList<>();
            int keys = 1 + r.nextInt(6);
            for (int k = 0; k < keys; k++) {
                String date = LocalDate.of(2026, 3, 1).plusDays(r.nextInt(3)).toString();
                String channel = List.of("Paid Search", "Display").get(r.nextInt(2));
                String campaign = List.of("", "a", "b").get(r.nextInt(3));
                int parts = 1 + r.nextInt(4);
                for (int p = 0; p < parts; p++) {
                    BigDecimal cost = BigDecimal.valueOf(r.nextInt(1_000_000), 2);
                    expected.merge(SpendKey.of(LocalDate.parse(date), channel, campaign), cost, BigDecimal::add);
                    rows.add(row(0, date, channel, campaign, cost.toPlainString(), "USD"));
                }
            }
            Collections.shuffle(rows, r);
            Spend s = SpendParser.parse(SpendConfig.NONE, "USD", EARLIEST, LATEST, rows);
            assertThat(s.costs()).as("seed " + seed).isEqualTo(expected);
            assertThat(s.total()).as("seed " + seed).isEqualByComparingTo(expected.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }
}
