package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rerunning some dates replaces exactly those date partitions and leaves the others alone. */
class PartitionOverwriteTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void rerunReplacesOnlyItsDates() throws Exception {
        Path out = dir.resolve("out");
        Path both = dir.resolve("both.csv");
        Files.writeString(both, "event_id,event_time,visitor_id,event_name\n"
                + "a,2026-09-01T10:00:00Z,v1,page_view\n"
                + "b,2026-09-02T10:00:00Z,v1,page_view\n");
        sessionise(config(out, "touchpoint.input.path", both.toString()));

        Path secondDay = dir.resolve("second-day.csv");
        Files.writeString(secondDay, "event_id,event_time,visitor_id,event_name\n"
                + "c,2026-09-02T11:00:00Z,v2,page_view\n"
                + "d,2026-09-02T12:00:00Z,v2,page_view\n");
        sessionise(config(out, "touchpoint.input.path", secondDay.toString()));

        assertThat(spark.read().parquet(out.resolve("events").toString()).orderBy("event_id").select("event_id")
                .as(Encoders.STRING()).collectAsList()).containsExactly("a", "c", "d");
        assertThat(spark.read().parquet(out.resolve("sessions").toString()).where("session_date = '2026-09-02'")
                .select("visitor_id").as(Encoders.STRING()).collectAsList()).containsExactly("v2", "v2");
    }
}
