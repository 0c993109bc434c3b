package io.touchpoint.core.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the non-blank lines of a line-oriented file (JSON Lines, access logs) through a
 * per-line parser, keeping 1-based line numbers for the quarantine table.
 *
 * <p>A byte order mark (U+FEFF) opening the file is dropped, as the CSV reader drops it from its
 * header: editors on Windows write one, and it is no part of the first record.
 */
public final class LineRecords implements Iterator<RawRecord> {

    /** Turns one line into a record; never throws for bad data (it quarantines instead). */
    @FunctionalInterface
    public interface LineParser {
        RawRecord parse(String file, long line, String text);
    }

    private final String file;
    private final BufferedReader in;
    private final LineParser parser;
    private long lineNo;
    private RawRecord next;

    public LineRecords(String file, BufferedReader in, LineParser parser) {
        this.file = file;
        this.in = in;
        this.parser = parser;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String l;
            try {
                l = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            if (l == null) {
                return false;
            }
            lineNo++;
            if (lineNo == 1 && l.startsWith("\uFEFF")) {
                l = l.substring(1);
            }
            if (!l.isBlank()) {
                next = parser.parse(file, lineNo, l);
            }
        }
        return true;
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
}
