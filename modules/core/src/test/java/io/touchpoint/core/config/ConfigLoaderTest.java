package io.touchpoint.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.ingest.CanonicalColumn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading config: flags over file over reference.conf, and every bad value a CONFIG error naming key and value. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static TouchpointConfig defaults() {
        return ConfigLoader.load(Optional.empty(), Map.of());
    }

    private static TouchpointConfig withFlags(Map<String, ?> overrides) {
        return ConfigLoader.load(Optional.empty(), overrides);
    }

    private File file(String hocon) throws IOException {
        Path f = dir.resolve("my.conf");
        Files.writeString(f, hocon);
        return f.toFile();
    }

    /** Asserts a CONFIG error whose message names {@code key} and {@code value} and contains the fragments. */
    private static void assertConfigError(ThrowingCallable call, String key, String value, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TouchpointException.class, e -> {
            assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
            assertThat(e.kind().exitCode()).isEqualTo(2);
            assertThat(e.where()).isEqualTo(key);
            assertThat(e.getMessage()).contains(key + " = " + value);
            for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
            }
        });
    }

    @Test
    void attributionUnitIsPersonOrAccount() {
        assertThat(withFlags(Map.of()).attribution().unit()).isEqualTo(io.touchpoint.core.config.AttributionConfig.Unit.PERSON);
        assertThat(withFlags(Map.of("touchpoint.attribution.unit", "account")).attribution().unit())
                .isEqualTo(io.touchpoint.core.config.AttributionConfig.Unit.ACCOUNT);
        assertConfigError(() -> withFlags(Map.of("touchpoint.attribution.unit", "company")), "touchpoint.attribution.unit",
                "company", "Unknown attribution unit", "Use person", "or account");
    }

    @Test
    void crmGoalsAndTheCrmInput() throws IOException {
        TouchpointConfig c = ConfigLoader.load(Optional.of(file("""
                touchpoint.crm { path = "crm.csv", format = json, columns { event_time = CreatedDate } }
                touchpoint.conversions.goals = [ { name = won, crm-stage = " closed_won " }, { name = demo, event-name = form_submit } ]
                """)), Map.of());
        assertThat(c.crm().enabled()).isTrue();
        assertThat(c.crm().format()).isEqualTo("jsonl");
        assertThat(c.crm().columnOf(io.touchpoint.core.crm.CrmColumn.EVENT_TIME)).isEqualTo("CreatedDate");
        assertThat(c.crm().columnOf(io.touchpoint.core.crm.CrmColumn.STAGE)).isEqualTo("stage");
        assertThat(c.goals().all().get(0).crmStage()).isEqualTo("closed_won");
        assertThat(c.goals().all().get(0).matches("closed_won", null)).isFalse(); // no event is a CRM outcome
        assertThat(c.goals().all().get(1).isCrm()).isFalse();
        assertThat(defaults().crm().enabled()).isFalse();
    }

    @Test
    void badCrmSettingsStopTheJob() throws IOException {
        File noCrm = file("touchpoint.conversions.goals = [ { name = won, crm-stage = closed_won } ]");
        assertConfigError(() -> ConfigLoader.load(Optional.of(noCrm), Map.of()), "touchpoint.conversions.goals[0].crm-stage",
                "closed_won", "there is no CRM input", "touchpoint.crm.path");
        File both = file("""
                touchpoint.crm.path = crm.csv
                touchpoint.conversions.goals = [ { name = won, crm-stage = closed_won, event-name = x } ]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(both), Map.of())).hasMessageContaining("not both");
        assertConfigError(() -> withFlags(Map.of("touchpoint.crm.format", "xlsx")), "touchpoint.crm.format", "xlsx",
                "Use one of: csv, jsonl, parquet.");
        assertConfigError(() -> withFlags(Map.of("touchpoint.crm.columns.amount", "Amount")), "touchpoint.crm.columns.amount",
                "Amount", "Unknown CRM column", "event_time, stage, value");
    }

    @Test
    void theAccountsFileIsOffByDefaultAndKeyedByEmailDomain() {
        io.touchpoint.core.accounts.AccountsConfig a = defaults().accounts();
        assertThat(a.enabled()).isFalse();
        assertThat(a).isEqualTo(io.touchpoint.core.accounts.AccountsConfig.NONE);
        assertThat(a.key()).isEqualTo(io.touchpoint.core.accounts.AccountKey.EMAIL_DOMAIN);
        assertThat(a.format()).isEqualTo("csv");
        assertThat(a.columnOf(io.touchpoint.core.accounts.AccountColumn.DOMAIN)).isEqualTo("domain");
        assertThat(defaults().input().columns()).doesNotContainKey(CanonicalColumn.ACCOUNT_ID);
    }

    @Test
    void theAccountsFileItsKeyAndRenames() throws IOException {
        TouchpointConfig c = ConfigLoader.load(Optional.of(file("""
                touchpoint.accounts { path = " accounts/ ", format = NDJSON, key = " User_Id ", columns { user_id = "Email", account_id = Id } }
                touchpoint.input.columns { account_id = company }
                """)), Map.of());
        io.touchpoint.core.accounts.AccountsConfig a = c.accounts();
        assertThat(a.enabled()).isTrue();
        assertThat(a.path()).isEqualTo("accounts/");
        assertThat(a.format()).isEqualTo("jsonl");
        assertThat(a.key()).isEqualTo(io.touchpoint.core.accounts.AccountKey.USER_ID);
        assertThat(a.key().column()).isEqualTo(io.touchpoint.core.accounts.AccountColumn.USER_ID);
        assertThat(a.columnOf(io.touchpoint.core.accounts.AccountColumn.USER_ID)).isEqualTo("Email");
        assertThat(a.columnOf(io.touchpoint.core.accounts.AccountColumn.ACCOUNT_ID)).isEqualTo("Id");
        assertThat(a.columnOf(io.touchpoint.core.accounts.AccountColumn.INDUSTRY)).isEqualTo("industry");
        assertThat(c.input().sourceName(CanonicalColumn.ACCOUNT_ID)).isEqualTo("company");
        assertThat(withFlags(Map.of("touchpoint.accounts.path", "a.parquet", "touchpoint.accounts.format", "parquet",
                "touchpoint.accounts.key", "visitor_id")).accounts().key()).isEqualTo(io.touchpoint.core.accounts.AccountKey.VISITOR_ID);
    }

    @Test
    void badAccountsSettingsStopTheJob() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.key", "domain")), "touchpoint.accounts.key", "domain",
                "Unknown accounts key", "Use one of: email_domain, user_id, visitor_id");
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.key", "account_id")), "touchpoint.accounts.key", "account_id",
                "Unknown accounts key");
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.format", "xlsx")), "touchpoint.accounts.format", "xlsx",
                "Unknown accounts format", "Use one of: csv, jsonl, parquet.");
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.columns.company", "Company")),
                "touchpoint.accounts.columns.company", "Company", "Unknown accounts column 'company'",
                "domain, user_id, visitor_id, account_id, account_name, industry, employees");
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.columns.account_id", " ")),
                "touchpoint.accounts.columns.account_id", "\"\"", "must not be empty");
        assertConfigError(() -> withFlags(Map.of("touchpoint.accounts.keys", "user_id")), "touchpoint.accounts.keys", "user_id",
                "Unknown config key", "touchpoint.accounts.key");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TouchpointConfig c = defaults();
        assertThat(c.input().path()).isEqualTo("sample-data/events.csv");
        assertThat(c.input().format()).isEqualTo(InputFormat.CSV);
        assertThat(c.input().columns()).isEmpty();
        assertThat(c.input().timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.input().csvDelimiter()).isEqualTo(',');
        assertThat(c.input().accessLog()).isEqualTo(new InputConfig.AccessLogOptions("", false, false, false));
        assertThat(c.input().encoding()).isEqualTo("UTF-8");
        assertThat(c.input().onUnreadableFile()).isEqualTo(InputConfig.OnUnreadableFile.QUARANTINE);
        assertThat(c.input().validTimes()).isEqualTo(new InputConfig.ValidTimes(java.time.LocalDate.of(2000, 1, 1), null));
        assertThat(c.input().maxRevenue()).isEqualTo(1e12);
        assertThat(c.outputPath()).isEqualTo("out");
        assertThat(c.sessions()).isEqualTo(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true));
        assertThat(c.channelRules()).isNotNull();
    }

    @Test
    void defaultsEqualReferenceConf() {
        Config ref = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf").resolve();
        TouchpointConfig c = defaults();
        assertThat(c.input().path()).isEqualTo(ref.getString("touchpoint.input.path"));
        assertThat(c.input().format().configName()).isEqualTo(ref.getString("touchpoint.input.format"));
        assertThat(c.input().timeZone().getId()).isEqualTo(ref.getString("touchpoint.input.time-zone"));
        assertThat(String.valueOf(c.input().csvDelimiter())).isEqualTo(ref.getString("touchpoint.input.csv.delimiter"));
        assertThat(c.input().accessLog().host()).isEqualTo(ref.getString("touchpoint.input.access-log.host"));
        assertThat(c.input().accessLog().keepStaticAssets())
                .isEqualTo(ref.getBoolean("touchpoint.input.access-log.keep-static-assets"));
        assertThat(c.input().accessLog().keepErrors()).isEqualTo(ref.getBoolean("touchpoint.input.access-log.keep-errors"));
        assertThat(c.input().accessLog().keepRedirects())
                .isEqualTo(ref.getBoolean("touchpoint.input.access-log.keep-redirects"));
        assertThat(c.input().encoding()).isEqualTo(ref.getString("touchpoint.input.encoding"));
        assertThat(c.input().onUnreadableFile().name().toLowerCase(java.util.Locale.ROOT))
                .isEqualTo(ref.getString("touchpoint.input.on-unreadable-file"));
        assertThat(c.input().validTimes().from().toString()).isEqualTo(ref.getString("touchpoint.input.valid-times.from"));
        assertThat(ref.getString("touchpoint.input.valid-times.to")).isEmpty();
        assertThat(c.input().maxRevenue()).isEqualTo(ref.getDouble("touchpoint.input.max-revenue"));
        assertThat(c.privacy()).isEqualTo(new io.touchpoint.core.privacy.PrivacyConfig(ref.getBoolean("touchpoint.privacy.pseudonymise"),
                ref.getString("touchpoint.privacy.key-file"), ref.getString("touchpoint.privacy.key-env"),
                ref.getBoolean("touchpoint.privacy.scrub-urls"), ref.getStringList("touchpoint.privacy.scrub-params"),
                ref.getInt("touchpoint.privacy.ip-mask"), ref.getBoolean("touchpoint.privacy.store-user-agent"),
                new io.touchpoint.core.privacy.PrivacyConfig.Consent(ref.getString("touchpoint.privacy.consent.column"),
                        ref.getStringList("touchpoint.privacy.consent.granted")), ref.getDuration("touchpoint.privacy.retention")));
        assertThat(c.aggregatesPath()).isEqualTo(ref.getString("touchpoint.output.aggregates-path"));
        assertThat(c.report().minPeople()).isEqualTo(ref.getInt("touchpoint.report.min-people"));
        assertThat(c.privacy()).isEqualTo(io.touchpoint.core.privacy.PrivacyConfig.DEFAULT);
        assertThat(c.outputPath()).isEqualTo(ref.getString("touchpoint.output.path"));
        assertThat(c.sessions().timeout()).isEqualTo(ref.getDuration("touchpoint.sessions.timeout"));
        assertThat(c.sessions().splitOnSourceChange()).isEqualTo(ref.getBoolean("touchpoint.sessions.split-on-source-change"));
        assertThat(c.sessions().splitAtMidnight()).isEqualTo(ref.getBoolean("touchpoint.sessions.split-at-midnight"));
        assertThat(c.sessions().internalHosts()).isEqualTo(ref.getStringList("touchpoint.sessions.internal-hosts"));
        assertThat(c.sessions().excludeBots()).isEqualTo(ref.getBoolean("touchpoint.sessions.exclude-bots"));
        assertThat(c.selfReported().column()).isEqualTo(ref.getString("touchpoint.self-reported.column"));
        assertThat(c.selfReported().useDefaultRules()).isEqualTo(ref.getBoolean("touchpoint.self-reported.use-default-rules"));
        assertThat(ref.getList("touchpoint.self-reported.rules")).isEmpty();
        assertThat(c.selfReported().rules().channels())
                .isEqualTo(io.touchpoint.core.selfreported.SelfReportedRules.defaults().channels());
        assertThat(c.attribution().milestones()).isEqualTo(new AttributionConfig.MilestoneStages(
                ref.getString("touchpoint.attribution.milestones.lead"),
                ref.getString("touchpoint.attribution.milestones.opportunity"),
                ref.getString("touchpoint.attribution.milestones.won")));
        assertThat(c.attribution().milestones()).isEqualTo(AttributionConfig.MilestoneStages.DEFAULT);
        assertThat(c.spend().path()).isEqualTo(ref.getString("touchpoint.spend.path"));
        assertThat(c.spend().format().configName()).isEqualTo(ref.getString("touchpoint.spend.format"));
        assertThat(ref.getObject("touchpoint.spend.columns")).isEmpty();
        assertThat(c.spend()).isEqualTo(io.touchpoint.core.spend.SpendConfig.NONE);
        assertThat(c.spend().enabled()).isFalse();
    }

    @Test
    void spendFileFormatAndColumnRenames() throws IOException {
        File f = file("""
                touchpoint.spend {
                  path = " spend/2026/*.jsonl "
                  format = json
                  columns { date = day, cost = "amount (net)" }
                }
                """);
        io.touchpoint.core.spend.SpendConfig spend = ConfigLoader.load(Optional.of(f), Map.of()).spend();
        assertThat(spend.enabled()).isTrue();
        assertThat(spend.path()).isEqualTo("spend/2026/*.jsonl");
        assertThat(spend.format()).isEqualTo(InputFormat.JSONL);
        assertThat(spend.sourceName(io.touchpoint.core.spend.SpendColumn.DATE)).isEqualTo("day");
        assertThat(spend.sourceName(io.touchpoint.core.spend.SpendColumn.COST)).isEqualTo("amount (net)");
        assertThat(spend.sourceName(io.touchpoint.core.spend.SpendColumn.CAMPAIGN)).isEqualTo("campaign");
        assertThat(withFlags(Map.of("touchpoint.spend.path", "s.parquet", "touchpoint.spend.format", "parquet")).spend().format())
                .isEqualTo(InputFormat.PARQUET);
    }

    @Test
    void milestoneStagesAreConfigurableAndMapStageTimesToRoles() throws IOException {
        File f = file("touchpoint.attribution.milestones { lead = \" MQL \", won = \"Closed Won\" }\n");
        AttributionConfig.MilestoneStages stages = ConfigLoader.load(Optional.of(f), Map.of()).attribution().milestones();
        assertThat(stages).isEqualTo(new AttributionConfig.MilestoneStages("MQL", "opportunity_created", "Closed Won"));
        // stage times by CRM stage name become journey milestones by role; other stages are dropped
        assertThat(stages.roleTimes(Map.of("MQL", 5L, "Closed Won", 9L, "SQL", 7L)))
                .isEqualTo(Map.of(io.touchpoint.core.attribution.Journey.LEAD, 5L,
                        io.touchpoint.core.attribution.Journey.WON, 9L));
        assertThat(AttributionConfig.MilestoneStages.DEFAULT.roleTimes(Map.of())).isEmpty();
    }

    @Test
    void badMilestoneStages() {
        String key = "touchpoint.attribution.milestones.";
        assertConfigError(() -> withFlags(Map.of(key + "opportunity", " ")), key + "opportunity", "\"\"",
                "Value must not be empty");
        assertConfigError(() -> withFlags(Map.of(key + "won", "lead_created")), key + "won", "lead_created",
                "The same CRM stage as " + key + "lead", "Name a different stage for each milestone");
        assertConfigError(() -> withFlags(Map.of(key + "lost", "closed_lost")), key + "lost", "closed_lost",
                "Unknown config key", "Did you mean '");
    }

    @Test
    void fileValuesOverrideDefaults() throws IOException {
        TouchpointConfig c = ConfigLoader.load(Optional.of(file("""
                touchpoint {
                  input {
                    path = "logs/"
                    format = combined
                    time-zone = " Europe/Berlin "
                    columns { visitor_id = "cid", event_time = ts }
                    csv.delimiter = "\\t"
                    access-log { host = " Shop.Example.COM ", keep-errors = true }
                  }
                  sessions {
                    timeout = 45m
                    split-at-midnight = true
                    internal-hosts = ["checkout.example.com", "*.example.org"]
                    exclude-bots = false
                  }
                }
                """)), Map.of());
        assertThat(c.input().path()).isEqualTo("logs/");
        assertThat(c.input().format()).isEqualTo(InputFormat.ACCESS_LOG);
        assertThat(c.input().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.input().columns()).isEqualTo(Map.of(CanonicalColumn.VISITOR_ID, "cid", CanonicalColumn.EVENT_TIME, "ts"));
        assertThat(c.input().sourceName(CanonicalColumn.VISITOR_ID)).isEqualTo("cid");
        assertThat(c.input().sourceName(CanonicalColumn.EVENT_NAME)).isEqualTo("event_name");
        assertThat(c.input().csvDelimiter()).isEqualTo('\t');
        assertThat(c.input().accessLog()).isEqualTo(new InputConfig.AccessLogOptions("shop.example.com", false, true, false));
        assertThat(c.sessions()).isEqualTo(new SessionConfig(Duration.ofMinutes(45), true, true,
                List.of("checkout.example.com", "*.example.org"), false));
        assertThat(c.outputPath()).isEqualTo("out");
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        File f = file("touchpoint.sessions.timeout = 45m\ntouchpoint.input.format = jsonl\ntouchpoint.output.path = file-out\n");
        TouchpointConfig c = ConfigLoader.load(Optional.of(f),
                Map.of("touchpoint.sessions.timeout", "10m", "touchpoint.input.path", "flag-in"));
        assertThat(c.sessions().timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.input().path()).isEqualTo("flag-in");
        assertThat(c.input().format()).isEqualTo(InputFormat.JSONL);  // from the file
        assertThat(c.outputPath()).isEqualTo("file-out");              // from the file
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "touchpoint.input.format         | ndjson  | JSONL",
        "touchpoint.input.format         | json    | JSONL",
        "touchpoint.input.format         | combined| ACCESS_LOG",
        "touchpoint.input.format         | PARQUET | PARQUET",
    })
    void formatAliasesViaFlags(String key, String value, InputFormat expected) {
        assertThat(withFlags(Map.of(key, value)).input().format()).isEqualTo(expected);
    }

    @Test
    void durationsInHoconSyntax() {
        assertThat(withFlags(Map.of("touchpoint.sessions.timeout", "90s")).sessions().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(withFlags(Map.of("touchpoint.sessions.timeout", "1h")).sessions().timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(withFlags(Map.of("touchpoint.sessions.timeout", "7d")).sessions().timeout()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void effectiveConfigIsJsonWithTheMergedValues() throws IOException {
        File f = file("touchpoint.output.path = from-file\n");
        TouchpointConfig c = ConfigLoader.load(Optional.of(f),
                Map.of("touchpoint.sessions.timeout", "10m", "touchpoint.input.format", "jsonl"));
        JsonNode root = new ObjectMapper().readTree(c.effective());
        JsonNode tp = root.get("touchpoint");
        assertThat(tp.at("/sessions/timeout").asText()).isEqualTo("10m");
        assertThat(tp.at("/input/format").asText()).isEqualTo("jsonl");
        assertThat(tp.at("/output/path").asText()).isEqualTo("from-file");
        assertThat(tp.at("/input/time-zone").asText()).isEqualTo("UTC");        // default kept
        assertThat(tp.at("/channels/rules").asText()).isEqualTo("default");
        assertThat(c.effective()).contains("\"10m\"");
    }

    // --- unknown keys -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "touchpoint.sessions.timout             | 30m   | touchpoint.sessions.timeout",
        "touchpoint.sessions.exclude-bot        | false | touchpoint.sessions.exclude-bots",
        "touchpoint.input.timezone              | UTC   | touchpoint.input.time-zone",
        "touchpoint.input.csv.delimeter         | ;     | touchpoint.input.csv.delimiter",
        "touchpoint.input.access-log.keep-error | true  | touchpoint.input.access-log.keep-errors",
        "touchpoint.output.paht                 | out   | touchpoint.output.path",
        "touchpont.sessions.timeout             | 30m   | touchpoint.sessions.timeout",
        "touchpoint.session.timeout             | 30m   | touchpoint.sessions.timeout",
    })
    void unknownKeyNamesTheKeyAndSuggestsTheClosest(String key, String value, String suggestion) {
        assertConfigError(() -> withFlags(Map.of(key, value)), key, value,
                "Unknown config key", "Did you mean '" + suggestion + "'?");
    }

    @Test
    void unknownKeyInTheFileToo() throws IOException {
        File f = file("touchpoint { sessions { timout = 20m } }\n");
        assertConfigError(() -> ConfigLoader.load(Optional.of(f), Map.of()), "touchpoint.sessions.timout", "20m",
                "Unknown config key", "Did you mean 'touchpoint.sessions.timeout'?");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        assertConfigError(() -> withFlags(Map.of("foo", "bar")), "foo", "bar", "Unknown config key", "Did you mean '");
        File f = file("tuochpoint { output { path = x } }\n");
        assertConfigError(() -> ConfigLoader.load(Optional.of(f), Map.of()), "tuochpoint.output.path", "x",
                "Did you mean 'touchpoint.output.path'?");
    }

    @Test
    void objectWhereAValueBelongsIsAnUnknownKey() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.sessions.timeout.minutes", 30)),
                "touchpoint.sessions.timeout.minutes", "30", "Unknown config key");
    }

    @Test
    void aConsentColumnNeedsAGrantingValueAndIsReadAsAnInputColumn() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.privacy.consent.column", "consent",
                "touchpoint.privacy.consent.granted", java.util.List.of())), "touchpoint.privacy.consent.granted", "[]",
                "No value means consent was granted", "granted, yes, 1");
        TouchpointConfig c = withFlags(Map.of("touchpoint.privacy.consent.column", "analytics_consent"));
        assertThat(c.input().columns()).containsEntry(CanonicalColumn.CONSENT, "analytics_consent");
        assertThat(c.privacy().consent().grants(" Granted ")).isTrue();
        assertThat(c.privacy().consent().grants("denied")).isFalse();
        assertThat(c.privacy().consent().grants(null)).isFalse();
        assertThat(withFlags(Map.of()).privacy().consent().enabled()).isFalse();
    }

    // --- bad values ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "touchpoint.sessions.timeout                   | thirty minutes | Bad value                 | 30m",
        "touchpoint.sessions.timeout                   | 30 parsecs     | Bad value                 | 30m",
        "touchpoint.sessions.timeout                   | 0m             | Duration must be positive | above zero",
        "touchpoint.sessions.timeout                   | 0              | Duration must be positive | above zero",
        "touchpoint.sessions.timeout                   | -5m            | Duration must be positive | above zero",
        "touchpoint.input.time-zone                    | Mars/Olympus   | Unknown time zone         | Europe/Berlin",
        "touchpoint.input.time-zone                    | CEST           | Unknown time zone         | Europe/Berlin",
        "touchpoint.input.format                       | xml            | Unknown input format      | csv, jsonl, parquet, access-log",
        "touchpoint.sessions.exclude-bots              | maybe          | Bad value                 | true or false",
        "touchpoint.sessions.split-at-midnight         | sometimes      | Bad value                 | true or false",
        "touchpoint.input.access-log.keep-errors       | 2              | Bad value                 | true or false",
        "touchpoint.input.csv.delimiter                | ;;             | CSV delimiter must be one character | \\t",
        "touchpoint.input.csv.delimiter                | '\"'           | CSV delimiter must be one character | \\t",
        "touchpoint.input.columns.visitor              | cid            | Unknown canonical column 'visitor' | visitor_id",
        "touchpoint.input.columns.visitorId            | cid            | Unknown canonical column 'visitorId' | visitor_id",
        "touchpoint.input.encoding                     | klingon-8      | Unknown character encoding | ISO-8859-1",
        "touchpoint.input.on-unreadable-file           | skip           | Unknown choice            | quarantine (the default) or fail",
        "touchpoint.input.valid-times.from             | 2000-13-01     | Not a date                | YYYY-MM-DD",
        "touchpoint.input.valid-times.to               | 1999-01-01     | before their start        | one day after the run",
        "touchpoint.input.max-revenue                  | 0              | above 0 and at most 1e15  | 1e12",
        "touchpoint.input.max-revenue                  | 1e16           | above 0 and at most 1e15  | 1e12",
        "touchpoint.input.max-revenue                  | lots           | Bad value                 | 1e12",
        "touchpoint.privacy.pseudonymise               | perhaps        | Bad value                 | true or false",
        "touchpoint.privacy.ip-mask                    | 5              | Value out of range        | 0 to 4",
        "touchpoint.privacy.ip-mask                    | two            | Bad value                 | whole number",
        "touchpoint.privacy.retention                  | 25m            | shorter than a day        | 760d",
        "touchpoint.privacy.retention                  | -5d            | must not be negative      | 760d",
        "touchpoint.privacy.retention                  | forever        | Bad value                 | 760d",
        "touchpoint.privacy.store-user-agent           | maybe          | Bad value                 | true or false",
        "touchpoint.report.min-people                  | -1             | Value out of range        | 0 to",
        "touchpoint.spend.format                       | xlsx           | Unknown input format      | csv, jsonl, parquet",
        "touchpoint.spend.format                       | access-log     | not an access log         | csv (with a header row), json (JSON Lines) or parquet",
        "touchpoint.spend.columns.day                  | Tag            | Unknown spend column 'day' | date, channel, campaign, cost, currency",
    })
    void badValueIsAConfigErrorNamingKeyAndValue(String key, String value, String problem, String fixHint) {
        assertConfigError(() -> withFlags(Map.of(key, value)), key, value, problem, fixHint);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "touchpoint.sessions.timeout = thirty minutes        | touchpoint.sessions.timeout      | thirty minutes",
        "touchpoint.sessions.timeout = -1h                   | touchpoint.sessions.timeout      | -1h",
        "touchpoint.sessions.exclude-bots = \"maybe\"        | touchpoint.sessions.exclude-bots | maybe",
        "touchpoint.sessions.internal-hosts = \"a.com\"      | touchpoint.sessions.internal-hosts | a.com",
        "touchpoint.input.time-zone = \"Europe/Berlinn\"     | touchpoint.input.time-zone       | Europe/Berlinn",
        "touchpoint.input.columns { visitorid = cid }        | touchpoint.input.columns.visitorid | cid",
        "touchpoint.input.csv.delimiter = \"\"               | touchpoint.input.csv.delimiter   | ''",
        "touchpoint.spend { colums { cost = amount } }       | touchpoint.spend.colums.cost     | amount",
        "touchpoint.spend.columns { costs = amount }         | touchpoint.spend.columns.costs   | amount",
    })
    void badValuesInTheFile(String hocon, String key, String value) throws IOException {
        File f = file(hocon + "\n");
        assertConfigError(() -> ConfigLoader.load(Optional.of(f), Map.of()), key, value);
    }

    @Test
    void wrongTypeForABooleanNamesTheExpectedType() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.sessions.exclude-bots", List.of("x"))),
                "touchpoint.sessions.exclude-bots", "[x]", "Bad value", "Use true or false.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"touchpoint.input.path", "touchpoint.output.path", "touchpoint.input.columns.visitor_id", "touchpoint.spend.columns.cost"})
    void emptyStringsAreRefused(String key) {
        assertConfigError(() -> withFlags(Map.of(key, "  ")), key, "\"\"", "Value must not be empty");
    }

    // --- the file itself ----------------------------------------------------------------------

    @Test
    void missingConfigFile() {
        File missing = dir.resolve("nope.conf").toFile();
        assertConfigError(() -> ConfigLoader.load(Optional.of(missing), Map.of()), "--config", missing.getPath(),
                "Config file not found");
    }

    @Test
    void aFolderIsNotAConfigFile() {
        assertConfigError(() -> ConfigLoader.load(Optional.of(dir.toFile()), Map.of()), "--config", dir.toString(),
                "Config file not found");
    }

    @Test
    void invalidHoconSyntaxNamesTheFile() throws IOException {
        File f = file("touchpoint {\n  sessions {\n    timeout = 30m\n");  // unclosed braces
        assertConfigError(() -> ConfigLoader.load(Optional.of(f), Map.of()), "--config", f.getPath(),
                "Config file is not valid HOCON", "Fix the syntax");
    }

    @Test
    void unresolvableSubstitutionIsAConfigError() throws IOException {
        File f = file("touchpoint.output.path = ${does.not.exist}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
                    assertThat(e.getMessage()).contains("Config cannot be resolved").contains("does.not.exist");
                });
    }

    @Test
    void substitutionsResolveAgainstTheMergedConfig() throws IOException {
        File f = file("touchpoint.output.path = ${touchpoint.input.path}\"-out\"\n");
        assertThat(ConfigLoader.load(Optional.of(f), Map.of()).outputPath()).isEqualTo("sample-data/events.csv-out");
    }

    @Test
    void emptyUnknownSectionIsAnUnknownKey() throws IOException {
        File f = file("touchpoint.sessions.extra {}\n");
        assertConfigError(() -> ConfigLoader.load(Optional.of(f), Map.of()), "touchpoint.sessions.extra", "{}",
                "Unknown config key");
    }

    @Test
    void accessLogHostMustBeABareHost() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.input.access-log.host", "https://shop.example.com/")),
                "touchpoint.input.access-log.host", "https://shop.example.com/", "Not a host name");
        assertThat(withFlags(Map.of("touchpoint.input.access-log.host", "Shop.Example.com:8080")).input().accessLog().host())
                .isEqualTo("shop.example.com:8080");
    }

    @Test
    void configFromTheClassPathWithFlagsOnTop() {
        TouchpointConfig c = ConfigLoader.loadResource("classpath-touchpoint.conf", Map.of("touchpoint.range.to", "2026-09-03"));
        assertThat(c.sessions().timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(c.range()).isEqualTo(new DateRange(java.time.LocalDate.parse("2026-09-01"),
                java.time.LocalDate.parse("2026-09-03")));
        assertConfigError(() -> ConfigLoader.loadResource("nope.conf", Map.of()), "--config", "classpath:nope.conf",
                "not found on the class path");
    }

    @Test
    void rangeNeedsBothEndsInOrder() {
        assertConfigError(() -> withFlags(Map.of("touchpoint.range.from", "2026-09-02")), "touchpoint.range.to", "\"\"",
                "A range needs both ends");
        assertConfigError(() -> withFlags(Map.of("touchpoint.range.from", "2026-09-02", "touchpoint.range.to", "2026-09-01")),
                "touchpoint.range.to", "2026-09-01", "ends before it starts");
        assertConfigError(() -> withFlags(Map.of("touchpoint.range.from", "1 Sept", "touchpoint.range.to", "2026-09-01")),
                "touchpoint.range.from", "1 Sept", "Not a date");
        assertThat(withFlags(Map.of()).range().isAll()).isTrue();
    }
}
