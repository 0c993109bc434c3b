package io.touchpoint.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    @Test
    void computesEachInputOnceUntilFullThenStartsOver() {
        CALLS.set(0);
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(2, s -> {
            CALLS.incrementAndGet();
            return s.length();
        });
        assertThat(memo.get("a")).isEqualTo(1);
        assertThat(memo.get("a")).isEqualTo(1);
        assertThat(memo.get("bb")).isEqualTo(2);
        assertThat(CALLS).hasValue(2);
        assertThat(memo.get("ccc")).isEqualTo(3); // full: forgets a and bb
        assertThat(memo.get("a")).isEqualTo(1);
        assertThat(CALLS).hasValue(4);
    }

    @Test
    void travelsSerializedWithoutItsAnswers() throws Exception {
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(10, String::length);
        memo.get("abc");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(memo);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            BoundedMemo<String, Integer> copy = (BoundedMemo<String, Integer>) in.readObject();
            assertThat(copy.get("abcd")).isEqualTo(4);
        }
    }
}
