package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of one CSV file (RFC 4180, header row first) as {@link RawRecord}s.
 *
 * <p>Quoted fields may span lines as long as the record stays within {@link #MAX_RECORD_CHARS}
 * characters (1 MiB, 1,048,576, its line breaks counted): a stray quote must not swallow the rest
 * of the file, so a quote that is not closed within that size, or before the end of the file, or
 * that is closed with text after it, quarantines its record's first line only and reading resumes
 * on the next line. A record on one line is never refused for its length. Blank lines are not
 * records and are not counted.
 *
 * <p>Lines read ahead to find where a quoted field closes are kept with what was learnt about
 * them, so a line is scanned at most once as the start of a record, once as the continuation of
 * a quoted field and once more when it ends up inside a record: reading stays linear however the
 * quotes are placed (every line of a file may open a quote that the following lines keep open).
 */
public final class CsvRecords implements Iterator<RawRecord> {
    /** The most characters a record whose quoted fields span lines may have (1 MiB). */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    static final String UNTERMINATED = "unterminated quoted field";
    static final String TOO_LONG = "unterminated quoted field (not closed within " + MAX_RECORD_CHARS
            + " characters, the most a record may span)";
    static final String TEXT_AFTER_QUOTE = "text after a closing quote";

    /** Where scanning a line leaves its record. */
    private enum LineEnd {
        /** The record ends with the line. */
        CLOSED,
        /** A quoted field is still open: the record goes on on the next line. */
        OPEN,
        /** A closing quote is followed by text: not CSV. */
        BROKEN
    }

    /** One record as read: fields, or the problem that makes its first line malformed. */
    private record Read(long line, String raw, List<String> fields, String problem) {
    }

    private final String file;
    private final BufferedReader in;
    private final char delimiter;
    private final int[] canonicalIndex;
    private final int headerSize;
    /** Lines read ahead while looking for a closing quote and not yet part of a record. */
    private final ArrayDeque<String> ahead = new ArrayDeque<>();
    /** How many lines at the front of {@link #ahead} leave a quoted field open when continuing one. */
    private int openAhead;
    /** Their characters, each with the line break before it. */
    private long openAheadChars;
    /** How the line after those ends when continuing a quoted field (CLOSED or BROKEN); null when not yet scanned. */
    private LineEnd afterOpenAhead;
    private boolean eof;
    private long lineNo;
    private RawRecord next;

    /**
     * Reads the header row.
     *
     * @throws TouchpointException (INPUT) when the header is malformed, lacks a required column or
     *     names a column Touchpoint reads twice
     */
    public CsvRecords(InputConfig config, String file, BufferedReader in) {
        this.file = file;
        this.in = in;
        this.delimiter = config.csvDelimiter();
        Read header = read(16);
        if (header == null) {
            canonicalIndex = new int[0];
            headerSize = 0;
            return;
        }
        if (header.fields() == null) {
            throw TouchpointException.input(file, "The CSV header row is malformed", "Fix the quoting of the first line.", null);
        }
        headerSize = header.fields().size();
        canonicalIndex = HeaderMapping.indexes(config, file,
                header.fields().stream().map(h -> h.strip().replace("\uFEFF", "")).toList());
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
        Read r = read(Math.max(headerSize, 16));
        if (r == null) {
            return null;
        }
        if (r.fields() == null) {
            return RawRecord.quarantined(file, r.line(), r.raw(), Reasons.MALFORMED_LINE, r.problem());
        }
        if (r.fields().size() != headerSize) {
            return RawRecord.quarantined(file, r.line(), r.raw(), Reasons.MALFORMED_LINE,
                    "expected " + headerSize + " fields, found " + r.fields().size());
        }
        return RawRecord.ok(file, r.line(), r.raw(), HeaderMapping.pick(r.fields(), canonicalIndex));
    }

    /** The next record after any blank lines, or null at the end of the file. */
    private Read read(int expectedFields) {
        String first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (first.isBlank());
        long start = lineNo;
        List<String> fields = new ArrayList<>(expectedFields);
        LineEnd end = scan(first, false, fields);
        if (end == LineEnd.CLOSED) {
            return new Read(start, first, fields, null);
        }
        if (end == LineEnd.BROKEN) {
            return new Read(start, first, null, TEXT_AFTER_QUOTE);
        }
        String problem = findClosingLine(first.length());
        if (problem != null) {
            // The lines read ahead stay ahead: they are records of their own.
            return new Read(start, first, null, problem);
        }
        String raw = takeRestOfRecord(first);
        fields.clear();
        if (scan(raw, false, fields) != LineEnd.CLOSED) {
            // Cannot happen: the record's lines were just scanned one by one to this very end.
            return new Read(start, first, null, UNTERMINATED);
        }
        return new Read(start, raw, fields, null);
    }

    /**
     * Reads ahead until a line closes the quoted field that {@code first} leaves open: null when
     * one does within {@link #MAX_RECORD_CHARS} (it is the last of the lines ahead), else why
     * {@code first} is malformed. Lines already known to keep the quote open are not scanned again.
     */
    private String findClosingLine(int firstLength) {
        while (true) {
            if (ahead.size() == openAhead) {
                String l = eof ? null : readLine();
                if (l == null) {
                    eof = true;
                    return UNTERMINATED;
                }
                ahead.addLast(l);
                afterOpenAhead = null;
            }
            String l = ahead.peekLast();
            if (firstLength + openAheadChars + 1 + l.length() > MAX_RECORD_CHARS) {
                return TOO_LONG;
            }
            if (afterOpenAhead == null) {
                LineEnd end = scan(l, true, null);
                if (end == LineEnd.OPEN) {
                    openAhead++;
                    openAheadChars += 1 + l.length();
                    continue;
                }
                afterOpenAhead = end;
            }
            return afterOpenAhead == LineEnd.CLOSED ? null : TEXT_AFTER_QUOTE;
        }
    }

    /** Joins {@code first} and the lines ahead (all of them, up to the closing one) into one record. */
    private String takeRestOfRecord(String first) {
        StringBuilder sb = new StringBuilder((int) (first.length() + openAheadChars + 1 + ahead.peekLast().length()));
        sb.append(first);
        while (!ahead.isEmpty()) {
            sb.append('\n').append(ahead.pollFirst());
            lineNo++;
        }
        openAhead = 0;
        openAheadChars = 0;
        afterOpenAhead = null;
        return sb.toString();
    }

    /**
     * Scans {@code text} from the start of a record, or from inside a quoted field when
     * {@code inQuotes}, adding the fields it completes to {@code fields} unless that is null.
     */
    private LineEnd scan(String text, boolean inQuotes, List<String> fields) {
        StringBuilder sb = fields == null ? null : new StringBuilder();
        boolean quoted = inQuotes;
        boolean fieldStart = !inQuotes;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                        continue;
                    }
                }
                if (sb != null) {
                    sb.append(c);
                }
            } else if (c == delimiter) {
                if (sb != null) {
                    fields.add(sb.toString());
                    sb.setLength(0);
                }
                quoted = false;
                fieldStart = true;
            } else if (quoted) {
                return LineEnd.BROKEN;
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                quoted = true;
                fieldStart = false;
            } else {
                if (sb != null) {
                    sb.append(c);
                }
                fieldStart = false;
            }
        }
        if (inQuotes) {
            return LineEnd.OPEN;
        }
        if (sb != null) {
            fields.add(sb.toString());
        }
        return LineEnd.CLOSED;
    }

    /** The next line not yet part of a record: one read ahead, else the file's next. */
    private String nextLine() {
        String l = ahead.pollFirst();
        if (l != null) {
            if (openAhead > 0) {
                openAhead--;
                openAheadChars -= 1 + l.length();
            } else {
                afterOpenAhead = null;
            }
        } else {
            l = eof ? null : readLine();
            if (l == null) {
                eof = true;
                return null;
            }
        }
        lineNo++;
        return l;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
