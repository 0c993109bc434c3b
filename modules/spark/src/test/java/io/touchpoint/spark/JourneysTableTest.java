package io.touchpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.attribution.PathSegments;
import io.touchpoint.core.config.TouchpointConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every journey (issue 21, part 1; docs/data-driven.md) on the bundled sample: the {@code journeys}
 * table holds one converting journey per conversion, with the channels of its credit rows, and
 * non-converting journeys made of exactly the sessions no conversion followed within the lookback;
 * {@code conversion_paths} counts them per path, split early / middle / late as the core does.
 */
class JourneysTableTest extends SparkTestBase {
    @TempDir
    static Path out;
    static TouchpointConfig config;

    @BeforeAll
    static void runSample() {
        config = config(out, "touchpoint.input.path", SAMPLE.getPath(), "touchpoint.report.enabled", false);
        run(config);
    }

    @Test
    void aConvertingJourneyIsItsConversionsWithTheChannelsOfItsTouchpoints() {
        assertThat(table(out, "journeys").where("converted").count()).isEqualTo(table(out, "conversions").count());
        Map<String, List<String>> lastModel = new HashMap<>();
        for (Row r : table(out, "attribution_credit").where(col("model").equalTo("last")).orderBy("conversion_id", "touchpoint_index")
                .select("conversion_id", "channel").collectAsList()) {
            lastModel.computeIfAbsent(r.getString(0), x -> new ArrayList<>()).add(r.getString(1));
        }
        for (Row j : table(out, "journeys").where("converted").collectAsList()) {
            assertThat(j.<String>getAs("journey_id")).isEqualTo(j.<String>getAs("conversion_id"));
            assertThat(path(j)).as(j.<String>getAs("conversion_id")).isEqualTo(lastModel.get(j.<String>getAs("conversion_id")));
        }
    }

    private static List<String> path(Row r) {
        return r.getList(r.fieldIndex("channel_path"));
    }

    @Test
    void nonConvertingJourneysHoldExactlyTheSessionsNoConversionFollowedWithinTheLookback() {
        long lookback = config.attribution().lookback().toMillis();
        Map<String, List<Long>> conversionsOf = new HashMap<>();
        for (Row c : table(out, "conversions").select("person_id", "conversion_time").collectAsList()) {
            conversionsOf.computeIfAbsent(c.getString(0), x -> new ArrayList<>()).add(c.<Instant>getAs(1).toEpochMilli());
        }
        Map<String, Long> notFollowed = new HashMap<>();
        for (Row s : table(out, "sessions").select("person_id", "session_start").collectAsList()) {
            long start = s.<Instant>getAs(1).toEpochMilli();
            boolean followed = conversionsOf.getOrDefault(s.getString(0), List.of()).stream()
                    .anyMatch(t -> start <= t && start >= t - lookback);
            if (!followed) {
                notFollowed.merge(s.getString(0), 1L, Long::sum);
            }
        }
        Map<String, Long> inJourneys = new HashMap<>();
        for (Row j : table(out, "journeys").where("NOT converted").collectAsList()) {
            inJourneys.merge(j.getAs("person_id"), (long) j.<Integer>getAs("touchpoints"), Long::sum);
            long span = j.<Instant>getAs("last_touch_time").toEpochMilli() - j.<Instant>getAs("first_touch_time").toEpochMilli();
            assertThat(span).isLessThanOrEqualTo(lookback);
            assertThat(j.<String>getAs("conversion_id")).isNull();
            assertThat(j.<String>getAs("journey_id")).startsWith("nc-");
        }
        assertThat(inJourneys).isEqualTo(notFollowed);
        assertThat(inJourneys).isNotEmpty();
    }

    @Test
    void conversionPathsCountTheJourneysAndSplitThemAsTheCoreDoes() {
        List<Row> paths = table(out, "conversion_paths").collectAsList();
        long conversions = 0;
        long nonConversions = 0;
        for (Row p : paths) {
            conversions += p.<Long>getAs("conversions");
            nonConversions += p.<Long>getAs("non_conversions");
            List<String> path = path(p);
            PathSegments<String> s = PathSegments.of(path);
            assertThat(p.<List<String>>getList(p.fieldIndex("early"))).as(path.toString()).isEqualTo(s.early());
            assertThat(p.<List<String>>getList(p.fieldIndex("middle"))).as(path.toString()).isEqualTo(s.middle());
            assertThat(p.<List<String>>getList(p.fieldIndex("late"))).as(path.toString()).isEqualTo(s.late());
            assertThat(p.<Integer>getAs("touchpoints")).isEqualTo(path.size());
        }
        assertThat(conversions).isEqualTo(table(out, "journeys").where("converted").count());
        assertThat(nonConversions).isEqualTo(table(out, "journeys").where("NOT converted").count());
        assertThat(paths.stream().anyMatch(p -> path(p).size() >= 3)).isTrue(); // a middle was checked
    }
}
