package io.touchpoint.core.generate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The bundled sample, generated once for all tests, and a strict reader of its lines. */
final class SampleLog {
    static final Set<String> EVENT_NAMES = Set.of("page_view", "product_view", "add_to_cart", "begin_checkout", "purchase");
    static final SampleLog SAMPLE = generate(GeneratorSpec.sample());

    final String text;
    final GeneratorStats stats;
    /** Data lines, header excluded. */
    final List<String> lines;
    /** The well-formed data rows. */
    final List<List<String>> rows = new ArrayList<>();
    final List<Integer> malformedLineIndexes = new ArrayList<>();

    private SampleLog(String text, GeneratorStats stats) {
        this.text = text;
        this.stats = stats;
        List<String> all = text.lines().toList();
        this.lines = all.subList(1, all.size());
        for (int i = 0; i < lines.size(); i++) {
            List<String> fields = parse(lines.get(i));
            if (wellFormed(fields)) {
                rows.add(fields);
            } else {
                malformedLineIndexes.add(i);
            }
        }
    }

    static SampleLog generate(GeneratorSpec spec) {
        StringWriter out = new StringWriter();
        try {
            GeneratorStats stats = new SyntheticLogGenerator(spec).writeCsv(out);
            return new SampleLog(out.toString(), stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 fields of one line, or null when its quoting is broken. */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    return null;
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        return null;
                    }
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    /** What the engine may accept: 14 fields, an id, a parseable time, a visitor, a known event and a numeric or empty revenue. */
    static boolean wellFormed(List<String> f) {
        return f != null && f.size() == 14 && !f.get(0).isEmpty() && epochMillis(f.get(1)) != null
                && !f.get(2).isEmpty() && EVENT_NAMES.contains(f.get(4))
                && (f.get(12).isEmpty() || f.get(12).matches("\\d+\\.\\d{2}"));
    }

    /** As {@link #wellFormed}, with the B2B sample's event names. */
    static boolean wellFormedB2b(List<String> f) {
        return f != null && f.size() == 14 && !f.get(0).isEmpty() && epochMillis(f.get(1)) != null
                && !f.get(2).isEmpty() && Set.of("page_view", "form_submit", "signup").contains(f.get(4))
                && f.get(12).isEmpty();
    }

    /** Epoch millis of an event_time in any of the generated forms, or null. */
    static Long epochMillis(String time) {
        if (time.matches("\\d{12,14}")) {
            return Long.parseLong(time);
        }
        try {
            return OffsetDateTime.parse(time).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isBot(List<String> row) {
        return UserAgents.BOTS.contains(row.get(13));
    }
}
