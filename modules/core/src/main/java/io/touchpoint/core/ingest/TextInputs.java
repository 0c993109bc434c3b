package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import java.io.BufferedReader;
import java.util.Iterator;

/** The record reader for one text file of the configured format. */
public final class TextInputs {
    private TextInputs() {
    }

    /**
     * @throws IllegalArgumentException for Parquet, which the Spark binding reads natively
     */
    public static Iterator<RawRecord> records(InputConfig config, String file, BufferedReader in) {
        return switch (config.format()) {
            case CSV -> new CsvRecords(config, file, in);
            case JSONL -> new LineRecords(file, in, new JsonLineParser(config));
            case ACCESS_LOG -> new LineRecords(file, in, new AccessLogParser(config));
            case PARQUET -> throw new IllegalArgumentException("Parquet is not a text format");
        };
    }
}
