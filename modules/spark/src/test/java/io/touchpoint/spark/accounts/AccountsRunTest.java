package io.touchpoint.spark.accounts;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.touchpoint.core.accounts.AccountMapping;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.SparkTestBase;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.pipeline.Pipeline;
import io.touchpoint.spark.session.SessionizedSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts end to end on a hand-made log and accounts file: every event, session and conversion
 * row of a visitor carries the visitor's latest account claim; the events' own account_id wins over
 * the file; free mail and anonymous visitors have none; with pseudonyms the account still comes
 * from the raw e-mail, and no raw e-mail reaches a table.
 */
class AccountsRunTest extends SparkTestBase {
    @TempDir
    static Path dir;

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private static final String SITE = "https://www.beaconhq.example";

    /** The expected account of every visitor (absent: none). */
    private static final Map<String, String> ACCOUNT_OF = Map.of(
            "vA", "acct_acme", "vB", "acct_acme", // Dana's laptop and phone: one person, one domain
            "vC", "acct_beta",                    // Bob moved from acme to beta: the latest claim wins
            "vD", "crm-7",                        // Carol's laptop: the events' own account_id, claimed last, wins
            "vD2", "acct_acme");                  // Carol's phone claims only through her domain
    private static final List<String> VISITORS = List.of("vA", "vB", "vC", "vD", "vD2", "vF", "vE", "vG", "vH", "vI");
    private static final List<String> RAW_IDS = List.of("dana.lee", "bob@", "carol@", "maria.kim31", "@acme.example",
            "@beta.example", "@gmail.com");

    private static Path events;
    private static Path accounts;

    private static String row(String id, String time, String visitor, String user, String name, String page, String company) {
        return String.join(",", id, time, visitor, user, name, SITE + page, "", "", "", "", "", "", "", UA, company) + "\n";
    }

    @BeforeAll
    static void files() throws Exception {
        StringBuilder log = new StringBuilder("event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,"
                + "utm_source,utm_medium,utm_campaign,utm_term,utm_content,revenue,user_agent,company\n");
        log.append(row("a1", "2026-03-02T09:00:00Z", "vA", "", "page_view", "/blog/first-party-data", ""));
        log.append(row("a2", "2026-03-05T10:00:00Z", "vA", "", "page_view", "/pricing", ""));
        log.append(row("a3", "2026-03-05T10:05:00Z", "vA", "dana.lee@acme.example", "form_submit", "/demo", ""));
        log.append(row("a4", "2026-03-20T10:00:00Z", "vA", "", "page_view", "/docs/sso", ""));
        log.append(row("b1", "2026-03-10T11:00:00Z", "vB", "dana.lee@acme.example", "page_view", "/", ""));
        log.append(row("c1", "2026-03-03T09:00:00Z", "vC", "bob@acme.example", "page_view", "/", ""));
        log.append(row("c2", "2026-03-25T09:00:00Z", "vC", "bob@beta.example", "page_view", "/pricing", ""));
        log.append(row("d1", "2026-03-04T09:00:00Z", "vD", "carol@acme.example", "page_view", "/", ""));
        log.append(row("d2", "2026-03-06T09:00:00Z", "vD", "carol@acme.example", "form_submit", "/demo", "crm-7"));
        log.append(row("d3", "2026-03-07T09:00:00Z", "vD2", "carol@acme.example", "page_view", "/", ""));
        log.append(row("f1", "2026-03-08T09:00:00Z", "vF", "maria.kim31@gmail.com", "form_submit", "/demo", ""));
        for (String v : List.of("vE", "vG", "vH", "vI")) {
            log.append(row(v + "1", "2026-03-09T09:00:00Z", v, "", "page_view", "/blog/attribution", ""));
        }
        events = Files.writeString(dir.resolve("events.csv"), log.toString());
        accounts = Files.writeString(dir.resolve("accounts.csv"), """
                domain,account_id,account_name,industry,employees
                acme.example,acct_acme,Acme,Manufacturing,2400
                beta.example,acct_beta,Beta,Software,60
                gmail.com,acct_gmail,Should never be used,,
                """);
    }

    private static TouchpointConfig config(String out, Object... more) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("touchpoint.input.path", events.toString(),
                "touchpoint.input.columns.account_id", "company",
                "touchpoint.accounts.path", accounts.toString(),
                "touchpoint.conversions.goals", List.of(Map.of("name", "demo", "event-name", "form_submit"))));
        kv.addAll(List.of(more));
        return SparkTestBase.config(dir.resolve(out), kv.toArray());
    }

    private static Map<String, Set<String>> accountsByVisitor(Dataset<Row> rows) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Row r : rows.select("visitor_id", "account_id").collectAsList()) {
            out.computeIfAbsent(r.getString(0), v -> new java.util.TreeSet<>()).add(String.valueOf(r.getString(1)));
        }
        return out;
    }

    /** {@link #ACCOUNT_OF} as {@link #accountsByVisitor} shows it, for {@code visitors}. */
    private static Map<String, Set<String>> expected(List<String> visitors) {
        return visitors.stream().collect(Collectors.toMap(v -> v, v -> Set.of(String.valueOf(ACCOUNT_OF.get(v))), (a, b) -> a,
                TreeMap::new));
    }

    @Test
    void everyEventAndSessionOfAVisitorCarriesItsLatestAccountClaim() throws Exception {
        Pipeline.Result r = run(config("plain"));
        Dataset<Row> sessions = table(dir.resolve("plain"), "sessions");
        Dataset<Row> eventsTable = table(dir.resolve("plain"), "events");
        assertThat(sessions.columns()).containsExactly(SessionizedSchema.SESSIONS_COLUMNS);
        assertThat(List.of(sessions.columns()).indexOf("account_id")).isEqualTo(List.of(sessions.columns()).indexOf("person_id") + 1);
        assertThat(List.of(eventsTable.columns()).indexOf("account_id")).isEqualTo(List.of(eventsTable.columns()).indexOf("person_id") + 1);

        assertThat(accountsByVisitor(sessions)).isEqualTo(expected(VISITORS));
        assertThat(accountsByVisitor(eventsTable)).isEqualTo(expected(VISITORS));
        // Dana's earliest, anonymous sessions are her account's too: the claim is the visitor's.
        assertThat(sessions.where("visitor_id = 'vA'").count()).isEqualTo(3);
        // Carol's devices claim different accounts: her sessions are in both (the claim is per device).
        assertThat(sessions.where("person_id = 'carol@acme.example'").select("account_id").distinct().collectAsList())
                .extracting(x -> x.getString(0)).containsExactlyInAnyOrder("crm-7", "acct_acme");
        assertThat(sessions.where("account_id IS NOT NULL").select("account_id").distinct().count()).isEqualTo(3);
        String note = "Accounts (key email_domain): 3 rows read = 2 mapped to 2 accounts + 1 ignored (free_mail 1)."
                + " A free-mail domain never forms an account.";
        assertThat(r.notes()).contains(note);
        assertThat(r.manifest().notes()).contains(note);
    }

    @Test
    void aRangeRunGivesTheAccountsOfTheWholeInput() throws Exception {
        // Bob's 03-03 session is in the range; his claim of beta (03-25) is not, and still wins.
        run(config("range", "touchpoint.range.from", "2026-03-02", "touchpoint.range.to", "2026-03-05"));
        Dataset<Row> sessions = table(dir.resolve("range"), "sessions");
        assertThat(accountsByVisitor(sessions)).isEqualTo(expected(List.of("vA", "vC", "vD")));
        assertThat(sessions.where("visitor_id = 'vC'").count()).isEqualTo(1);
    }

    @Test
    void conversionRowsOfTheVisitorPassCarryTheAccount() throws Exception {
        TouchpointConfig config = config("stream");
        AccountMapping mapping = AccountsInput.read(spark, config.accounts(), line -> { });
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions(),
                EventNormalizer.Limits.of(config.input(), java.time.Instant.now())).withAccounts(mapping);
        Dataset<Row> accepted = InputReader.read(spark, config.input(), normalizer)
                .where(col("status").equalTo(ParsedSchema.ACCEPTED)).select(SessionizedSchema.columns(ParsedSchema.EVENT_COLUMNS));
        io.touchpoint.spark.output.TaskReports reports = new io.touchpoint.spark.output.TaskReports();
        spark.sparkContext().register(reports);
        Dataset<Row> stream = io.touchpoint.spark.session.SparkSessionizer.sessionise(accepted,
                new SessionRules(config.sessions(), config.input().timeZone(), config.channelRules(), config.goals()),
                new io.touchpoint.spark.session.SparkSessionizer.Output(io.touchpoint.spark.output.PassOutput.countsOnly("visitor",
                        reports), io.touchpoint.spark.session.SessionizedColumns.ALL));
        Dataset<Row> conversions = stream.where(col("kind").equalTo(SessionizedSchema.CONVERSION));
        assertThat(accountsByVisitor(conversions)).isEqualTo(expected(List.of("vA", "vD", "vF")));
        // Each kind of row agrees on each visitor's account.
        for (String kind : List.of(SessionizedSchema.EVENT, SessionizedSchema.SESSION)) {
            assertThat(accountsByVisitor(stream.where(col("kind").equalTo(kind)))).as(kind).isEqualTo(expected(VISITORS));
        }
        // The parsed rows keep each event's own claim; the visitor pass makes it the visitor's.
        Map<String, String> claims = new HashMap<>();
        for (Row x : accepted.select("event_id", "account_id").collectAsList()) {
            claims.put(x.getString(0), String.valueOf(x.getString(1)));
        }
        assertThat(claims).contains(entry("a1", "null"), entry("a3", "acct_acme"), entry("c1", "acct_acme"),
                entry("c2", "acct_beta"), entry("d1", "acct_acme"), entry("d2", "crm-7"), entry("f1", "null"));
    }

    @Test
    void pseudonymsStillFindTheAccountOfTheRawEmailAndNoRawEmailIsWritten() throws Exception {
        Path key = Files.writeString(dir.resolve("pseudonym.key"), "a-test-key-that-is-long-enough-0123456789");
        run(config("pseudonymised", "touchpoint.privacy.pseudonymise", true, "touchpoint.privacy.key-file", key.toString()));
        Dataset<Row> sessions = table(dir.resolve("pseudonymised"), "sessions");
        // The same accounts, session by session (visitor ids are pseudonyms now: compare by start time and account).
        run(config("plain-again"));
        Dataset<Row> plain = table(dir.resolve("plain-again"), "sessions");
        assertThat(sessions.count()).isEqualTo(plain.count()).isEqualTo(14);
        assertThat(sessions.select("session_start", "account_id").exceptAll(plain.select("session_start", "account_id")).count())
                .isZero();
        assertThat(sessions.where("account_id = 'acct_acme'").count()).as("vA 3, vB 1, vD2 1").isEqualTo(5);
        assertThat(holding(dir.resolve("pseudonymised"), List.of("events", "sessions", "conversions", "attribution_credit",
                "quarantine"), RAW_IDS)).isEmpty();
        // The scan finds raw e-mails where they are.
        assertThat(holding(dir.resolve("plain-again"), List.of("events"), RAW_IDS)).isNotEmpty();
    }

    @Test
    void aFileKeyedByVisitorIdInJsonLinesWithItsOwnColumnNames() throws Exception {
        Path cookies = Files.writeString(dir.resolve("cookies.jsonl"), """
                {"cookie": "vE", "Company": "acct_from_ip", "employees": 12}
                {"cookie": "vG", "Company": ""}
                """);
        run(config("by-visitor", "touchpoint.accounts.path", cookies.toString(), "touchpoint.accounts.format", "jsonl",
                "touchpoint.accounts.key", "visitor_id", "touchpoint.accounts.columns.visitor_id", "cookie",
                "touchpoint.accounts.columns.account_id", "company"));
        Map<String, Set<String>> byVisitor = accountsByVisitor(table(dir.resolve("by-visitor"), "sessions"));
        assertThat(byVisitor).containsEntry("vE", Set.of("acct_from_ip")).containsEntry("vG", Set.of("null"))
                .containsEntry("vD", Set.of("crm-7")) // the events' own column still wins
                .containsEntry("vA", Set.of("null")); // e-mails name no account with this key
    }

    @Test
    void aFileWithoutTheKeyOrAccountColumnStopsTheRunBeforeAnyEventIsRead() throws Exception {
        Path noDomain = Files.writeString(dir.resolve("no-domain.csv"), "website,account_id\nacme.example,acct_acme\n");
        assertThatThrownBy(() -> run(config("bad-key", "touchpoint.accounts.path", noDomain.toString())))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.INPUT);
                    assertThat(e.getMessage()).contains("The accounts file has no domain column", "website, account_id",
                            "touchpoint.accounts.columns", "touchpoint.accounts.key");
                });
        Path noAccount = Files.writeString(dir.resolve("no-account.csv"), "Domain,company\nacme.example,acct_acme\n");
        assertThatThrownBy(() -> run(config("bad-account", "touchpoint.accounts.path", noAccount.toString())))
                .isInstanceOfSatisfying(TouchpointException.class, e -> assertThat(e.getMessage())
                        .contains("The accounts file has no account_id column", "Domain, company"));
        assertThat(dir.resolve("bad-key").resolve("events")).doesNotExist();
        assertThat(dir.resolve("bad-account").resolve("events")).doesNotExist();
    }
}
