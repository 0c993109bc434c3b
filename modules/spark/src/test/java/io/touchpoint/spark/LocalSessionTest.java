package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.Test;

/** What the embedded session settles for every run (Sparks.local). */
class LocalSessionTest extends SparkTestBase {
    @Test
    void shufflesComputeNoRowChecksums() {
        // Spark 4 hashes every shuffled row for its order-independent checksum when either of two
        // settings is on; local mode never retries a task, so neither may be (1 % of a 10M run's CPU).
        spark.conf().set("spark.sql.adaptive.enabled", "false"); // the exchange in the plan, not in a query stage
        try {
            SparkPlan plan = spark.range(1_000).repartition(4).queryExecution().executedPlan();
            ShuffleExchangeExec exchange = exchange(plan);
            assertThat(exchange).isNotNull();
            assertThat(exchange.shuffleDependency().rowBasedChecksums()).isEmpty();
        } finally {
            spark.conf().set("spark.sql.adaptive.enabled", "true");
        }
    }

    @Test
    void shufflePartitionsGrowWithTheInputInWholeWavesOfTasks() {
        long mb = 1L << 20;
        assertThat(Sparks.localShufflePartitions(mb, 2)).isEqualTo(4); // at least two per core
        assertThat(Sparks.localShufflePartitions(mb, 3)).isEqualTo(6);
        assertThat(Sparks.localShufflePartitions(300 * mb, 2)).isEqualTo(38); // 37 by size, one wave of 2 more
        assertThat(Sparks.localShufflePartitions(300 * mb, 8)).isEqualTo(40);
        assertThat(Sparks.localShufflePartitions(1L << 40, 2)).isEqualTo(200);
        assertThat(Sparks.localShufflePartitions(1L << 40, 3)).isEqualTo(201);
    }

    private static ShuffleExchangeExec exchange(SparkPlan plan) {
        if (plan instanceof ShuffleExchangeExec e) {
            return e;
        }
        for (SparkPlan child : scala.jdk.javaapi.CollectionConverters.asJava(plan.children())) {
            ShuffleExchangeExec e = exchange(child);
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
