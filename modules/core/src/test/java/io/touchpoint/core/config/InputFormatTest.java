package io.touchpoint.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.error.TouchpointException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** touchpoint.input.format: the four names, their aliases, any case and spacing; anything else is a CONFIG error. */
class InputFormatTest {
    private static final String KEY = "touchpoint.input.format";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "csv, CSV", "CSV, CSV", "'  csv ', CSV",
        "jsonl, JSONL", "json, JSONL", "ndjson, JSONL", "JSON, JSONL", "NDJSON, JSONL",
        "parquet, PARQUET", "Parquet, PARQUET",
        "access-log, ACCESS_LOG", "combined, ACCESS_LOG", "access_log, ACCESS_LOG", "Combined, ACCESS_LOG",
    })
    void namesAndAliases(String value, InputFormat expected) {
        assertThat(InputFormat.parse(KEY, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(InputFormat.class)
    void configNameRoundTrips(InputFormat format) {
        assertThat(InputFormat.parse(KEY, format.configName())).isEqualTo(format);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"xml", "tsv", "jsonlines", "access log", "apache"})
    void unknownFormatIsAConfigErrorNamingKeyValueAndChoices(String value) {
        assertThatThrownBy(() -> InputFormat.parse(KEY, value))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.where()).isEqualTo(KEY);
                    assertThat(e.value()).isEqualTo(String.valueOf(value));
                    assertThat(e.getMessage())
                            .startsWith("Unknown input format: " + KEY + " = " + value + ".")
                            .contains("csv, jsonl, parquet, access-log");
                });
    }
}
