package io.touchpoint.spark.accounts;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.SparkTestBase;
import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journeys by account on the bundled B2B sample (docs/accounts.md), three runs of one config:
 * without the accounts file, with it and person journeys (the account pass builds them; they must
 * be the person pass's exactly), and with {@code attribution.unit = account}, whose journeys must
 * be the union of the account's people's sessions in the lookback.
 */
class AccountJourneysTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path noAccounts;
    static Path byPerson;
    static Path byAccount;
    static Pipeline.Result personResult;
    static Pipeline.Result accountResult;
    static TouchpointConfig accountConfig;

    @BeforeAll
    static void runs() {
        noAccounts = dir.resolve("none");
        byPerson = dir.resolve("person");
        byAccount = dir.resolve("account");
        run(b2b(noAccounts, "touchpoint.accounts.path", "", "touchpoint.attribution.unit", "person"));
        personResult = run(b2b(byPerson, "touchpoint.attribution.unit", "person"));
        accountConfig = b2b(byAccount, "touchpoint.attribution.unit", "account");
        accountResult = run(accountConfig);
    }

    /**
     * The rows of {@code table} as sorted text ({@link #rowsAsText}) without {@code account_id} and
     * {@code conversion_id} (a CRM conversion's id is keyed by its output folder's own secret).
     */
    private static List<String> rowsWithoutAccount(Path out, String table) {
        return rowsAsText(table(out, table).drop("account_id", "conversion_id"));
    }

    @Test
    void personJourneysOfTheAccountPassAreThePersonPassesExactly() {
        for (String table : List.of("conversions", "attribution_credit", "attribution_summary", "model_comparison")) {
            assertThat(rowsWithoutAccount(byPerson, table)).as(table).containsExactlyElementsOf(rowsWithoutAccount(noAccounts, table));
        }
        assertThat(table(byPerson, "conversions").count()).isPositive();
        // Every conversion of a person with an account names it, as the person's latest claim.
        assertThat(table(byPerson, "conversions").where(col("account_id").isNotNull()).count()).isPositive();
        assertThat(table(noAccounts, "conversions").where(col("account_id").isNotNull()).count()).isZero();
    }

    /** Each person's account: the claim of their latest session that has one (docs/accounts.md). */
    private static Map<String, String> accountOfPerson(Path out) {
        Map<String, String> latest = new HashMap<>();
        Map<String, Long> when = new HashMap<>();
        for (Row r : table(out, "sessions").where(col("account_id").isNotNull())
                .select("person_id", "account_id", "session_start").collectAsList()) {
            long t = r.<java.time.Instant>getAs(2).toEpochMilli();
            if (!when.containsKey(r.getString(0)) || t >= when.get(r.getString(0))) {
                when.put(r.getString(0), t);
                latest.put(r.getString(0), r.getString(1));
            }
        }
        return latest;
    }

    @Test
    void anAccountsJourneyIsTheUnionOfItsPeoplesSessionsInTheLookback() {
        Map<String, String> accountOf = accountOfPerson(byAccount);
        // Sessions by group: an account's people's, or a person's own without an account.
        Map<String, List<Row>> sessionsOf = new HashMap<>();
        for (Row s : table(byAccount, "sessions").select("session_id", "person_id", "session_start").collectAsList()) {
            String p = s.getString(1);
            sessionsOf.computeIfAbsent(accountOf.getOrDefault(p, "person:" + p), x -> new ArrayList<>()).add(s);
        }
        long lookback = accountConfig.attribution().lookback().toMillis();
        Map<String, Set<String>> touched = new TreeMap<>();
        Map<String, Row> conversions = new HashMap<>();
        for (Row c : table(byAccount, "conversions").collectAsList()) {
            conversions.put(c.getAs("conversion_id"), c);
        }
        int accountOnly = 0;
        int severalPeople = 0;
        for (Row r : table(byAccount, "attribution_credit").where(col("model").equalTo("linear"))
                .select("conversion_id", "session_id", "touchpoint_person_id").collectAsList()) {
            touched.computeIfAbsent(r.getString(0), x -> new TreeSet<>()).add(r.getString(1) + "/" + r.getString(2));
        }
        assertThat(touched).hasSize(conversions.size());
        for (Map.Entry<String, Set<String>> e : touched.entrySet()) {
            Row c = conversions.get(e.getKey());
            String person = c.getAs("person_id");
            String account = c.getAs("account_id");
            if (person == null) {
                accountOnly++; // a CRM row keyed by its account alone
            } else {
                assertThat(account).as(e.getKey()).isEqualTo(accountOf.get(person));
            }
            long t = c.<java.time.Instant>getAs("conversion_time").toEpochMilli();
            String session = c.getAs("session_id");
            Set<String> expected = new TreeSet<>();
            Set<String> people = new TreeSet<>();
            for (Row s : sessionsOf.getOrDefault(account != null ? account : "person:" + person, List.of())) {
                long start = s.<java.time.Instant>getAs(2).toEpochMilli();
                if (s.getString(0).equals(session) || start >= t - lookback && start <= t) {
                    expected.add(s.getString(0) + "/" + s.getString(1));
                    people.add(s.getString(1));
                }
            }
            if (people.size() > 1) {
                severalPeople++;
            }
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
        }
        assertThat(accountOnly).as("CRM rows of accounts credited").isPositive();
        assertThat(severalPeople).as("journeys of several people").isPositive();
    }

    @Test
    void crmRowsOfAnAccountMatchWithAccountJourneys() {
        assertThat(personResult.manifest().crm().unmatched()).containsKey("account_only");
        assertThat(accountResult.manifest().crm().unmatched()).doesNotContainKey("account_only");
        long read = accountResult.manifest().crm().read();
        assertThat(read).isEqualTo(personResult.manifest().crm().read());
        assertThat(accountResult.manifest().crm().matched()).isGreaterThan(personResult.manifest().crm().matched());
        // A CRM conversion never becomes a touchpoint: every credited session is a session of the sessions table.
        assertThat(table(byAccount, "attribution_credit").where(col("session_id").isNotNull())
                .join(table(byAccount, "sessions"), "session_id").count())
                .isEqualTo(table(byAccount, "attribution_credit").where(col("session_id").isNotNull()).count());
    }

    @Test
    void theAccountsTableCountsEachAccountsPeopleSessionsAndConversions() {
        Map<String, String> accountOf = accountOfPerson(byAccount);
        Map<String, Set<String>> people = new TreeMap<>();
        Map<String, Long> sessions = new TreeMap<>();
        for (Row s : table(byAccount, "sessions").select("person_id").collectAsList()) {
            String a = accountOf.get(s.getString(0));
            if (a != null) {
                people.computeIfAbsent(a, x -> new TreeSet<>()).add(s.getString(0));
                sessions.merge(a, 1L, Long::sum);
            }
        }
        List<Row> rows = table(byAccount, "accounts").where(col("goal").equalTo("won")).collectAsList();
        assertThat(rows).hasSize(people.size());
        Map<String, Long> won = new TreeMap<>();
        for (Row c : table(byAccount, "conversions").where(col("goal").equalTo("won")).collectAsList()) {
            won.merge(c.getAs("account_id"), 1L, Long::sum);
        }
        for (Row r : rows) {
            String a = r.getAs("account_id");
            assertThat(r.<Long>getAs("people")).as(a).isEqualTo(people.get(a).size());
            assertThat(r.<Long>getAs("sessions")).as(a).isEqualTo(sessions.get(a));
            assertThat(r.<Long>getAs("conversions")).as(a).isEqualTo(won.getOrDefault(a, 0L));
        }
        // Every goal of the run has a row per account.
        assertThat(table(byAccount, "accounts").count()).isEqualTo((long) people.size() * accountConfig.goals().all().size());
    }
}
