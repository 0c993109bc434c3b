package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Erasures;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code touchpoint erase} (docs/privacy.md#erasure): the person is in no table afterwards (every
 * string column scanned), the aggregates no longer count them, the audit record and the erasure
 * list hold no id, and a rerun over the same raw logs does not bring them back: it gives the
 * erased tables again.
 */
class ErasureTest extends SparkTestBase {
    @TempDir
    Path dir;

    static final List<String> TABLES = List.of("events", "sessions", "conversions", "attribution_credit", "attribution_summary",
            "model_comparison", "funnel_progress", "funnel_steps", "funnel_trends", "quarantine");

    /** Every string column of every table of {@code out} that holds one of {@code values}, one job per table. */
    static List<String> holding(Path out, List<String> values) {
        List<String> found = new ArrayList<>();
        for (String t : TABLES) {
            Dataset<Row> d = table(out, t);
            List<org.apache.spark.sql.Column> checks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (StructField f : d.schema().fields()) {
                if (f.dataType().equals(DataTypes.StringType)) {
                    for (String v : values) {
                        checks.add(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.col(f.name()).contains(v)
                                .cast("int")));
                        names.add(t + "." + f.name() + " holds " + v);
                    }
                }
            }
            Row r = d.agg(checks.get(0), checks.subList(1, checks.size()).toArray(org.apache.spark.sql.Column[]::new)).first();
            for (int i = 0; i < names.size(); i++) {
                if (!r.isNullAt(i) && r.getInt(i) == 1) {
                    found.add(names.get(i));
                }
            }
        }
        return found;
    }

    /** The aggregates, as sorted text with doubles rounded to 9 places (recounts sum exactly; the run's task sums may differ in the last bits). */
    static Map<String, List<String>> aggregates(Path out) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String t : List.of("attribution_summary", "model_comparison", "funnel_steps", "funnel_trends")) {
            m.put(t, rowsAsText(table(out, t)));
        }
        return m;
    }

    /** The quick start's configuration (goals and funnels) over the sample, into {@code out}. */
    static TouchpointConfig quickStart(Path out, Object... more) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("touchpoint.input.path", SAMPLE.getPath());
        m.put("touchpoint.output.path", out.toString());
        m.put("touchpoint.report.enabled", false);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return io.touchpoint.core.config.ConfigLoader.load(java.util.Optional.of(new java.io.File("../../touchpoint.conf")), m);
    }

    @Test
    void anErasedPersonLeavesEveryTableAndARerunDoesNotBringThemBack() throws Exception {
        Path out = dir.resolve("out");
        TouchpointConfig c = quickStart(out);
        run(c);
        String user = "u00680";
        List<String> ids = new ArrayList<>(List.of(user));
        table(out, "events").where("person_id = '" + user + "'").select("visitor_id").distinct()
                .collectAsList().forEach(r -> ids.add(r.getString(0)));
        long events = table(out, "events").where("person_id = '" + user + "'").count();
        long conversions = table(out, "conversions").where("person_id = '" + user + "'").count();
        assertThat(ids).hasSizeGreaterThan(1);
        assertThat(conversions).isPositive();
        assertThat(holding(out, ids)).isNotEmpty(); // the scan finds them while they are there
        double lastBefore = table(out, "model_comparison").agg(org.apache.spark.sql.functions.sum("last_conversions")).first().getDouble(0);

        Erasures.Result r = Erasures.erase(spark, c, Erasures.Kind.USER_ID, user, "test", line -> { });

        assertThat(r.people()).isEqualTo(1);
        assertThat(r.removed()).containsEntry("events", events).containsEntry("conversions", conversions);
        assertThat(holding(out, ids)).isEmpty();
        // The aggregates no longer count them: last-click conversions are the conversions that stay.
        double lastAfter = table(out, "model_comparison").agg(org.apache.spark.sql.functions.sum("last_conversions")).first().getDouble(0);
        assertThat(lastAfter).isCloseTo(lastBefore - conversions, within(1e-9));
        assertThat(lastAfter).isCloseTo(table(out, "conversions").count(), within(1e-9));
        long stepOne = table(out, "funnel_steps").where("step_index = 1 AND breakdown = 'all' AND funnel = 'checkout'")
                .first().<Long>getAs("units");
        assertThat(stepOne).isEqualTo(table(out, "funnel_progress").where("funnel = 'checkout'").select("unit_id").distinct().count());
        // The audit record and the erasure list hold keyed hashes, never an id.
        try (Stream<Path> files = Files.walk(out.resolve("_audit"))) {
            List<Path> audit = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertThat(audit).hasSize(2);
            for (Path f : audit) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                ids.forEach(id -> assertThat(text).as(f.toString()).doesNotContain(id));
            }
        }
        Map<String, List<String>> erased = aggregates(out);

        Pipeline.Result again = run(c);

        assertThat(again.counts().skipped()).containsEntry("erased", events);
        assertThat(again.counts().reconciles()).isTrue();
        assertThat(holding(out, ids)).isEmpty();
        assertThat(aggregates(out)).isEqualTo(erased);
        assertThat(again.notes()).anyMatch(n -> n.contains("of erased visitors or users were skipped"));

        // An id no table holds: nothing changes, and it is listed all the same.
        Erasures.Result none = Erasures.erase(spark, c, Erasures.Kind.VISITOR_ID, "nobody-at-all", "test", line -> { });
        assertThat(none.people()).isZero();
        assertThat(none.removed().values()).allMatch(n -> n == 0);
        assertThat(aggregates(out)).isEqualTo(erased);
    }

    @Test
    void pseudonymisedOutputsAreErasedByTheIdAsTheInputHoldsIt() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "a-key-of-more-than-sixteen-characters");
        Path out = dir.resolve("hidden");
        TouchpointConfig c = quickStart(out, "touchpoint.privacy.pseudonymise", true, "touchpoint.privacy.key-file", key.toString());
        run(c);
        String pseudonym = io.touchpoint.core.privacy.Pseudonyms.of(c.privacy(), System::getenv).apply("u00680");
        long events = table(out, "events").where("person_id = '" + pseudonym + "'").count();
        assertThat(events).isPositive();

        Erasures.Result r = Erasures.erase(spark, c, Erasures.Kind.USER_ID, "u00680", "test", line -> { });

        assertThat(r.people()).isEqualTo(1);
        assertThat(r.removed()).containsEntry("events", events);
        assertThat(holding(out, List.of(pseudonym))).isEmpty();
        Pipeline.Result again = run(c);
        assertThat(again.counts().skipped()).containsEntry("erased", events);
        assertThat(holding(out, List.of(pseudonym))).isEmpty();
    }
}
