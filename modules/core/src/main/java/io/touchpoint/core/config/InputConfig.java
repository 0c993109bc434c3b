package io.touchpoint.core.config;

import io.touchpoint.core.ingest.CanonicalColumn;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Where and how to read the raw visit log ({@code touchpoint.input}).
 *
 * @param columns canonical column to the input's own column name, only for renamed columns
 * @param timeZone zone of date partitions, midnight splits and offset-less times
 * @param encoding the text inputs' charset; with UTF-8 (the default) a line that is not valid
 *     UTF-8 is quarantined ({@code invalid_encoding}) rather than decoded with replacement characters
 * @param onUnreadableFile what a file that cannot be read to its end (a truncated or corrupt
 *     archive) does: quarantined with what could be read, or the run stops
 * @param validTimes event times outside it are quarantined ({@code implausible_time})
 * @param maxRevenue revenue whose absolute value is above it is quarantined ({@code implausible_revenue})
 */
public record InputConfig(
        String path,
        InputFormat format,
        Map<CanonicalColumn, String> columns,
        ZoneId timeZone,
        char csvDelimiter,
        AccessLogOptions accessLog,
        String encoding,
        OnUnreadableFile onUnreadableFile,
        ValidTimes validTimes,
        double maxRevenue) implements Serializable {

    /** The largest {@code max-revenue} accepted: every total of a run stays finite and exact as a decimal. */
    public static final double MAX_REVENUE_LIMIT = 1e15;
    public static final double DEFAULT_MAX_REVENUE = 1e12;

    public InputConfig {
        columns = Map.copyOf(columns);
    }

    /** The input's name for a canonical column: the configured rename, else the canonical name. */
    public String sourceName(CanonicalColumn column) {
        return columns.getOrDefault(column, column.columnName());
    }

    /** The input charset. */
    public Charset charset() {
        return Charset.forName(encoding);
    }

    /** What a file that breaks off before its end does ({@code touchpoint.input.on-unreadable-file}). */
    public enum OnUnreadableFile {
        /** What could be read is kept; the file is a row of the quarantine (reason {@code unreadable_file}). */
        QUARANTINE,
        /** The run stops (exit 3) naming the file. */
        FAIL
    }

    /**
     * The plausible event times ({@code touchpoint.input.valid-times}): from the start of {@code from}
     * to the end of {@code to} in the input's zone; {@code to} null means one day after the run starts.
     */
    public record ValidTimes(LocalDate from, LocalDate to) implements Serializable {
        /** The first plausible instant. */
        public Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        /** The first implausible instant after the plausible ones, for a run started at {@code runStart}. */
        public Instant end(ZoneId zone, Instant runStart) {
            return to == null ? runStart.plus(java.time.Duration.ofDays(1)) : to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    /** {@code touchpoint.input.access-log}: what to keep of an access log. */
    public record AccessLogOptions(String host, boolean keepStaticAssets, boolean keepErrors, boolean keepRedirects)
            implements Serializable {
    }
}
