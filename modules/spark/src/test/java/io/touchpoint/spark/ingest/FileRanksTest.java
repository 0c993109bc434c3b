package io.touchpoint.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileRanksTest {
    private final FileRanks ranks = new FileRanks(new String[] {"file:///data/b.parquet", "file:///data/a.parquet",
        "file:///data/c%20d.parquet"});

    @Test
    void ranksFollowPathOrder() {
        assertThat(ranks.rank("file:///data/a.parquet")).isEqualTo(0);
        assertThat(ranks.rank("file:///data/b.parquet")).isEqualTo(2);
        assertThat(ranks.rank("file:///data/c%20d.parquet")).isEqualTo(4);
    }

    @Test
    void theSameFileSpelledAsSparkMetadataSpellsItHasTheSameRank() {
        assertThat(ranks.rank("file:/data/b.parquet")).isEqualTo(2);
        assertThat(ranks.rank("file:/data/c%20d.parquet")).isEqualTo(4);
    }

    @Test
    void anUnlistedFileRanksWhereItWouldBeInserted() {
        assertThat(ranks.rank("file:///data/ab.parquet")).isEqualTo(1);
        assertThat(ranks.rank("file:///data/0.parquet")).isEqualTo(-1);
        assertThat(ranks.rank("file:///data/z.parquet")).isEqualTo(5);
    }
}
