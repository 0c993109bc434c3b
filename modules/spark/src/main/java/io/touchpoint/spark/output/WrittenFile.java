package io.touchpoint.spark.output;

import java.io.Serializable;

/**
 * A file a task wrote into the run's staging folder.
 *
 * @param table the table it belongs to
 * @param path its path under the staged table's folder, e.g. {@code event_date=2026-09-01/part-...parquet}
 * @param partition its partition folder ({@code event_date=2026-09-01}), or null for an unpartitioned table
 */
public record WrittenFile(String table, String path, String partition, long rows) implements Serializable {
}
