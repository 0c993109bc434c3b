package io.touchpoint.spark.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The encoder gives back what plain conversion would, and shares the values it remembers. */
class Utf8EncoderTest {
    @Test
    void encodesEveryValueAndRemembersTheFirstThousands() {
        Utf8Encoder encoder = new Utf8Encoder();
        assertThat(encoder.encode(null)).isNull();
        for (int i = 0; i < 10_000; i++) {
            String s = "source-" + (i % 5_000) + "-ü";
            assertThat(encoder.encode(s)).isEqualTo(UTF8String.fromString(s));
        }
        Utf8Encoder fresh = new Utf8Encoder();
        assertThat(fresh.encode("google")).isSameAs(fresh.encode(new String("google")));
    }
}
