package io.touchpoint.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The digest kept for the purpose gives Java's own name-based UUIDs, name after name. */
class NameUuidsTest {
    @Test
    void sameAsJavasNameBasedUuids() {
        NameUuids ids = new NameUuids();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            String name = "v" + rnd.nextInt(1000) + "|" + rnd.nextLong() + (i % 3 == 0 ? "|é|" + i : "");
            assertThat(ids.of(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        }
        assertThat(ids.of("")).isEqualTo(UUID.nameUUIDFromBytes(new byte[0]).toString());
    }
}
