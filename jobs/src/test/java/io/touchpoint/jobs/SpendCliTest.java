package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code touchpoint run} with the B2B sample's spend (touchpoint-b2b.conf): a spend file in another
 * currency than the report's stops the run (exit 2) with one message and nothing written; in the
 * report's currency the run ends well and prints each goal's cost and each channel's.
 */
class SpendCliTest {
    private static final String CONFIG = "../touchpoint-b2b.conf";

    @TempDir
    static Path dir;

    @AfterAll
    static void stopSpark() {
        CliRun.stopSpark();
    }

    static CliRun.Outcome run(Path output, String... more) {
        String[] args = {"run", "--master", "local[2]", "--config", CONFIG, "--input", "../sample-data/b2b/events.csv",
            "--set", "touchpoint.spend.path=../sample-data/b2b/spend.csv", "--set", "touchpoint.crm.path=../sample-data/b2b/crm.csv",
            "--set", "touchpoint.accounts.path=../sample-data/b2b/accounts.csv",
            "--set", "touchpoint.report.enabled=false",
            "--output", output.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.cli(all);
    }

    @Test
    void aCurrencyMismatchExitsWithTwoAndWritesNothing() {
        Path out = dir.resolve("eur");
        CliRun.Outcome o = run(out, "--set", "touchpoint.report.currency=EUR");
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("The spend file's costs are in USD (../sample-data/b2b/spend.csv row 1)",
                "the report's currency is EUR", "touchpoint.report.currency = EUR",
                "Set touchpoint.report.currency = USD", "convert the spend file's costs to EUR");
        assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.err().lines().filter(l -> !l.isBlank()).count()).as(o.err()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void theSampleRunPrintsItsSpend() {
        CliRun.Outcome o = run(dir.resolve("usd"));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("Model comparison, goal demo_request: 209 conversions, revenue 0.00, cost 73,160.86 USD",
                "Model comparison, goal signup: 83 conversions, revenue 0.00, cost 73,160.86 USD");
        assertThat(o.out()).containsPattern("Display +7,447\\.03 +0\\.0 ");
    }
}
