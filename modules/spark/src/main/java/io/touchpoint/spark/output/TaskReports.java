package io.touchpoint.spark.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * Gathers the {@link TaskReport}s of a run's passes on the driver: Spark merges the updates of
 * successful tasks only, and a task's report replaces the one of an earlier run of the same task,
 * so the counts are those of the data the job used (no separate count job) and the files are those
 * to commit (any other file in staging is a failed attempt's and is deleted).
 */
public final class TaskReports extends AccumulatorV2<TaskReport, Map<String, TaskReport>> {
    private static final long serialVersionUID = 1L;

    private final Map<String, TaskReport> reports = new LinkedHashMap<>();

    @Override
    public boolean isZero() {
        return reports.isEmpty();
    }

    @Override
    public TaskReports copy() {
        TaskReports c = new TaskReports();
        synchronized (reports) {
            c.reports.putAll(reports);
        }
        return c;
    }

    @Override
    public void reset() {
        synchronized (reports) {
            reports.clear();
        }
    }

    @Override
    public void add(TaskReport r) {
        synchronized (reports) {
            reports.put(r.key(), r);
        }
    }

    @Override
    public void merge(AccumulatorV2<TaskReport, Map<String, TaskReport>> other) {
        Map<String, TaskReport> theirs = other.value();
        synchronized (reports) {
            reports.putAll(theirs);
        }
    }

    @Override
    public Map<String, TaskReport> value() {
        synchronized (reports) {
            return new LinkedHashMap<>(reports);
        }
    }

    /** Counter {@code name} summed over every task. */
    public long count(String name) {
        long n = 0;
        for (TaskReport r : value().values()) {
            n += r.counts().getOrDefault(name, 0L);
        }
        return n;
    }

    /** Every counter whose name starts with {@code prefix}, summed over every task, by the rest of its name. */
    public Map<String, Long> counts(String prefix) {
        Map<String, Long> out = new HashMap<>();
        for (TaskReport r : value().values()) {
            r.counts().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.merge(k.substring(prefix.length()), v, Long::sum);
                }
            });
        }
        return out;
    }

    /** The files written, by table. */
    public Map<String, List<WrittenFile>> files() {
        Map<String, List<WrittenFile>> out = new HashMap<>();
        for (TaskReport r : value().values()) {
            for (WrittenFile f : r.files()) {
                out.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(f);
            }
        }
        return out;
    }
}
