package io.touchpoint.spark.output;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one task of a pass reports to the driver when it finishes: its counters (rows by kind,
 * reason, channel, ...) and the table files it wrote. Keyed by pass and partition, so a task that runs again (a retried stage) replaces its
 * earlier report instead of adding to it: the counts stay exact and only one attempt's files are
 * committed.
 */
public record TaskReport(String key, Map<String, Long> counts, List<WrittenFile> files)
        implements Serializable {
}
