package io.touchpoint.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The characters of a text input file, decoded so that no bad byte passes unnoticed.
 *
 * <p>In a charset where a line break is the byte {@code \n} (UTF-8, ISO-8859-1, windows-1252, ...),
 * every line is decoded on its own and strictly: a line that is not valid in the charset is decoded
 * with replacement characters and its number is remembered ({@link #invalidLines}), so that its
 * record is quarantined ({@code invalid_encoding}) instead of merging {@code müller} and
 * {@code möller} into one visitor. Other charsets (UTF-16, UTF-32) are decoded as a stream, strictly:
 * a bad sequence ends the file there.
 *
 * <p>A file that breaks off (a truncated or corrupt archive, whose decompressor throws mid-stream)
 * ends where it broke: the lines before the break are read as usual, the incomplete line is dropped,
 * and {@link #failure} says where and why, so the file can be quarantined ({@code unreadable_file})
 * or the run stopped, instead of the whole job failing with a stack trace. Line numbers are 1-based
 * and count {@code \n}, {@code \r\n} and {@code \r} as one break each, as {@link java.io.BufferedReader} does.
 */
public final class CheckedReader extends Reader {
    /** Where and why a file broke off. */
    public record Failure(long line, long byteOffset, String message) {
    }

    private final InputStream in;
    private final Charset charset;
    private final LongSupplier bytesRead;
    private final boolean byLine;
    private final CharsetDecoder strict;
    private final CharsetDecoder lenient;
    /** Characters decoded and not yet read (a stream charset), and a bad sequence met after them. */
    private CharBuffer decoded = CharBuffer.allocate(0);
    private CharacterCodingException badSequence;
    private final NavigableSet<Long> invalid = new TreeSet<>();
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] bytes = new byte[8192];
    private CharBuffer line = CharBuffer.allocate(0);
    private long lineNo;
    private long streamLine = 1;
    private boolean streamAfterCr;
    private boolean eof;
    private Failure failure;

    /**
     * @param in the file's bytes, decompressed
     * @param bytesRead how many bytes of the file as stored have been read so far (for {@link Failure#byteOffset})
     */
    public CheckedReader(InputStream in, Charset charset, LongSupplier bytesRead) {
        this.in = in;
        this.charset = charset;
        this.bytesRead = bytesRead;
        this.byLine = lineBreakIsOneByte(charset);
        this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.lenient = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** Whether {@code \n} and {@code \r} are single bytes of their own, as in ASCII (so lines can be cut on bytes). */
    static boolean lineBreakIsOneByte(Charset cs) {
        return Arrays.equals("\n\rA".getBytes(cs), new byte[] {'\n', '\r', 'A'});
    }

    /** The 1-based numbers of the lines that were not valid in the charset (decoded with replacement characters). */
    public NavigableSet<Long> invalidLines() {
        return invalid;
    }

    /** Where the file broke off, or null if it was read to its end (so far). */
    public Failure failure() {
        return failure;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!byLine) {
            return readStream(cbuf, off, len);
        }
        while (!line.hasRemaining()) {
            if (eof || !nextLine()) {
                return -1;
            }
        }
        int n = Math.min(len, line.remaining());
        line.get(cbuf, off, n);
        return n;
    }

    /**
     * Decodes the stream with its own loop rather than an InputStreamReader: a bad sequence stops
     * it after the characters before it, which a reader's bulk decode would throw away.
     */
    private int readStream(char[] cbuf, int off, int len) {
        while (true) {
            if (decoded.hasRemaining()) {
                int n = Math.min(len, decoded.remaining());
                decoded.get(cbuf, off, n);
                countLines(cbuf, off, n);
                return n;
            }
            if (badSequence != null) {
                Exception bad = badSequence;
                badSequence = null;
                return broke(streamLine, bad);
            }
            if (eof) {
                return -1;
            }
            try {
                int n = in.read(chunk, limit, chunk.length - limit);
                boolean end = n < 0;
                limit += Math.max(n, 0);
                ByteBuffer bytes = ByteBuffer.wrap(chunk, 0, limit);
                CharBuffer out = CharBuffer.allocate(chunk.length);
                java.nio.charset.CoderResult result = strict.decode(bytes, out, end);
                if (result.isError()) {
                    badSequence = new java.nio.charset.MalformedInputException(result.length());
                } else if (end) {
                    strict.flush(out);
                    eof = true;
                }
                // A sequence split between two reads stays for the next one.
                System.arraycopy(chunk, bytes.position(), chunk, 0, limit - bytes.position());
                limit -= bytes.position();
                decoded = out.flip();
            } catch (IOException | RuntimeException e) {
                return broke(streamLine, e);
            }
        }
    }

    private void countLines(char[] cbuf, int off, int n) {
        for (int i = off; i < off + n; i++) { // line numbers for a failure's message
            char c = cbuf[i];
            if (c == '\n' && !streamAfterCr || c == '\r') {
                streamLine++;
            }
            streamAfterCr = c == '\r';
        }
    }

    /** Reads and decodes the next line (with its line break); false at the end or where the file broke. */
    private boolean nextLine() {
        int n = 0; // bytes of the line gathered in `bytes`
        try {
            while (fill()) {
                int end = pos;
                while (end < limit && chunk[end] != '\n' && chunk[end] != '\r') {
                    end++;
                }
                if (end == limit) {
                    n = append(n, end - pos);
                    pos = end;
                    continue;
                }
                boolean cr = chunk[end] == '\r';
                n = append(n, end + 1 - pos); // the break is part of the line handed on
                pos = end + 1;
                // \r\n is one break: the \n goes with its \r (BufferedReader would otherwise see
                // the \r end one line and the \n end the next), even across two reads.
                if (cr && fill() && chunk[pos] == '\n') {
                    n = append(n, 1);
                    pos++;
                }
                break;
            }
        } catch (IOException | RuntimeException e) {
            broke(lineNo + 1, e); // the incomplete line is not handed on
            return false;
        }
        if (n == 0) {
            return false;
        }
        lineNo++;
        line = decode(n);
        return true;
    }

    /** Whether there is a byte to read at {@code pos}, reading the next chunk when needed. */
    private boolean fill() throws IOException {
        while (pos == limit && !eof) {
            int read = in.read(chunk, 0, chunk.length);
            pos = 0;
            limit = Math.max(read, 0);
            eof = read < 0;
        }
        return pos < limit;
    }

    private int append(int n, int count) {
        if (n + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + count));
        }
        System.arraycopy(chunk, pos, bytes, n, count);
        return n + count;
    }

    private CharBuffer decode(int n) {
        try {
            return strict.reset().decode(ByteBuffer.wrap(bytes, 0, n));
        } catch (CharacterCodingException e) {
            invalid.add(lineNo);
            try {
                return lenient.reset().decode(ByteBuffer.wrap(bytes, 0, n));
            } catch (CharacterCodingException impossible) {
                throw new IllegalStateException("A replacing decoder does not report", impossible);
            }
        }
    }

    private int broke(long atLine, Exception e) {
        eof = true;
        String what = e instanceof CharacterCodingException ? "not valid " + charset.name() : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        failure = new Failure(atLine, bytesRead.getAsLong(), what);
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
