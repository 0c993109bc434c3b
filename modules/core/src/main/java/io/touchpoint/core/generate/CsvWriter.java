package io.touchpoint.core.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 fields: a field holding a comma, quote or line break is quoted and its quotes
 * doubled. Lines end with LF, and no generated field holds a line break, so the file is one record
 * per line (which keeps a broken line from swallowing its neighbours in line-based readers).
 */
final class CsvWriter {
    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    void header(List<String> columns) throws IOException {
        row(columns.toArray(new String[0]));
    }

    void row(String[] fields) throws IOException {
        line(format(fields));
    }

    /** Writes a line verbatim; malformed rows need to break the rules this class enforces. */
    void line(String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    static String format(String[] fields) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields[i]);
        }
        return sb.toString();
    }

    private static void appendField(StringBuilder sb, String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0
                && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            sb.append(field);
            return;
        }
        sb.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
