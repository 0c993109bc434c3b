package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of one CSV file (RFC 4180, header row first) as {@link RawRecord}s.
 *
 * <p>Quoted fields may span lines, but at most {@link #MAX_RECORD_LINES}: a stray quote must not
 * swallow the rest of the file, so an unterminated quote quarantines its first line only and
 * reading resumes on the next line. Blank lines are not records and are not counted.
 */
public final class CsvRecords implements Iterator<RawRecord> {
    static final int MAX_RECORD_LINES = 20;

    private final String file;
    private final BufferedReader in;
    private final char delimiter;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private final int[] canonicalIndex;
    private final int headerSize;
    private long lineNo;
    private RawRecord next;

    public CsvRecords(InputConfig config, String file, BufferedReader in) {
        this.file = file;
        this.in = in;
        this.delimiter = config.csvDelimiter();
        String headerLine = nextLine();
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = nextLine();
        }
        if (headerLine == null) {
            canonicalIndex = new int[0];
            headerSize = 0;
            return;
        }
        List<String> header = split(headerLine, new ArrayList<>()).fields;
        if (header == null) {
            throw TouchpointException.input(file, "The CSV header row is malformed", "Fix the quoting of the first line.", null);
        }
        headerSize = header.size();
        canonicalIndex = HeaderMapping.indexes(config, file, header.stream().map(h -> h.strip().replace("\uFEFF", "")).toList());
    }

    @Override
    public boolean hasNext() {
        if (next == null && headerSize > 0) {
            next = readRecord();
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord r = next;
        next = null;
        return r;
    }

    private RawRecord readRecord() {
        String first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (first.isBlank());
        long start = lineNo;
        List<String> lines = new ArrayList<>(1);
        lines.add(first);
        Split s = split(first, lines);
        String raw = String.join("\n", lines);
        if (s.fields == null) {
            // Give back the lines an unterminated quote pulled in: they are records of their own.
            for (int i = lines.size() - 1; i >= 1; i--) {
                pushedBack.push(lines.get(i));
                lineNo--;
            }
            return RawRecord.quarantined(file, start, first, Reasons.MALFORMED_LINE, s.problem);
        }
        if (s.fields.size() != headerSize) {
            return RawRecord.quarantined(file, start, raw, Reasons.MALFORMED_LINE,
                    "expected " + headerSize + " fields, found " + s.fields.size());
        }
        return RawRecord.ok(file, start, raw, HeaderMapping.pick(s.fields, canonicalIndex));
    }

    private record Split(List<String> fields, String problem) {
    }

    /** Splits one record starting at {@code line}, pulling in more lines for quoted line breaks. */
    private Split split(String line, List<String> lines) {
        List<String> fields = new ArrayList<>(Math.max(headerSize, 16));
        StringBuilder sb = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false;
        String cur = line;
        int i = 0;
        while (true) {
            if (i == cur.length()) {
                if (!inQuotes) {
                    fields.add(sb.toString());
                    return new Split(fields, null);
                }
                String more = lines.size() < MAX_RECORD_LINES ? nextLine() : null;
                if (more == null) {
                    return new Split(null, "unterminated quoted field");
                }
                lines.add(more);
                sb.append('\n');
                cur = more;
                i = 0;
                continue;
            }
            char c = cur.charAt(i++);
            if (inQuotes) {
                if (c != '"') {
                    sb.append(c);
                } else if (i < cur.length() && cur.charAt(i) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == delimiter) {
                fields.add(sb.toString());
                sb.setLength(0);
                quoted = false;
            } else if (quoted) {
                return new Split(null, "text after a closing quote");
            } else if (c == '"' && sb.length() == 0) {
                inQuotes = true;
                quoted = true;
            } else {
                sb.append(c);
            }
        }
    }

    private String nextLine() {
        if (!pushedBack.isEmpty()) {
            lineNo++;
            return pushedBack.pop();
        }
        try {
            String l = in.readLine();
            if (l != null) {
                lineNo++;
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
