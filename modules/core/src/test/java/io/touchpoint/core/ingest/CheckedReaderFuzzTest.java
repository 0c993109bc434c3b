package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Any bytes read through {@link CheckedReader} as UTF-8: no exception, the same lines a lenient
 * decoder and {@link BufferedReader} give, and exactly the lines that are not valid UTF-8 named.
 * The generated text's characters are taken as bytes (0-255), so every byte sequence can occur.
 */
class CheckedReaderFuzzTest {
    private static byte[] bytes(String text) {
        byte[] b = new byte[text.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) text.charAt(i);
        }
        return b;
    }

    private static String randomBytes(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(600);
        boolean mostlyText = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(10);
            sb.append((char) (pick < 2 ? "\n\r".charAt(r.nextInt(2))
                    : mostlyText && pick < 8 ? 'a' + r.nextInt(26)
                    : pick == 8 ? 0xC3 : r.nextInt(256))); // 0xC3: the lead byte of ü, ö, é
        }
        return sb.toString();
    }

    private static void property(String text) {
        byte[] data = bytes(text);
        CheckedReader r = new CheckedReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8, () -> data.length);
        List<String> lines = new ArrayList<>();
        try (BufferedReader b = new BufferedReader(r)) {
            for (String l = b.readLine(); l != null; l = b.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> expected = FuzzChecks.physicalLines(text);
        assertThat(lines).hasSameSizeAs(expected);
        TreeSet<Long> invalid = new TreeSet<>();
        for (int i = 0; i < expected.size(); i++) {
            byte[] line = bytes(expected.get(i));
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            } catch (CharacterCodingException e) {
                invalid.add(i + 1L);
            }
            assertThat(lines.get(i)).isEqualTo(new String(line, StandardCharsets.UTF_8));
        }
        assertThat(r.invalidLines()).isEqualTo(invalid);
        assertThat(r.failure()).isNull();
    }

    @Test
    void anyBytes() {
        Fuzz.check("checked reader bytes", 1_000, CheckedReaderFuzzTest::randomBytes, CheckedReaderFuzzTest::property);
    }
}
