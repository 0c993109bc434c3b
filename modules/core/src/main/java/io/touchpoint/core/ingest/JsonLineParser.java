package io.touchpoint.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.core.config.InputConfig;

/** Parses one JSON Lines record: an object whose members are (renamed) canonical columns. */
public final class JsonLineParser implements LineRecords.LineParser {
    /** Text after the object means the line is not one record: refuse it rather than drop the rest. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String[] names = new String[CanonicalColumn.COUNT];

    public JsonLineParser(InputConfig config) {
        for (CanonicalColumn c : CanonicalColumn.ALL) {
            names[c.ordinal()] = config.sourceName(c);
        }
    }

    @Override
    public RawRecord parse(String file, long line, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE,
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return RawRecord.quarantined(file, line, text, Reasons.MALFORMED_LINE, "not a JSON object");
        }
        String[] fields = new String[CanonicalColumn.COUNT];
        for (int i = 0; i < fields.length; i++) {
            JsonNode v = node.get(names[i]);
            if (v != null && !v.isNull()) {
                String s = v.isValueNode() ? v.asText() : v.toString();
                fields[i] = s.isEmpty() ? null : s;
            }
        }
        return RawRecord.ok(file, line, text, fields);
    }
}
