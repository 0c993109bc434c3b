package io.touchpoint.core.spend;

import io.touchpoint.core.error.TouchpointException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks the rows of a spend file and sums them per (date, channel, campaign).
 *
 * <p>A bad row stops the run (a config error, exit 2) naming the file, the row, the value and the
 * fix; rows are never quarantined, because a dropped cost row would silently understate every
 * CPA. The checks: {@code date} a real {@code YYYY-MM-DD} day within {@code input.valid-times};
 * {@code channel} present; {@code cost} a plain decimal number of 0 or more (no currency sign, no
 * thousands separator, at most {@link #MAX_COST}); {@code currency} a three-letter ISO 4217 code,
 * the same on every row and equal to {@code touchpoint.report.currency} (one currency per run:
 * costs are never converted).
 */
public final class SpendParser {
    /** The largest cost of one row: a day's spend on one campaign above it is a typo, and sums stay exact to the cent. */
    public static final BigDecimal MAX_COST = new BigDecimal("1e12");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final String NOT_DROPPED = " Spend rows are never skipped: a missing cost would understate CPA.";

    private final SpendConfig config;
    private final String reportCurrency;
    private final LocalDate earliest;
    private final LocalDate latest;
    private final TreeMap<SpendKey, BigDecimal> costs = new TreeMap<>();
    /** The first row's currency and where it was, once a row was read. */
    private String currency;
    private String currencyAt;

    /**
     * @param reportCurrency {@code touchpoint.report.currency}, which every row's currency must equal
     * @param earliest the first plausible date ({@code input.valid-times.from})
     * @param latest the last plausible date ({@code input.valid-times.to}, or the day after the run starts)
     */
    public SpendParser(SpendConfig config, String reportCurrency, LocalDate earliest, LocalDate latest) {
        this.config = Objects.requireNonNull(config);
        this.reportCurrency = reportCurrency.strip().toUpperCase(Locale.ROOT);
        this.earliest = earliest;
        this.latest = latest;
    }

    /** Checks and sums {@code rows} (see {@link #add}). */
    public static Spend parse(SpendConfig config, String reportCurrency, LocalDate earliest, LocalDate latest,
                              Iterable<SpendRow> rows) {
        SpendParser p = new SpendParser(config, reportCurrency, earliest, latest);
        rows.forEach(p::add);
        return p.result();
    }

    /**
     * Stops the run (an input error, exit 3, as for the events) when {@code fileColumns} lacks a
     * required column, naming the columns the file has and the rename that fixes it.
     */
    public static void requireColumns(SpendConfig config, String file, Collection<String> fileColumns) {
        for (SpendColumn c : SpendColumn.ALL) {
            String name = config.sourceName(c);
            if (c.required() && !fileColumns.contains(name)) {
                throw TouchpointException.input("touchpoint.spend.path", file, "The spend file has no column '" + name + "'"
                        + (name.equals(c.columnName()) ? "" : " (the " + c.columnName() + " column, renamed in touchpoint.spend.columns)"),
                        "Its columns are: " + String.join(", ", fileColumns) + ". Name the file's " + c.columnName()
                                + " column in touchpoint.spend.columns, e.g. { " + c.columnName() + " = \"...\" } (docs/b2b-inputs.md).",
                        null);
            }
        }
    }

    /** Checks one row and adds its cost to its key's; a bad row stops the run. */
    public void add(SpendRow r) {
        LocalDate date = date(r);
        String channel = trimmed(r.channel());
        if (channel.isEmpty()) {
            throw bad(r, SpendColumn.CHANNEL, r.channel(), "Spend row without a channel",
                    "Give every row the channel the engine gives the campaign's sessions, e.g. Paid Search." + NOT_DROPPED);
        }
        BigDecimal cost = cost(r);
        currency(r);
        costs.merge(SpendKey.of(date, channel, r.campaign()), cost, BigDecimal::add);
    }

    /** The costs read so far; stops the run when their currency is not the report's. */
    public Spend result() {
        if (currency != null && !currency.equals(reportCurrency)) {
            throw TouchpointException.config("touchpoint.report.currency", reportCurrency, "The spend file's costs are in "
                            + currency + " (" + currencyAt + ") but the report's currency is " + reportCurrency,
                    "Set touchpoint.report.currency = " + currency + " if the run's revenue is in " + currency
                            + ", or convert the spend file's costs to " + reportCurrency + " (one currency per run; costs are never converted).");
        }
        return new Spend(currency == null ? reportCurrency : currency, costs);
    }

    private LocalDate date(SpendRow r) {
        String v = trimmed(r.date());
        if (v.isEmpty()) {
            throw bad(r, SpendColumn.DATE, r.date(), "Spend row without a date", "Give every row its day as YYYY-MM-DD." + NOT_DROPPED);
        }
        LocalDate d;
        try {
            d = LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw bad(r, SpendColumn.DATE, r.date(), "Not a date",
                    "Write the day as YYYY-MM-DD, e.g. 2026-03-02 (no time, no other order)." + NOT_DROPPED);
        }
        if (d.isBefore(earliest) || (latest != null && d.isAfter(latest))) {
            throw bad(r, SpendColumn.DATE, r.date(), "Implausible spend date (outside " + earliest + " to "
                    + (latest == null ? "any later date" : latest) + ", touchpoint.input.valid-times)",
                    "Fix the row's date, or widen touchpoint.input.valid-times if the date is right.");
        }
        return d;
    }

    private BigDecimal cost(SpendRow r) {
        String v = trimmed(r.cost());
        if (v.isEmpty()) {
            throw bad(r, SpendColumn.COST, r.cost(), "Spend row without a cost", "Give every row its cost; write 0 for a day without spend."
                    + NOT_DROPPED);
        }
        if (!DECIMAL.matcher(v).matches()) {
            throw bad(r, SpendColumn.COST, r.cost(), "Cost is not a plain decimal number",
                    "Write it like 1234.50: digits and a decimal point, no currency sign, no thousands separator, no decimal comma."
                            + NOT_DROPPED);
        }
        BigDecimal c = new BigDecimal(v);
        if (c.signum() < 0) {
            throw bad(r, SpendColumn.COST, r.cost(), "Negative cost",
                    "A cost is what was spent, 0 or more: fix the row (book a refund against the day's cost)." + NOT_DROPPED);
        }
        if (c.compareTo(MAX_COST) > 0) {
            throw bad(r, SpendColumn.COST, r.cost(), "Implausible cost (above " + MAX_COST.toPlainString() + " for one row)",
                    "Fix the row: a cost is one day's spend on one campaign.");
        }
        return c;
    }

    private void currency(SpendRow r) {
        String v = trimmed(r.currency()).toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw bad(r, SpendColumn.CURRENCY, r.currency(), "Spend row without a currency",
                    "Give every row the ISO 4217 code of its cost, e.g. " + reportCurrency + "." + NOT_DROPPED);
        }
        if (!CODE.matcher(v).matches()) {
            throw bad(r, SpendColumn.CURRENCY, r.currency(), "Not an ISO 4217 currency code",
                    "Write the three-letter code, e.g. " + reportCurrency + ", EUR or GBP.");
        }
        if (currency == null) {
            currency = v;
            currencyAt = r.file() + " row " + r.row();
        } else if (!currency.equals(v)) {
            throw bad(r, SpendColumn.CURRENCY, r.currency(), "The spend file mixes currencies (" + currencyAt + " is in " + currency + ")",
                    "One currency per run: convert every cost to " + reportCurrency + " (touchpoint.report.currency) before the run.");
        }
    }

    private TouchpointException bad(SpendRow r, SpendColumn column, String value, String problem, String fix) {
        return TouchpointException.config(r.file() + " row " + r.row() + ", " + config.sourceName(column),
                value == null || value.isBlank() ? "\"" + (value == null ? "" : value) + "\"" : value, problem, fix);
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }
}
