package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code touchpoint generate --b2b}: the four files, seeded, and its option errors. */
class GenerateB2bCliTest {
    @TempDir
    Path dir;


    @Test
    void writesTheFourFilesSeeded() throws Exception {
        Path b2b = dir.resolve("b2b");
        CliRun.Outcome o = CliRun.cli("generate", "--b2b", "-o", b2b.toString(), "--accounts", "15", "--seed", "3");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("events.csv", "crm.csv", "accounts.csv", "spend.csv", "unmatched on purpose");
        assertThat(Files.readAllLines(b2b.resolve("events.csv")).get(0)).startsWith("event_id,event_time,visitor_id,user_id");
        assertThat(Files.readAllLines(b2b.resolve("crm.csv")).get(0)).startsWith("event_time,stage,value,");
        assertThat(Files.readAllLines(b2b.resolve("accounts.csv"))).hasSize(16).first().asString().startsWith("domain,account_id");
        assertThat(Files.readAllLines(b2b.resolve("spend.csv")).get(0)).isEqualTo("date,channel,source,campaign,cost,currency");

        Path again = dir.resolve("again");
        assertThat(CliRun.cli("generate", "--b2b", "-o", again.toString(), "--accounts", "15", "--seed", "3").code()).isZero();
        for (String f : new String[] {"events.csv", "crm.csv", "accounts.csv", "spend.csv"}) {
            assertThat(Files.mismatch(b2b.resolve(f), again.resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void optionErrorsExitWithTwo() throws Exception {
        assertThat(CliRun.cli("generate", "--b2b", "-o", dir.resolve("x").toString(), "--accounts", "0").code()).isEqualTo(2);
        assertThat(CliRun.cli("generate", "--b2b", "-o", dir.resolve("x").toString(), "--days", "30").code()).isEqualTo(2);
        CliRun.Outcome visitors = CliRun.cli("generate", "--b2b", "-o", dir.resolve("x").toString(), "--visitors", "10");
        assertThat(visitors.code()).isEqualTo(2);
        assertThat(visitors.err()).contains("--accounts");
        CliRun.Outcome accounts = CliRun.cli("generate", "-o", dir.resolve("y.csv").toString(), "--accounts", "10");
        assertThat(accounts.code()).isEqualTo(2);
        assertThat(accounts.err()).contains("--b2b");
        Path file = Files.writeString(dir.resolve("file.csv"), "x");
        assertThat(CliRun.cli("generate", "--b2b", "-o", file.toString()).code()).isEqualTo(2);
        assertThat(CliRun.cli("generate", "--help").out()).contains("--b2b", "--accounts");
    }

    @Test
    void theB2bConfigHoldsOnlyKeysTodaysEngineAccepts() throws Exception {
        TouchpointConfig c = ConfigLoader.load(Optional.of(new File("../touchpoint-b2b.conf")), Map.of());
        assertThat(c.effective()).contains("sample-data/b2b/events.csv", "form_submit");
        assertThat(new File("../sample-data/b2b/events.csv")).exists();
        assertThat(c.spend().path()).isEqualTo("sample-data/b2b/spend.csv");
        assertThat(new File("../" + c.spend().path())).exists();
        assertThat(c.accounts().path()).isEqualTo("sample-data/b2b/accounts.csv");
        assertThat(c.accounts().key()).isEqualTo(io.touchpoint.core.accounts.AccountKey.EMAIL_DOMAIN);
        assertThat(new File("..", c.accounts().path())).exists();
    }
}
