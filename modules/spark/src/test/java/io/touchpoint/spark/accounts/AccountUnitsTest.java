package io.touchpoint.spark.accounts;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/accounts.md ("Journeys and funnels by account"): Dana and Bob of Acme,
 * an anonymous visitor and a free-mail visitor, with person and account funnels over the same
 * steps, person and account journeys, and the {@code accounts} table.
 */
class AccountUnitsTest extends SparkTestBase {
    @TempDir
    static Path dir;

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private static final String SITE = "https://www.beaconhq.example";
    private static Path events;
    private static Path accounts;

    private static String row(String id, String time, String visitor, String user, String name, String page, String source,
                              String medium) {
        return String.join(",", id, time, visitor, user, name, SITE + page, "", source, medium, "", "", "", "", UA) + "\n";
    }

    static void files() throws Exception {
        String log = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,"
                + "utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent\n"
                // Dana of Acme finds the pricing page through a LinkedIn ad.
                + row("d1", "2026-03-02T09:00:00Z", "vDana", "dana@acme.example", "page_view", "/pricing", "linkedin", "paid_social")
                // Bob of Acme comes straight to the demo page an hour later and asks for a demo.
                + row("b1", "2026-03-02T10:00:00Z", "vBob", "bob@acme.example", "page_view", "/demo", "", "")
                + row("b2", "2026-03-02T10:05:00Z", "vBob", "bob@acme.example", "form_submit", "/demo", "", "")
                // An anonymous visitor sees the pricing page only; a free-mail visitor the pricing and demo pages.
                + row("e1", "2026-03-03T09:00:00Z", "vEve", "", "page_view", "/pricing", "", "")
                + row("f1", "2026-03-03T11:00:00Z", "vFred", "fred@gmail.com", "page_view", "/pricing", "", "")
                + row("f2", "2026-03-03T11:02:00Z", "vFred", "fred@gmail.com", "page_view", "/demo", "", "");
        events = Files.writeString(dir.resolve("events.csv"), log);
        accounts = Files.writeString(dir.resolve("accounts.csv"), "domain,account_id\nacme.example,acct_acme\n");
    }

    private static Map<String, Object> funnel(String name, String unit) {
        return Map.of("name", name, "unit", unit, "window", "1d", "steps", List.of(
                Map.of("name", "pricing", "page-url", Map.of("contains", "/pricing")),
                Map.of("name", "demo_page", "page-url", Map.of("contains", "/demo")),
                Map.of("name", "demo_request", "event-name", "form_submit")));
    }

    private static TouchpointConfig config(String out, String unit) {
        return SparkTestBase.config(dir.resolve(out), "touchpoint.input.path", events.toString(),
                "touchpoint.accounts.path", accounts.toString(),
                "touchpoint.attribution.unit", unit,
                "touchpoint.attribution.models", List.of("first", "last", "linear"),
                "touchpoint.conversions.goals", List.of(Map.of("name", "demo_request", "event-name", "form_submit")),
                "touchpoint.funnels", List.of(funnel("by_person", "person"), funnel("by_account", "account")));
    }

    static Path personRun;
    static Path accountRun;

    @BeforeAll
    static void runs() throws Exception {
        files();
        personRun = dir.resolve("person");
        accountRun = dir.resolve("account");
        run(config("person", "person"));
        run(config("account", "account"));
    }

    /** unit_id to level of a funnel's progress rows. */
    private static Map<String, Integer> levels(Path out, String funnel) {
        Map<String, Integer> m = new TreeMap<>();
        for (Row r : table(out, "funnel_progress").where(col("funnel").equalTo(funnel)).collectAsList()) {
            m.put(r.getAs("unit_id"), r.<Integer>getAs("level"));
            assertThat(r.<String>getAs("unit")).isEqualTo(funnel.equals("by_person") ? "person" : "account");
        }
        return m;
    }

    @Test
    void anAccountFunnelJoinsThePeopleOfTheAccountAndAPersonWithoutOneIsAnAccountOfOne() {
        for (Path out : List.of(personRun, accountRun)) {
            String eve = table(out, "sessions").where("visitor_id = 'vEve'").first().getAs("person_id");
            // Bob never saw the pricing page: as a person he never entered; Dana entered, alone.
            assertThat(levels(out, "by_person")).isEqualTo(Map.of("dana@acme.example", 1, eve, 1, "fred@gmail.com", 2));
            // Acme as one unit: Dana's pricing (09:00), Bob's demo page (10:00) and request (10:05).
            assertThat(levels(out, "by_account")).isEqualTo(Map.of("acct_acme", 3, eve, 1, "fred@gmail.com", 2));
            Row acme = table(out, "funnel_steps").where("funnel = 'by_account' AND breakdown = 'all' AND step_index = 3").first();
            assertThat(acme.<Long>getAs("units")).isEqualTo(1L);
        }
    }

    @Test
    void anAccountJourneyHoldsEveryPersonsSessionsEachWithItsPerson() {
        List<String> byPerson = credits(personRun);
        List<String> byAccount = credits(accountRun);
        assertThat(byPerson).containsExactly(
                "first|1|bob@acme.example|Direct|1.0", "last|1|bob@acme.example|Direct|1.0", "linear|1|bob@acme.example|Direct|1.0");
        assertThat(byAccount).containsExactly(
                "first|1|dana@acme.example|Paid Social|1.0", "first|2|bob@acme.example|Direct|0.0",
                "last|1|dana@acme.example|Paid Social|0.0", "last|2|bob@acme.example|Direct|1.0",
                "linear|1|dana@acme.example|Paid Social|0.5", "linear|2|bob@acme.example|Direct|0.5");
        for (Path out : List.of(personRun, accountRun)) {
            Row c = table(out, "conversions").first();
            assertThat(c.<String>getAs("person_id")).isEqualTo("bob@acme.example");
            assertThat(c.<String>getAs("account_id")).isEqualTo("acct_acme");
            assertThat(table(out, "attribution_credit").where("account_id = 'acct_acme'").count())
                    .isEqualTo(table(out, "attribution_credit").count());
        }
    }

    private static List<String> credits(Path out) {
        List<String> rows = new ArrayList<>();
        for (Row r : table(out, "attribution_credit").orderBy("model", "touchpoint_index").collectAsList()) {
            rows.add(r.getAs("model") + "|" + r.getAs("touchpoint_index") + "|" + r.getAs("touchpoint_person_id") + "|"
                    + r.getAs("channel") + "|" + r.getAs("credit"));
        }
        return rows;
    }

    @Test
    void theAccountsTableHasAcmesPeopleTouchesAndTimeToItsFirstDemoRequest() {
        for (Path out : List.of(personRun, accountRun)) {
            List<Row> rows = table(out, "accounts").collectAsList();
            assertThat(rows).hasSize(1); // one account x one goal; free mail and anonymous people form none
            Row acme = rows.get(0);
            assertThat(acme.<String>getAs("account_id")).isEqualTo("acct_acme");
            assertThat(acme.<Long>getAs("people")).isEqualTo(2L);
            assertThat(acme.<Long>getAs("sessions")).isEqualTo(2L);
            assertThat(acme.<Instant>getAs("first_touch_time")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
            assertThat(acme.<String>getAs("first_touch_channel")).isEqualTo("Paid Social");
            assertThat(acme.<Instant>getAs("last_touch_time")).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(acme.<String>getAs("last_touch_channel")).isEqualTo("Direct");
            assertThat(acme.<String>getAs("goal")).isEqualTo("demo_request");
            assertThat(acme.<Long>getAs("conversions")).isEqualTo(1L);
            assertThat(acme.<Instant>getAs("first_conversion_time")).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
            // 65 minutes from Dana's first touch to Bob's request: 65 / 1440 days.
            assertThat(acme.<Double>getAs("days_to_first_conversion")).isCloseTo(65 / 1440.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /**
     * Erasing Dana from the account run: her session leaves, and Bob's demo (Acme's) keeps its
     * credits, but the credit row of her session names neither her nor the session any more; her
     * journeys go, Bob's stays.
     */
    @Test
    void erasingAPersonScrubsTheirSessionsFromTheirColleaguesAccountJourneys() throws Exception {
        Path copy = dir.resolve("erase");
        run(config("erase", "account"));
        io.touchpoint.spark.pipeline.Erasures.erase(spark, config("erase", "account"),
                io.touchpoint.spark.pipeline.Erasures.Kind.USER_ID, "dana@acme.example", "test", line -> { });
        assertThat(holding(copy, List.of("events", "sessions", "conversions", "attribution_credit", "journeys"),
                List.of("dana@acme.example"))).isEmpty();
        List<Row> credits = table(copy, "attribution_credit").where("model = 'linear'").orderBy("touchpoint_index").collectAsList();
        assertThat(credits).extracting(r -> r.<Double>getAs("credit")).containsExactly(0.5, 0.5);
        assertThat(credits.get(0).<String>getAs("touchpoint_person_id")).isNull();
        assertThat(credits.get(0).<String>getAs("session_id")).isNull();
        assertThat(credits.get(1).<String>getAs("touchpoint_person_id")).isEqualTo("bob@acme.example");
        assertThat(table(copy, "journeys").where("person_id = 'bob@acme.example'").count()).isEqualTo(1);
    }
}
