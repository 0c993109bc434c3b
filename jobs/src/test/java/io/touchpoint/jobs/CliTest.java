package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.touchpoint.report.BrowserCheck;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, the sample run and sql. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest {
    private static final String SAMPLE = "../sample-data/events.csv";

    @TempDir
    static Path dir;


    @AfterAll
    static void stopSpark() {
        CliRun.stopSpark();
    }

    @Test
    @Order(1)
    void badConfigExitsWithTwoBeforeAnySparkWork() {
        CliRun.Outcome o = CliRun.cli("run", "--master", "local[2]", "--set", "touchpoint.sessions.timeout=thirty minutes");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("touchpoint.sessions.timeout", "thirty minutes", "30m");
        CliRun.Outcome typo = CliRun.cli("run", "--master", "local[2]", "--set", "touchpoint.sesions.timeout=30m");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown config key", "touchpoint.sesions.timeout", "touchpoint.sessions.timeout");
        CliRun.Outcome list = CliRun.cli("run", "--master", "local[2]", "--set", "touchpoint.attribution.models=[first, nope]");
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("touchpoint.attribution.models[1]", "nope");
        CliRun.Outcome format = CliRun.cli("run", "--master", "local[2]", "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("touchpoint.input.format", "xml", "csv, jsonl, parquet, access-log");
        assertThat(SparkSession.getActiveSession().isEmpty()).as("no Spark session was started").isTrue();
    }

    @Test
    @Order(2)
    void helpListsTheCommands() {
        CliRun.Outcome o = CliRun.cli("--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("run", "sessionise", "sql", "models", "generate");
        assertThat(CliRun.cli("sql", "--help").out()).contains("--format", "QUERY");
        CliRun.Outcome models = CliRun.cli("models");
        assertThat(models.code()).isZero();
        assertThat(models.out()).contains("position_based(first=0.4,last=0.4)", "time_decay(half_life=7d)", "half_life");
    }

    @Test
    @Order(3)
    void missingInputExitsWithThree() {
        CliRun.Outcome o = CliRun.cli("run", "--master", "local[2]", "--input", dir.resolve("nowhere.csv").toString(),
                "--output", dir.resolve("o").toString());
        assertThat(o.code()).isEqualTo(3);
        assertThat(o.err()).contains("Input path does not exist", "nowhere.csv");
    }

    @Test
    @Order(3)
    void aMissingOrUnusableCrmExportStopsTheRunBeforeAnyEventIsRead() throws Exception {
        String goals = "touchpoint.conversions.goals=[{name=won,crm-stage=closed_won}]";
        CliRun.Outcome missing = CliRun.cli("run", "--master", "local[2]", "--input", SAMPLE, "--output", dir.resolve("c1").toString(),
                "--set", "touchpoint.crm.path=" + dir.resolve("no-crm.csv"), "--set", goals);
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("Input path does not exist", "no-crm.csv", "touchpoint.crm.path").doesNotContain("\tat ");
        java.nio.file.Path crm = java.nio.file.Files.writeString(dir.resolve("crm.csv"), "CreatedDate,StageName,Email\n2026-01-01,won,a@b.c\n");
        CliRun.Outcome columns = CliRun.cli("run", "--master", "local[2]", "--input", SAMPLE, "--output", dir.resolve("c2").toString(),
                "--set", "touchpoint.crm.path=" + crm, "--set", goals);
        assertThat(columns.code()).isEqualTo(3);
        assertThat(columns.err()).contains("The CRM export has no event_time column", "CreatedDate, StageName, Email",
                "touchpoint.crm.columns").doesNotContain("\tat ");
        assertThat(dir.resolve("c2").resolve("events")).doesNotExist();
        CliRun.Outcome noCrm = CliRun.cli("run", "--master", "local[2]", "--input", SAMPLE, "--output", dir.resolve("c3").toString(),
                "--set", goals);
        assertThat(noCrm.code()).isEqualTo(2);
        assertThat(noCrm.err()).contains("there is no CRM input", "touchpoint.crm.path");
    }

    @Test
    @Order(3)
    void aMissingAccountsFileStopsTheRunWithThreeAndNoStackTrace() {
        CliRun.Outcome missing = CliRun.cli("run", "--master", "local[2]", "--input", SAMPLE, "--output", dir.resolve("a1").toString(),
                "--set", "touchpoint.accounts.path=" + dir.resolve("no-accounts.csv"));
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("Input path does not exist", "no-accounts.csv", "touchpoint.accounts.path")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("a1").resolve("events")).doesNotExist();
        CliRun.Outcome key = CliRun.cli("run", "--master", "local[2]", "--input", SAMPLE, "--output", dir.resolve("a2").toString(),
                "--set", "touchpoint.accounts.key=domain");
        assertThat(key.code()).isEqualTo(2);
        assertThat(key.err()).contains("Unknown accounts key", "touchpoint.accounts.key = domain", "email_domain");
    }

    @Test
    @Order(4)
    void runOnTheSampleThenQueryWithSql() {
        String output = dir.resolve("out").toString();
        CliRun.Outcome run = CliRun.cli("run", "--master", "local[2]", "--config", "../touchpoint.conf", "--input", SAMPLE,
                "--output", output);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Rows read", "13,738", "Sessions", "4,411", "Channels", "events",
                "sessions", "quarantine", "Manifest:");
        assertThat(run.out()).contains("(read = accepted + quarantined + duplicates + skipped: yes)");
        assertThat(run.out()).contains("[passes]", "[commit]", "Model comparison, goal purchase: 121 conversions",
                "attribution_credit", "model_comparison", "last_non_direct", "time_decay");
        assertThat(run.out()).contains("Funnel checkout", "Funnel session_checkout", "funnel_steps",
                "config ../touchpoint.conf", "Report: ");
        checkReportInChromium(Path.of(output, "report.html"));
        assertThat(Path.of(output, "_manifests", "latest.json")).exists();

        CliRun.Outcome csv = CliRun.cli("sql", "--master", "local[2]", "--output", output, "--format", "csv",
                "SELECT count(*) AS n FROM sessions");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines()).containsExactly("n", "4411");

        CliRun.Outcome table = CliRun.cli("sql", "--master", "local[2]", "--output", output,
                "SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY reason");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("|reason", "unparseable_time  |4");

        CliRun.Outcome bad = CliRun.cli("sql", "--master", "local[2]", "--output", output, "SELECT nope FROM sessions");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not valid Spark SQL", "attribution_credit, attribution_summary, conversion_paths, conversions,"
                + " events, funnel_progress, funnel_steps, funnel_trends, journeys, model_comparison, quarantine, sessions");
    }

    /** The sample run's report in real headless Chromium: no console error, every section, no empty chart. */
    private static void checkReportInChromium(Path report) {
        try (BrowserCheck browser = BrowserCheck.launch()) {
            browser.open(report);
            BrowserCheck.Result r = browser.inspect(Path.of("target", "sample-report.png"));
            assertThat(r.errors()).as("console errors").isEmpty();
            assertThat(r.sections()).contains("headline", "models", "journeys", "funnels", "quality");
            assertThat(r.emptyCharts()).as("charts without data").isEmpty();
            assertThat(browser.undrawnCharts()).as("charts with data but nothing drawn").isEmpty();
            assertThat(r.charts()).containsKeys("chart-models", "chart-funnel-0", "chart-funnel-1", "chart-funnel-2");
            assertThat(browser.evaluate("document.querySelector('[data-kpi=revenue] .tp-kpi-value').textContent").asText())
                    .isEqualTo("$8,529.27");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(5)
    void aRunWithoutConversionsEndsWellAndSqlReadsEveryTable() throws Exception {
        Path in = dir.resolve("no-goal.log");
        Files.writeString(in, "203.0.113.9 - - [01/Sep/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 \"-\""
                + " \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36\"\n");
        String output = dir.resolve("empty").toString();
        CliRun.Outcome run = CliRun.cli("run", "--master", "local[2]", "--format", "access-log", "--input", in.toString(), "--output", output);
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("No conversions", "Report: ");
        CliRun.Outcome sql = CliRun.cli("sql", "--master", "local[2]", "--output", output, "--format", "csv",
                "SELECT (SELECT count(*) FROM conversions) AS c, (SELECT count(*) FROM attribution_summary) AS s,"
                        + " (SELECT count(*) FROM model_comparison) AS m, (SELECT count(*) FROM sessions) AS n");
        assertThat(sql.code()).as(sql.err()).isZero();
        assertThat(sql.out().lines()).containsExactly("c,s,m,n", "0,0,0,1");
    }

    @Test
    @Order(6)
    void aSecondRunOnAnOutputInUseExitsWithFour() throws Exception {
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("_lock"), "{\"run_id\":\"20261207T100000Z-0001\",\"host\":\""
                + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"started_at\":\"" + ProcessHandle.current().info().startInstant().orElseThrow().plusSeconds(1) + "\"}");
        CliRun.Outcome o = CliRun.cli("run", "--master", "local[2]", "--config", "../touchpoint.conf", "--input", SAMPLE, "--output", out.toString());
        assertThat(o.code()).isEqualTo(4);
        assertThat(o.err()).contains("Another run is writing", "20261207T100000Z-0001", "process " + ProcessHandle.current().pid())
                .doesNotContain("Exception");
        assertThat(out.resolve("sessions")).doesNotExist();
    }

    @Test
    @Order(7)
    void generateWritesASeededLog() throws Exception {
        Path f = dir.resolve("gen.csv");
        CliRun.Outcome o = CliRun.cli("generate", "-o", f.toString(), "--visitors", "50", "--days", "3");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readAllLines(f).get(0)).startsWith("event_id,event_time,visitor_id");
        Path again = dir.resolve("gen2.csv");
        CliRun.cli("generate", "-o", again.toString(), "--visitors", "50", "--days", "3");
        assertThat(Files.mismatch(f, again)).isEqualTo(-1L);
        assertThat(CliRun.cli("generate", "-o", f.toString(), "--visitors", "0").code()).isEqualTo(2);
    }
    @Test
    @Order(8)
    void eraseAndRetentionArgumentErrorsExitWithTwo() throws Exception {
        CliRun.Outcome none = CliRun.cli("erase");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--user-id", "--visitor-id", "--person-id");
        CliRun.Outcome two = CliRun.cli("erase", "--user-id", "u00680", "--visitor-id", "fc0d4411feefa50d");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("--user-id", "--visitor-id");

        Path empty = Files.createDirectories(dir.resolve("no-tables"));
        CliRun.Outcome noTables = CliRun.cli("erase", "--master", "local[2]", "--user-id", "x", "--output", empty.toString());
        assertThat(noTables.code()).as(noTables.err()).isEqualTo(2);
        assertThat(noTables.err()).startsWith("touchpoint: ").contains(empty.toString(), "touchpoint.output.path")
                .doesNotContain("Exception", "\tat ");
        assertThat(noTables.err().strip().lines()).hasSize(1);
        try (var files = Files.list(empty)) {
            assertThat(files.toList()).as("nothing written into a folder without tables").isEmpty();
        }

        CliRun.Outcome noKeep = CliRun.cli("retention", "--master", "local[2]", "--output", empty.toString());
        assertThat(noKeep.code()).isEqualTo(2);
        assertThat(noKeep.err()).startsWith("touchpoint: ").contains("touchpoint.privacy.retention", "--keep")
                .doesNotContain("Exception");
        CliRun.Outcome minutes = CliRun.cli("retention", "--master", "local[2]", "--output", empty.toString(), "--keep", "25m");
        assertThat(minutes.code()).isEqualTo(2);
        assertThat(minutes.err()).startsWith("touchpoint: ").contains("touchpoint.privacy.retention", "25m", "minutes", "days")
                .doesNotContain("Exception");
    }

    private static final String PERSON_ROWS = "SELECT (SELECT count(*) FROM events WHERE person_id = 'u00680' OR user_id = 'u00680') AS e,"
            + " (SELECT count(*) FROM sessions WHERE person_id = 'u00680') AS s,"
            + " (SELECT count(*) FROM conversions WHERE person_id = 'u00680') AS c,"
            + " (SELECT count(*) FROM attribution_credit WHERE person_id = 'u00680') AS a,"
            + " (SELECT count(*) FROM funnel_progress WHERE unit_id = 'u00680') AS f";

    @Test
    @Order(9)
    void eraseRemovesAPersonFromTheSampleRun() throws Exception {
        Path output = dir.resolve("out");
        if (!Files.exists(output.resolve("_manifests/latest.json"))) { // run alone: make the sample output first
            CliRun.Outcome run = CliRun.cli("run", "--master", "local[2]", "--config", "../touchpoint.conf", "--input", SAMPLE,
                    "--output", output.toString());
            assertThat(run.code()).as(run.err()).isZero();
        }
        CliRun.Outcome before = CliRun.cli("sql", "--master", "local[2]", "--output", output.toString(), "--format", "csv", PERSON_ROWS);
        assertThat(before.code()).as(before.err()).isZero();
        String[] counts = before.out().lines().toList().get(1).split(",");
        assertThat(Long.parseLong(counts[0])).as("events of u00680 before the erasure").isPositive();
        assertThat(Long.parseLong(counts[1])).as("sessions of u00680 before the erasure").isPositive();

        CliRun.Outcome erase = CliRun.cli("erase", "--master", "local[2]", "--config", "../touchpoint.conf", "--output", output.toString(),
                "--user-id", "u00680");
        assertThat(erase.code()).as(erase.err() + erase.out()).isZero();
        assertThat(erase.out()).contains("Erased 1 person", "Audit record:", "Report: "); // the sample run's report is rewritten
        assertThat(erase.err()).doesNotContain("Exception");

        CliRun.Outcome after = CliRun.cli("sql", "--master", "local[2]", "--output", output.toString(), "--format", "csv", PERSON_ROWS);
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out().lines()).containsExactly("e,s,c,a,f", "0,0,0,0,0");

        Path audit = output.resolve("_audit/erasures");
        try (var files = Files.list(audit)) { // without Hadoop's hidden .crc files
            List<Path> records = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getFileName().toString()).endsWith(".json");
            assertThat(Files.readString(records.get(0))).contains("\"status\" : \"succeeded\"").doesNotContain("u00680");
        }
        try (var files = Files.list(output.resolve("_audit/erasure-list"))) {
            List<Path> lists = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertThat(lists).hasSize(1);
            assertThat(Files.readString(lists.get(0))).doesNotContain("u00680");
        }
        assertThat(output.resolve("_staging")).doesNotExist();
        assertThat(output.resolve("_lock")).doesNotExist();
    }

    @Test
    @Order(10)
    void helpListsEraseAndRetention() {
        CliRun.Outcome help = CliRun.cli("help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("erase", "retention");
        assertThat(CliRun.cli("--help").out()).contains("erase", "retention");
        assertThat(CliRun.cli("erase", "--help").out()).contains("--user-id", "--visitor-id", "--person-id");
        assertThat(CliRun.cli("retention", "--help").out()).contains("--keep");
    }
}
