package io.touchpoint.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickIdsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://x.example/lp?utm_source=google&gclid=Cj0KCQjw-abc_1|Cj0KCQjw-abc_1",
        "https://x.example/lp?msclkid=0123456789abcdef0123456789abcdef#top|0123456789abcdef0123456789abcdef",
        "https://x.example/?FBCLID=IwAR%2Bx|IwAR+x",
        "https://x.example/?li_fat_id=5f1e|5f1e",
        "https://x.example/?wbraid=AbC|AbC",
    })
    void readsTheClickIdParameters(String url, String id) {
        assertThat(ClickIds.mayHave(url)).isTrue();
        assertThat(ClickIds.of(url)).containsExactly(id);
    }

    @Test
    void otherParametersEmptyValuesAndFragmentsAreNotClickIds() {
        assertThat(ClickIds.of("https://x.example/lp?gclidx=1&xgclid=2&gclid=&utm_source=g")).isEmpty();
        assertThat(ClickIds.of("https://x.example/lp#gclid=1")).isEmpty();
        assertThat(ClickIds.of("https://x.example/lp")).isEmpty();
        assertThat(ClickIds.of(null)).isEmpty();
        assertThat(ClickIds.mayHave("https://x.example/lp?utm_source=g")).isFalse();
        assertThat(ClickIds.mayHave("https://x.example/gclid=1")).isFalse(); // no query
        assertThat(ClickIds.of("https://x.example/?gclid=a&fbclid=b")).containsExactly("a", "b");
        assertThat(ClickIds.of("https://x.example/?gclid=%E0%A4%A")).containsExactly("%E0%A4%A"); // a broken escape: as it stands
    }
}
