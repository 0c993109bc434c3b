package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Revenue is a plain decimal number or absent; locale, currency, hex and non-finite forms are refused. */
class RevenueParserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "12.5     | 12.5",
        "-3       | -3.0",
        "+7       | 7.0",
        "1e3      | 1000.0",
        "2.5E-1   | 0.25",
        ".5       | 0.5",
        "5.       | 5.0",
        "0        | 0.0",
        "0.00     | 0.0",
        "'  12.5 '| 12.5",
    })
    void plainDecimalsAreValidAndParsed(String text, double value) {
        assertThat(RevenueParser.read(text)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"12,50 EUR", "12,50", "12.50 EUR", "$12", "abc", "NaN", "Infinity", "-Infinity",
        "1d", "1f", "0x10", "1.2.3", "1e", "e3", ".", "-", "1 000", "١٢"})
    void everythingElseIsInvalid(String text) {
        assertThat(RevenueParser.read(text)).isNaN();
    }

    @org.junit.jupiter.api.Test
    void overflowingNumberIsInvalid() {
        assertThat(RevenueParser.read("1e400")).isNaN();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void absentRevenueIsValidAndNull(String text) {
        assertThat(RevenueParser.read(text)).isNull();
    }
}
