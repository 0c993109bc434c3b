package io.touchpoint.spark.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Where the passes' job spends its time, for the manifest and the benchmark: Spark's stages of the
 * job, told apart by order (Spark numbers a job's stages parents first): the first parses the
 * input (ingest and the visitor shuffle), the second is the visitor pass (events, sessions, the
 * person shuffle), the third the person pass (journeys, every model and funnel), the rest the
 * summary's aggregate and write. Also the bytes shuffled and spilled.
 */
final class SparkStages extends SparkListener {
    private final SparkSession spark;
    private final List<long[]> stages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong shuffle = new AtomicLong();
    private final AtomicLong spill = new AtomicLong();

    private SparkStages(SparkSession spark) {
        this.spark = spark;
    }

    static SparkStages listen(SparkSession spark) {
        SparkStages s = new SparkStages(spark);
        spark.sparkContext().addSparkListener(s);
        return s;
    }

    void stop() {
        io.touchpoint.spark.api.SparkApis.of(spark).awaitListeners(spark, 10_000);
        spark.sparkContext().removeSparkListener(this);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted done) {
        org.apache.spark.scheduler.StageInfo s = done.stageInfo();
        if (s.submissionTime().isDefined() && s.completionTime().isDefined()) {
            stages.add(new long[] {s.stageId(), (Long) s.completionTime().get() - (Long) s.submissionTime().get()});
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
            shuffle.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
            spill.addAndGet(end.taskMetrics().diskBytesSpilled());
        }
    }

    /** Wall milliseconds by pass; "passes_driver" is the rest of {@code totalMs} (planning, commit of tasks). */
    Map<String, Long> byPass(long totalMs) {
        String[] names = {"ingest", "visitor_pass", "person_pass"};
        Map<String, Long> out = new LinkedHashMap<>();
        List<long[]> inOrder;
        synchronized (stages) {
            inOrder = stages.stream().sorted(Comparator.comparingLong(s -> s[0])).toList();
        }
        long sum = 0;
        for (int i = 0; i < inOrder.size(); i++) {
            String name = i < names.length ? names[i] : "summary";
            long ms = Math.min(inOrder.get(i)[1], totalMs - sum);
            out.merge(name, ms, Long::sum);
            sum += ms;
        }
        out.put("passes_driver", totalMs - sum);
        return out;
    }

    long shuffleBytes() {
        return shuffle.get();
    }

    long spillBytes() {
        return spill.get();
    }
}
