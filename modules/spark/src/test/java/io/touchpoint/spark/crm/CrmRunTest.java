package io.touchpoint.spark.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.spark.SparkTestBase;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM input (docs/crm.md, "Worked example"): every key, every unmatched reason, milestones and
 * self-reported answers reaching the journeys, and a CRM row never becoming a touchpoint.
 */
class CrmRunTest extends SparkTestBase {
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

    @TempDir
    static Path dir;

    /** docs/crm.md's worked example: events of Alice (4 sessions), Bob (1) and Dave (1). */
    static final String EVENTS = """
            event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent
            a1,2026-03-01T10:00:00Z,vA,,page_view,https://www.beacon.example/blog,https://www.google.com/,,,,,,,UA
            a2,2026-03-05T10:00:00Z,vA,,page_view,https://www.beacon.example/lp?utm_source=linkedin&utm_medium=paid_social&utm_campaign=abm,,linkedin,paid_social,abm,,,,UA
            a3,2026-03-10T10:00:00Z,vA,,page_view,https://www.beacon.example/demo,,,,,,,,UA
            a4,2026-03-10T10:05:00Z,vA,alice@acme.example,form_submit,https://www.beacon.example/demo,,,,,,,,UA
            a5,2026-03-25T10:00:00Z,vA,,page_view,https://www.beacon.example/news?utm_source=newsletter&utm_medium=email,,newsletter,email,,,,,UA
            b1,2026-03-03T09:00:00Z,vB,,page_view,https://www.beacon.example/lp?utm_source=google&utm_medium=cpc&gclid=CLICK123,https://www.google.com/,google,cpc,,,,,UA
            d1,2026-03-15T09:00:00Z,vD,dave@d.example,page_view,https://www.beacon.example/,,,,,,,,UA
            """.replace("UA", UA);

    static final String CRM = """
            event_time,stage,value,user_id,email,account_id,visitor_id,click_id,self_reported
            2026-03-10T10:30:00Z,lead_created,,,Alice@Acme.example,,,,a podcast episode
            2026-03-03T09:20:00Z,lead_created,,,,,,CLICK123,Google
            2026-03-20T09:00:00Z,opportunity_created,10000,,alice@acme.example,,,,
            2026-03-21T09:00:00Z,opportunity_created,5000,,,,,CLICK123,
            2026-04-01T12:00:00Z,closed_won,12000,,,,vA,,
            2026-03-11T08:00:00Z,lead_created,,carol@x.example,,,,,
            2026-03-12T08:00:00Z,lead_created,,,,,vZZZ,,
            2026-03-13T08:00:00Z,lead_created,,,,,,NOPE,
            2026-03-14T08:00:00Z,opportunity_created,800,,,acct_9,,,
            yesterday,lead_created,,,bob@b.example,,,,
            2026-03-16T08:00:00Z,,,,bob@b.example,,,,
            2026-03-14T08:00:00Z,closed_won,900,dave@d.example,,,,,
            """;

    static Pipeline.Result result;

    @BeforeAll
    static void runOnce() throws Exception {
        Path events = Files.writeString(dir.resolve("events.csv"), EVENTS);
        Path crm = Files.writeString(dir.resolve("crm.csv"), CRM);
        result = run(config(dir.resolve("out"), workedExample(events, crm)));
    }

    static Object[] workedExample(Path events, Path crm, Object... more) {
        List<Object> kv = new java.util.ArrayList<>(List.of("touchpoint.input.path", events.toString(),
                "touchpoint.crm.path", crm.toString(),
                "touchpoint.conversions.goals", List.of(Map.of("name", "demo", "event-name", "form_submit"),
                        Map.of("name", "lead", "crm-stage", "lead_created"), Map.of("name", "won", "crm-stage", "closed_won")),
                "touchpoint.attribution.models", List.of("first", "last", "linear", "w_shaped",
                        "hybrid(base=linear,self_reported=0.5)")));
        kv.addAll(List.of(more));
        return kv.toArray();
    }

    @Test
    void everyCrmRowIsMatchedOrUnmatchedWithItsReason() {
        assertThat(result.notes()).contains("CRM: 12 rows read = 5 matched + 7 unmatched (crm_unmatched) + 0 skipped; by reason:"
                + " account_only 1, bad_event_time 1, missing_stage 1, no_touchpoint 1, unknown_click_id 1, unknown_user 1,"
                + " unknown_visitor 1.");
        Map<Long, String> reasons = new HashMap<>();
        for (Row r : table(dir.resolve("out"), "crm_unmatched").collectAsList()) {
            reasons.put(r.<Long>getAs("input_row"), r.<String>getAs("reason") + "/" + r.<String>getAs("key"));
            assertThat(r.<String>getAs("input_file")).endsWith("crm.csv");
        }
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(6L, "unknown_user/user_id", 7L, "unknown_visitor/visitor_id",
                8L, "unknown_click_id/click_id", 9L, "account_only/account_id", 10L, "bad_event_time/email",
                11L, "missing_stage/email", 12L, "no_touchpoint/user_id"));
        assertThat(result.manifest().crm()).isEqualTo(new io.touchpoint.core.run.CrmCounts(12, 5, Map.of("account_only", 1L,
                "bad_event_time", 1L, "missing_stage", 1L, "no_touchpoint", 1L, "unknown_click_id", 1L, "unknown_user", 1L,
                "unknown_visitor", 1L), Map.of()));
        assertThat(result.manifest().crm().reconciles()).isTrue();
        assertThat(result.manifest().toJson()).contains("\"crm\" : {").contains("\"unmatched_by_reason\"");
    }

    @Test
    void crmConversionsJoinTheirPeopleByEveryKey() {
        Dataset<Row> conversions = table(dir.resolve("out"), "conversions");
        Map<String, Long> byGoal = new HashMap<>();
        conversions.groupBy("goal").count().collectAsList().forEach(r -> byGoal.put(r.getString(0), r.getLong(1)));
        assertThat(byGoal).isEqualTo(Map.of("demo", 1L, "lead", 2L, "won", 1L));
        Row won = conversions.where("goal = 'won'").first();
        assertThat(won.<String>getAs("person_id")).isEqualTo("alice@acme.example"); // by visitor id, through the visitor pass
        assertThat(won.<String>getAs("visitor_id")).isEqualTo("vA");
        assertThat(won.<Double>getAs("revenue")).isEqualTo(12000.0);
        assertThat(won.<String>getAs("crm_stage")).isEqualTo("closed_won");
        assertThat(won.<Integer>getAs("touchpoint_count")).isEqualTo(3); // a2, a3 and a5: a1 is older than the 30-day lookback
        assertThat(won.<String>getAs("self_reported_channel")).isEqualTo("Podcast"); // Alice's answer on her lead
        assertThat(won.<Object>getAs("session_id")).isNull();
        Row bob = conversions.where("goal = 'lead' AND person_id = 'vB'").first(); // by click id
        assertThat(bob.<String>getAs("self_reported_channel")).isEqualTo("Organic Search");
        assertThat(conversions.where("goal = 'demo'").first().<String>getAs("crm_stage")).isNull();
    }

    @Test
    void aCrmRowIsNeverATouchpointNorASession() {
        assertThat(table(dir.resolve("out"), "sessions").count()).isEqualTo(6);
        assertThat(result.sessions()).isEqualTo(6);
        Dataset<Row> credit = table(dir.resolve("out"), "attribution_credit");
        // Every credit row has a session but hybrid's share for a channel no touchpoint has.
        assertThat(credit.where("session_id IS NULL").select("model").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("hybrid(base=linear,self_reported=0.5)");
        assertThat(credit.where("session_id IS NOT NULL").select("session_id").distinct().count())
                .isEqualTo(table(dir.resolve("out"), "sessions").where("person_id <> 'dave@d.example'").count());
    }

    @Test
    void milestonesAndAnswersReachTheModels() {
        Dataset<Row> won = table(dir.resolve("out"), "attribution_credit").where("goal = 'won'");
        // w_shaped: first touch a2 0.3; lead and opportunity touch a3 (the last session before 03-10 10:30 and 03-20) 0.3 + 0.3;
        // the rest, 0.1, to the only other touchpoint, a5.
        Map<Integer, Double> w = credits(won.where("model LIKE 'w_shaped%'"));
        assertThat(w).containsOnlyKeys(1, 2, 3);
        assertThat(w.get(1)).isCloseTo(0.3, within(1e-12));
        assertThat(w.get(2)).isCloseTo(0.6, within(1e-12));
        assertThat(w.get(3)).isCloseTo(0.1, within(1e-12));
        // hybrid: half to the answered channel Podcast (no touchpoint has it: a row without one), half linear.
        Dataset<Row> hybrid = won.where("model = 'hybrid(base=linear,self_reported=0.5)'");
        Row off = hybrid.where("touchpoint_index IS NULL").first();
        assertThat(off.<String>getAs("channel")).isEqualTo("Podcast");
        assertThat(off.<Double>getAs("credit")).isCloseTo(0.5, within(1e-12));
        assertThat(off.<Double>getAs("revenue_credit")).isCloseTo(6000.0, within(1e-9));
        assertThat(credits(hybrid.where("touchpoint_index IS NOT NULL")).values()).allSatisfy(c -> assertThat(c)
                .isCloseTo(1 / 6.0, within(1e-12)));
        // The summary counts the off-journey credit as a conversion share of Podcast, not as a touchpoint.
        Row podcast = table(dir.resolve("out"), "attribution_summary")
                .where("goal = 'won' AND model = 'hybrid(base=linear,self_reported=0.5)' AND channel = 'Podcast'").first();
        assertThat(podcast.<Double>getAs("conversions")).isCloseTo(0.5, within(1e-12));
        assertThat(podcast.<Long>getAs("touchpoints")).isZero();
    }

    @Test
    void selfReportedAnswersStandNextToEachModelsCredit() {
        Dataset<Row> said = table(dir.resolve("out"), "self_reported");
        // Alice's won deal: she said Podcast (a dark channel); last touch gives it nothing, hybrid half.
        Row podcast = said.where("goal = 'won' AND channel = 'Podcast'").first();
        assertThat(podcast.<Boolean>getAs("dark")).isTrue();
        assertThat(podcast.<Long>getAs("answers")).isEqualTo(1);
        assertThat(podcast.<Long>getAs("conversions")).isEqualTo(1);
        assertThat(podcast.<Double>getAs("revenue")).isEqualTo(12000.0);
        assertThat(podcast.<Double>getAs("share")).isEqualTo(1.0);
        assertThat(podcast.<Double>getAs("last_share")).isEqualTo(0.0);
        assertThat(podcast.<Double>getAs("hybrid_share")).isCloseTo(0.5, within(1e-12));
        Row email = said.where("goal = 'won' AND channel = 'Email'").first(); // credited, never said
        assertThat(email.<Long>getAs("answers")).isZero();
        assertThat(email.<Double>getAs("share")).isEqualTo(0.0);
        assertThat(email.<Double>getAs("last_share")).isEqualTo(1.0);
        // The two leads: one answer each, Podcast and Organic Search.
        assertThat(said.where("goal = 'lead' AND answers > 0").select("channel", "share").collectAsList())
                .extracting(r -> r.getString(0) + "=" + r.getDouble(1)).containsExactlyInAnyOrder("Podcast=0.5", "Organic Search=0.5");
        // The web conversion has no answer: one row without a channel.
        Row demo = said.where("goal = 'demo' AND channel IS NULL").first();
        assertThat(demo.<Long>getAs("conversions")).isEqualTo(1);
        assertThat(demo.<Object>getAs("share")).isNull();
        // The report's data carry the table for its "What people said" card.
        try {
            assertThat(io.touchpoint.spark.report.ReportData.build(spark, dir.resolve("out").toString(), "t", "USD"))
                    .contains("\"self_reported\":[{\"goal\":\"demo\"", "\"channel\":\"Podcast\",\"dark\":true");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pseudonymisedIdsStillMatch() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef0123456789abcdef");
        Pipeline.Result p = run(config(dir.resolve("pseudo"), workedExample(dir.resolve("events.csv"), dir.resolve("crm.csv"),
                "touchpoint.privacy.pseudonymise", true, "touchpoint.privacy.key-file", key.toString())));
        assertThat(p.notes().get(0)).isEqualTo(result.notes().get(0));
        assertThat(table(dir.resolve("pseudo"), "conversions").where("person_id LIKE '%@%' OR visitor_id = 'vA'").count()).isZero();
        for (String t : List.of("crm_unmatched", "conversions", "attribution_credit")) {
            assertThat(table(dir.resolve("pseudo"), t).toJSON().collectAsList()).noneMatch(j -> j.contains("@"));
        }
    }

    @Test
    void aRangeRunSkipsOtherDatesRowsButKeepsThemAsMilestones() {
        Pipeline.Result april = run(config(dir.resolve("range"), workedExample(dir.resolve("events.csv"), dir.resolve("crm.csv"),
                "touchpoint.range.from", "2026-04-01", "touchpoint.range.to", "2026-04-30")));
        // Only the won deal (04-01) is in April; rows 10 (no time) and 11 (no stage) are unmatched whatever the range.
        assertThat(april.manifest().crm().matched()).isEqualTo(1);
        assertThat(april.manifest().crm().unmatched()).isEqualTo(Map.of("bad_event_time", 1L, "missing_stage", 1L));
        assertThat(april.manifest().crm().skipped()).isEqualTo(Map.of("outside_range", 9L));
        assertThat(april.manifest().crm().reconciles()).isTrue();
        // Her March lead and opportunity are still the won deal's milestones.
        Map<Integer, Double> w = credits(table(dir.resolve("range"), "attribution_credit").where("goal = 'won' AND model LIKE 'w_shaped%'"));
        assertThat(w.get(2)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void anErasedPersonsCrmRowsDoNotComeBack() throws Exception {
        Path out = dir.resolve("erase");
        io.touchpoint.core.config.TouchpointConfig c = config(out, workedExample(dir.resolve("events.csv"), dir.resolve("crm.csv")));
        run(c);
        io.touchpoint.spark.pipeline.Erasures.erase(spark, c, io.touchpoint.spark.pipeline.Erasures.Kind.USER_ID,
                "alice@acme.example", "test", line -> { });
        Pipeline.Result again = run(c);
        assertThat(table(out, "conversions").where("person_id = 'alice@acme.example'").count()).isZero();
        // Her rows (two by e-mail, one by her visitor id, which erase lists too) are skipped and kept nowhere.
        assertThat(again.manifest().crm().skipped()).isEqualTo(Map.of("erased", 3L));
        assertThat(again.manifest().crm().matched()).isEqualTo(2); // Bob's two
        assertThat(again.manifest().crm().reconciles()).isTrue();
        assertThat(table(out, "self_reported").where("goal = 'won' AND conversions > 0").count()).isZero();
    }

    @Test
    void sparksPublicApiGivesTheSameTables() {
        Path out = dir.resolve("public");
        Pipeline.Result p = run(config(out, workedExample(dir.resolve("events.csv"), dir.resolve("crm.csv"),
                "touchpoint.spark-api", "public")));
        assertThat(p.manifest().crm()).isEqualTo(result.manifest().crm());
        // CRM conversion ids are keyed hashes under each output folder's own secret: equal within a folder only.
        for (String t : List.of("conversions", "attribution_credit", "crm_unmatched", "self_reported")) {
            Dataset<Row> a = table(dir.resolve("out"), t).drop("run_id", "conversion_id");
            Dataset<Row> b = table(out, t).drop("run_id", "conversion_id");
            assertThat(a.exceptAll(b).count() + b.exceptAll(a).count()).as(t).isZero();
        }
    }

    @Test
    void jsonLinesAndParquetExportsGiveTheSameOutcomes() throws Exception {
        // The worked example's export as JSON Lines (numbers as numbers) and as typed Parquet, with renamed columns.
        Dataset<Row> csv = spark.read().option("header", "true").csv(dir.resolve("crm.csv").toString());
        Dataset<Row> renamed = csv.withColumnRenamed("event_time", "CreatedDate").withColumnRenamed("stage", "StageName")
                .withColumn("value", csv.col("value").cast("double"));
        renamed.coalesce(1).write().json(dir.resolve("crm-json").toString());
        renamed.coalesce(1).write().parquet(dir.resolve("crm-parquet").toString());
        for (String format : List.of("jsonl", "parquet")) {
            Pipeline.Result r = run(config(dir.resolve("out-" + format), workedExample(dir.resolve("events.csv"),
                    dir.resolve(format.equals("jsonl") ? "crm-json" : "crm-parquet"), "touchpoint.crm.format", format,
                    "touchpoint.crm.columns", Map.of("event_time", "CreatedDate", "stage", "StageName"))));
            assertThat(r.manifest().crm()).as(format).isEqualTo(result.manifest().crm());
            assertThat(table(dir.resolve("out-" + format), "conversions").where("crm_stage IS NOT NULL").count()).isEqualTo(3);
        }
    }

    @Test
    void aHeaderOnlyExportIsNormal() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty-crm.csv"), "event_time,stage,value,email\n");
        Pipeline.Result r = run(config(dir.resolve("out-empty"), workedExample(dir.resolve("events.csv"), empty)));
        assertThat(r.manifest().crm()).isEqualTo(new io.touchpoint.core.run.CrmCounts(0, 0, Map.of(), Map.of()));
        assertThat(table(dir.resolve("out-empty"), "crm_unmatched").count()).isZero();
        assertThat(table(dir.resolve("out-empty"), "conversions").where("goal = 'demo'").count()).isEqualTo(1);
    }

    @Test
    void withoutAnyConversionEveryTableIsWrittenAndTheNoteNamesTheCrmGoals() throws Exception {
        Path crm = Files.writeString(dir.resolve("late-crm.csv"), "event_time,stage,value,email\n2026-02-01T10:00:00Z,closed_won,1,x@y.example\n");
        Pipeline.Result r = run(config(dir.resolve("out-none"), "touchpoint.input.path", dir.resolve("events.csv").toString(),
                "touchpoint.crm.path", crm.toString(),
                "touchpoint.conversions.goals", List.of(Map.of("name", "won", "crm-stage", "closed_won"))));
        assertThat(r.notes()).contains("No conversions: no accepted event or CRM row with a journey matched a goal"
                + " (won: crm-stage = closed_won). The conversion and attribution tables are written empty.");
        for (String t : List.of("conversions", "attribution_credit", "self_reported", "crm_unmatched")) {
            assertThat(table(dir.resolve("out-none"), t).columns()).as(t).isNotEmpty();
        }
        assertThat(table(dir.resolve("out-none"), "crm_unmatched").first().<String>getAs("reason")).isEqualTo("unknown_email");
    }

    private static Map<Integer, Double> credits(Dataset<Row> rows) {
        Map<Integer, Double> out = new HashMap<>();
        rows.collectAsList().forEach(r -> out.put(r.<Integer>getAs("touchpoint_index"), r.<Double>getAs("credit")));
        return out;
    }
}
