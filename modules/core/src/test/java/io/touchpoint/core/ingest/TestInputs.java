package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.config.InputFormat;
import io.touchpoint.core.config.SessionConfig;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Small builders shared by the ingest tests: input configs, readers over literal text, records. */
final class TestInputs {
    static final String FILE = "test-input";
    static final InputConfig.AccessLogOptions NO_ACCESS_LOG_KEEPS = new InputConfig.AccessLogOptions("", false, false, false);

    private TestInputs() {
    }

    static InputConfig config(InputFormat format, Map<CanonicalColumn, String> columns, char delimiter,
            InputConfig.AccessLogOptions accessLog) {
        return new InputConfig("in", format, columns, ZoneId.of("UTC"), delimiter, accessLog, "UTF-8",
                InputConfig.OnUnreadableFile.QUARANTINE, new InputConfig.ValidTimes(java.time.LocalDate.of(2000, 1, 1), null),
                InputConfig.DEFAULT_MAX_REVENUE);
    }

    static InputConfig csv() {
        return csv(',', Map.of());
    }

    static InputConfig csv(char delimiter, Map<CanonicalColumn, String> columns) {
        return config(InputFormat.CSV, columns, delimiter, NO_ACCESS_LOG_KEEPS);
    }

    static InputConfig jsonl(Map<CanonicalColumn, String> columns) {
        return config(InputFormat.JSONL, columns, ',', NO_ACCESS_LOG_KEEPS);
    }

    static InputConfig accessLog(InputConfig.AccessLogOptions options) {
        return config(InputFormat.ACCESS_LOG, Map.of(), ',', options);
    }

    static SessionConfig sessions(boolean excludeBots) {
        return new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), excludeBots);
    }

    static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    static List<RawRecord> all(Iterator<RawRecord> it) {
        List<RawRecord> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** An accepted-looking record with the given canonical fields (column, value, column, value, ...). */
    static RawRecord record(Object... columnValuePairs) {
        String[] fields = new String[CanonicalColumn.COUNT];
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            fields[((CanonicalColumn) columnValuePairs[i]).ordinal()] = (String) columnValuePairs[i + 1];
        }
        return RawRecord.ok(FILE, 7, "raw", fields);
    }
}
