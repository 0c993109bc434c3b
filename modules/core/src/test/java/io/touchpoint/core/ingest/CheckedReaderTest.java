package io.touchpoint.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding that lets no bad byte pass: invalid lines are named, a file that breaks off says where. */
class CheckedReaderTest {
    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

    private static List<String> lines(CheckedReader r) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader b = new BufferedReader(r);
        for (String l = b.readLine(); l != null; l = b.readLine()) {
            out.add(l);
        }
        return out;
    }

    private static CheckedReader reader(byte[] bytes, Charset cs) {
        return new CheckedReader(new ByteArrayInputStream(bytes), cs, () -> bytes.length);
    }

    @Test
    void validUtf8PassesAsItIsWithEveryKindOfLineBreak() throws IOException {
        byte[] text = "a,ü\r\nb,€\rc,\uD83D\uDE00\nd".getBytes(StandardCharsets.UTF_8);
        CheckedReader r = reader(text, StandardCharsets.UTF_8);
        assertThat(lines(r)).containsExactly("a,ü", "b,€", "c,\uD83D\uDE00", "d");
        assertThat(r.invalidLines()).isEmpty();
        assertThat(r.failure()).isNull();
    }

    /** Found by {@link CheckedReaderFuzzTest}: a \r\n, also one split between two reads, is one break. */
    @Test
    void crLfIsOneBreakEvenAcrossTwoReads() throws IOException {
        assertThat(lines(reader("\r\n\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))).containsExactly("", "");
        String longLine = "x".repeat((1 << 16) - 1); // its \r is the last byte of the first 64 KiB read
        byte[] text = (longLine + "\r\nnext\n").getBytes(StandardCharsets.UTF_8);
        assertThat(lines(reader(text, StandardCharsets.UTF_8))).containsExactly(longLine, "next");
    }

    @Test
    void latin1BytesInAUtf8FileNameTheirLinesAndAreReplaced() throws IOException {
        byte[] text = "h\nmüller\nok\r\nmöller\n".getBytes(LATIN1);
        CheckedReader r = reader(text, StandardCharsets.UTF_8);
        assertThat(lines(r)).containsExactly("h", "m\uFFFDller", "ok", "m\uFFFDller");
        assertThat(r.invalidLines()).containsExactly(2L, 4L);
    }

    @Test
    void theFilesOwnCharsetDecodesThem() throws IOException {
        byte[] latin1 = "müller\nmöller\n".getBytes(LATIN1);
        CheckedReader r = reader(latin1, LATIN1);
        assertThat(lines(r)).containsExactly("müller", "möller");
        assertThat(r.invalidLines()).isEmpty();

        byte[] win = "price \u20ac5\n".getBytes(Charset.forName("windows-1252"));
        assertThat(lines(reader(win, Charset.forName("windows-1252")))).containsExactly("price \u20ac5");

        byte[] utf16 = "a,b\nmüller,1\n".getBytes(StandardCharsets.UTF_16); // with a byte order mark
        CheckedReader u = reader(utf16, StandardCharsets.UTF_16);
        assertThat(lines(u)).containsExactly("a,b", "müller,1");
        assertThat(u.failure()).isNull();
    }

    @Test
    void aStreamThatBreaksOffKeepsItsCompleteLinesAndSaysWhere() throws IOException {
        byte[] text = "one\ntwo\nthree and then".getBytes(StandardCharsets.UTF_8);
        long[] read = {0};
        InputStream breaking = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at == 16) {
                    throw new java.io.EOFException("Unexpected end of ZLIB input stream");
                }
                read[0]++;
                return text[at++];
            }
        };
        CheckedReader r = new CheckedReader(breaking, StandardCharsets.UTF_8, () -> read[0]);
        assertThat(lines(r)).containsExactly("one", "two"); // "three an" is incomplete: dropped
        assertThat(r.failure()).isEqualTo(new CheckedReader.Failure(3, 16, "EOFException: Unexpected end of ZLIB input stream"));
    }

    @Test
    void aDecompressorsRuntimeExceptionIsABreakToo() throws IOException {
        InputStream corrupt = new InputStream() {
            @Override
            public int read() {
                throw new ArrayIndexOutOfBoundsException("Index 900000 out of bounds for length 900000");
            }
        };
        CheckedReader r = new CheckedReader(corrupt, StandardCharsets.UTF_8, () -> 0);
        assertThat(lines(r)).isEmpty();
        assertThat(r.failure().line()).isEqualTo(1);
        assertThat(r.failure().message()).startsWith("ArrayIndexOutOfBoundsException");
    }

    @Test
    void badUtf16EndsTheFileThere() throws IOException {
        byte[] good = "ok\n".getBytes(StandardCharsets.UTF_16BE);
        byte[] text = java.util.Arrays.copyOf(good, good.length + 2);
        text[good.length] = (byte) 0xDC; // a lone low surrogate
        text[good.length + 1] = 0x00;
        CheckedReader r = reader(text, StandardCharsets.UTF_16BE);
        assertThat(lines(r)).containsExactly("ok");
        assertThat(r.failure().line()).isEqualTo(2);
        assertThat(r.failure().message()).isEqualTo("not valid UTF-16BE");
    }

    @Test
    void onlyCharsetsWithOneByteLineBreaksAreCutIntoLines() {
        assertThat(CheckedReader.lineBreakIsOneByte(StandardCharsets.UTF_8)).isTrue();
        assertThat(CheckedReader.lineBreakIsOneByte(LATIN1)).isTrue();
        assertThat(CheckedReader.lineBreakIsOneByte(StandardCharsets.UTF_16)).isFalse();
        assertThat(CheckedReader.lineBreakIsOneByte(Charset.forName("UTF-32"))).isFalse();
    }
}
