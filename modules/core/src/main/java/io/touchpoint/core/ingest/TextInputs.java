package io.touchpoint.core.ingest;

import io.touchpoint.core.config.InputConfig;
import java.io.BufferedReader;
import java.util.Iterator;

/** The record reader for one text file of the configured format. */
public final class TextInputs {
    private TextInputs() {
    }

    /**
     * For tests and core-only callers: access logs get the default IP mask and a fixed, public key
     * (their visitor ids are repeatable but not protected).
     *
     * @throws IllegalArgumentException for Parquet, which the Spark binding reads natively
     */
    public static Iterator<RawRecord> records(InputConfig config, String file, BufferedReader in) {
        return records(config, file, in, null);
    }

    /**
     * @param ips masks access logs' client addresses and makes their visitor ids under the run's
     *     key; null (tests, core-only callers): the default mask and a fixed, public key
     * @throws IllegalArgumentException for Parquet, which the Spark binding reads natively
     */
    public static Iterator<RawRecord> records(InputConfig config, String file, BufferedReader in,
                                              io.touchpoint.core.privacy.ClientIps ips) {
        return switch (config.format()) {
            case CSV -> new CsvRecords(config, file, in);
            case JSONL -> new LineRecords(file, in, new JsonLineParser(config));
            case ACCESS_LOG -> new LineRecords(file, in, ips == null ? new AccessLogParser(config) : new AccessLogParser(config, ips));
            case PARQUET -> throw new IllegalArgumentException("Parquet is not a text format");
        };
    }
}
