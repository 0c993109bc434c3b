package io.touchpoint.core.ingest;

import static io.touchpoint.core.ingest.CanonicalColumn.ACCOUNT_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_NAME;
import static io.touchpoint.core.ingest.CanonicalColumn.EVENT_TIME;
import static io.touchpoint.core.ingest.CanonicalColumn.USER_ID;
import static io.touchpoint.core.ingest.CanonicalColumn.VISITOR_ID;
import static io.touchpoint.core.ingest.TestInputs.record;
import static io.touchpoint.core.ingest.TestInputs.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.accounts.AccountKey;
import io.touchpoint.core.accounts.AccountMapping;
import io.touchpoint.core.privacy.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The account an accepted event claims: its own account_id column, else the accounts file's of its raw ids. */
class EventNormalizerAccountsTest {
    private static final EventNormalizer.Limits LIMITS = EventNormalizer.Limits.of(TestInputs.csv(),
            Instant.parse("2026-12-07T12:00:00Z"));
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.ofSecret("a test key of 32 bytes, not secret".getBytes(StandardCharsets.UTF_8));

    private static AccountMapping acme() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.EMAIL_DOMAIN);
        b.add("acme.example", "acct_acme", "Acme", null, null);
        return b.build();
    }

    private static EventNormalizer normalizer(Pseudonyms pseudonyms) {
        return new EventNormalizer(ZoneId.of("UTC"), sessions(true), LIMITS, pseudonyms, null).withAccounts(acme());
    }

    private static Event event(EventNormalizer n, String user, String account) {
        return n.normalize(record(EVENT_TIME, "2026-09-01T10:00:00Z", VISITOR_ID, "v1", EVENT_NAME, "page_view", USER_ID, user,
                ACCOUNT_ID, account)).event();
    }

    @Test
    void theAccountsFileNamesTheAccountOfTheUserIdsDomain() {
        EventNormalizer n = normalizer(null);
        assertThat(event(n, "Dana.Lee@Acme.example", null).accountId()).isEqualTo("acct_acme");
        assertThat(event(n, "maria@gmail.com", null).accountId()).isNull();
        assertThat(event(n, null, null).accountId()).isNull();
    }

    @Test
    void theEventsOwnAccountWinsOverTheFile() {
        EventNormalizer n = normalizer(null);
        assertThat(event(n, "dana.lee@acme.example", " crm-0042 ").accountId()).isEqualTo("crm-0042");
        assertThat(event(n, null, "crm-0042").accountId()).as("an anonymous event's own claim").isEqualTo("crm-0042");
        assertThat(event(n, "dana.lee@acme.example", "  ").accountId()).as("a blank value is none").isEqualTo("acct_acme");
    }

    @Test
    void withoutAFileOnlyTheEventsColumnNamesAnAccount() {
        EventNormalizer n = new EventNormalizer(ZoneId.of("UTC"), sessions(true), LIMITS);
        assertThat(event(n, "dana.lee@acme.example", null).accountId()).isNull();
        assertThat(event(n, "dana.lee@acme.example", "crm-0042").accountId()).isEqualTo("crm-0042");
    }

    @Test
    void pseudonymisedIdsStillFindTheAccountOfTheRawEmail() {
        EventNormalizer n = normalizer(PSEUDONYMS);
        Event e = event(n, "dana.lee@acme.example", null);
        assertThat(e.userId()).isEqualTo(PSEUDONYMS.apply("dana.lee@acme.example")).doesNotContain("acme");
        assertThat(e.visitorId()).isEqualTo(PSEUDONYMS.apply("v1"));
        assertThat(e.accountId()).as("a company id: never pseudonymised").isEqualTo("acct_acme");
    }

    @Test
    void theAccountsSurviveTheCopyThatMasksClientAddresses() {
        EventNormalizer n = normalizer(null).withClientIps(new io.touchpoint.core.privacy.ClientIps(2, null), false);
        assertThat(event(n, "dana.lee@acme.example", null).accountId()).isEqualTo("acct_acme");
    }
}
