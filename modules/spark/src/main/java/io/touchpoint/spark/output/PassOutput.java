package io.touchpoint.spark.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;

/**
 * What a pass writes and reports: the tables it writes from its own rows, and where its counters
 * go. Made on the driver and shipped with the pass; each task opens its own {@link Task}.
 */
public record PassOutput(String pass, TaskReports reports, List<TableSink.Plan> tables) implements Serializable {
    /** A pass that writes no table but reports counts. */
    public static PassOutput countsOnly(String pass, TaskReports reports) {
        return new PassOutput(pass, reports, List.of());
    }

    /** Opens this task's sinks; their files are closed and reported by {@link Task#finish}. */
    public Task open() {
        return new Task(this);
    }

    /** One task's sinks and counters. Not thread-safe: one per task. */
    public static final class Task {
        private final PassOutput output;
        private final String key;
        private final Map<String, TableSink> sinks = new LinkedHashMap<>();
        private final Map<String, Long> counts = new HashMap<>();
        private boolean finished;

        Task(PassOutput output) {
            this.output = output;
            TaskContext task = TaskContext.get();
            int partition = task == null ? 0 : task.partitionId();
            this.key = output.pass() + "/" + partition;
            String fileName = "part-" + output.pass() + "-" + String.format(java.util.Locale.ROOT, "%05d", partition)
                    + (task == null ? "" : "-s" + task.stageAttemptNumber() + "-a" + task.attemptNumber() + "-t" + task.taskAttemptId())
                    + ".snappy.parquet";
            for (TableSink.Plan p : output.tables()) {
                sinks.put(p.table().name(), new TableSink(p, fileName));
            }
            if (task != null) {
                // A task that fails leaves no half-written file behind.
                task.addTaskFailureListener((org.apache.spark.util.TaskFailureListener) (ctx, error) -> abort());
            }
        }

        /** The sink of table {@code name}. */
        public TableSink sink(String name) {
            TableSink s = sinks.get(name);
            if (s == null) {
                throw new IllegalArgumentException("Pass " + output.pass() + " writes no table " + name);
            }
            return s;
        }

        /** The sink of table {@code name}, or null when this pass does not write it. */
        public TableSink sinkOrNull(String name) {
            return sinks.get(name);
        }

        public void count(String name, long n) {
            counts.merge(name, n, Long::sum);
        }

        /** Closes the files and reports them with the counters; call once, after the task's last row. */
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            List<WrittenFile> files = new ArrayList<>();
            for (TableSink s : sinks.values()) {
                files.addAll(s.close());
            }
            output.reports().add(new TaskReport(key, counts, files));
        }

        private void abort() {
            for (TableSink s : sinks.values()) {
                s.abort();
            }
        }
    }
}
