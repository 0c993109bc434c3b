package io.touchpoint.core.spend;

import io.touchpoint.core.config.DateRange;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The validated costs of a spend file: one exact amount per (date, channel, campaign), the rows
 * that share a key summed, all in one currency.
 *
 * @param currency the ISO 4217 code every row had (it equals {@code touchpoint.report.currency})
 * @param costs the summed cost per key, in key order
 */
public record Spend(String currency, SortedMap<SpendKey, BigDecimal> costs) implements Serializable {
    public Spend {
        Objects.requireNonNull(currency);
        costs = Collections.unmodifiableSortedMap(new TreeMap<>(costs));
    }

    /** The costs of the dates a run writes: all of them, or those of its range. */
    public Spend within(DateRange range) {
        if (range.isAll()) {
            return this;
        }
        TreeMap<SpendKey, BigDecimal> in = new TreeMap<>();
        costs.forEach((k, v) -> {
            if (range.contains(k.date())) {
                in.put(k, v);
            }
        });
        return new Spend(currency, in);
    }

    /** Every cost added up, exactly. */
    public BigDecimal total() {
        return costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
