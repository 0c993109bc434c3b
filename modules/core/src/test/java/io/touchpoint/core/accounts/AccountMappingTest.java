package io.touchpoint.core.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The account of an event's raw ids under each key, free mail, and what the file's rows become. */
class AccountMappingTest {
    /** A file keyed by domain, as the B2B sample's accounts.csv (domain, account_id, account_name, industry, employees). */
    private static AccountMapping domains() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.EMAIL_DOMAIN);
        b.add("acme-robotics.example", "acct_0001", "Acme Robotics", "Manufacturing", "2400");
        b.add(" Polar-Capital.EXAMPLE ", "acct_0002", "Polar Capital", "Financial Services", "60");
        b.add("@acme.example", "acct_0001", "Acme (second domain)", "Other", "1");
        return b.build();
    }

    @Test
    void emailDomainKeyLooksUpTheUserIdsDomainInAnyCase() {
        AccountMapping m = domains();
        assertThat(m.accountIdOf("dana.lee@acme-robotics.example", "v1")).isEqualTo("acct_0001");
        assertThat(m.accountIdOf("  Dana.Lee@ACME-Robotics.Example ", "v1")).isEqualTo("acct_0001");
        // the file's domains are compared stripped, lower case, without a leading @
        assertThat(m.accountIdOf("chloe@polar-capital.example", "v1")).isEqualTo("acct_0002");
        assertThat(m.accountIdOf("ceo@acme.example", "v1")).isEqualTo("acct_0001");
        // the part after the last @, and a trailing dot is no part of a domain
        assertThat(m.accountIdOf("\"odd@name\"@acme.example.", "v1")).isEqualTo("acct_0001");
        // the visitor id is not the key
        assertThat(m.accountIdOf(null, "acme-robotics.example")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria@unlisted-larch-9.example", "dana.lee@robotics.example", "dana.lee@sub.acme-robotics.example",
        "no-at-sign", "trailing-at@", "@", " "})
    void aDomainNotInTheFileOrNoDomainFormsNoAccount(String userId) {
        assertThat(domains().accountOf(userId, "v1")).isNull();
    }

    @Test
    void anonymousEventsHaveNoAccount() {
        assertThat(domains().accountOf(null, "v1")).isNull();
    }

    @Test
    void freeMailNeverFormsAnAccountEvenWhenTheFileListsIt() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.EMAIL_DOMAIN);
        assertThat(b.add("gmail.com", "acct_gmail", null, null, null)).isEqualTo(AccountMapping.FREE_MAIL);
        assertThat(b.add("Hotmail.co.UK", "acct_hotmail", null, null, null)).isEqualTo(AccountMapping.FREE_MAIL);
        assertThat(b.add("yahoo.com.br", "acct_yahoo", null, null, null)).isEqualTo(AccountMapping.FREE_MAIL);
        assertThat(b.add("gmx.de", "acct_gmx", null, null, null)).isEqualTo(AccountMapping.FREE_MAIL);
        assertThat(b.add("acme.example", "acct_acme", null, null, null)).isNull();
        AccountMapping m = b.build();
        assertThat(m.accountOf("maria.kim31@gmail.com", "v1")).isNull();
        assertThat(m.accountOf("jo@hotmail.co.uk", "v1")).isNull();
        assertThat(m.accountOf("jo@yahoo.com.br", "v1")).isNull();
        assertThat(m.accountOf("jo@gmx.de", "v1")).isNull();
        assertThat(m.accountIdOf("jo@acme.example", "v1")).isEqualTo("acct_acme");
        assertThat(m.summary().ignored()).containsExactly(entry(AccountMapping.FREE_MAIL, 4L));
        assertThat(m.summary().mapped()).isEqualTo(1);
        assertThat(m.accounts()).extracting(Account::id).containsExactly("acct_acme");
        assertThat(m.note()).isEqualTo("Accounts (key email_domain): 5 rows read = 1 mapped to 1 account + 4 ignored"
                + " (free_mail 4). A free-mail domain never forms an account.");
    }

    @Test
    void userIdKeyLooksUpTheUserIdAsItIs() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.USER_ID);
        b.add(" u-1001 ", "acct_0001", null, null, null);
        b.add("dana.lee@acme-robotics.example", "acct_0002", null, null, null);
        // a user id is a person, not a domain: a free-mail address names its own account
        assertThat(b.add("maria.kim31@gmail.com", "acct_0003", null, null, null)).isNull();
        AccountMapping m = b.build();
        assertThat(m.accountIdOf("u-1001", "v1")).isEqualTo("acct_0001");
        assertThat(m.accountIdOf(" u-1001", "v1")).isEqualTo("acct_0001");
        assertThat(m.accountIdOf("U-1001", "v1")).as("ids are compared as they are").isNull();
        assertThat(m.accountIdOf("dana.lee@acme-robotics.example", "v1")).isEqualTo("acct_0002");
        assertThat(m.accountIdOf("kim@acme-robotics.example", "v1")).as("no domain lookup").isNull();
        assertThat(m.accountIdOf("maria.kim31@gmail.com", "v1")).isEqualTo("acct_0003");
        assertThat(m.accountOf(null, "u-1001")).isNull();
    }

    @Test
    void visitorIdKeyLooksUpTheVisitorId() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.VISITOR_ID);
        b.add("d3382c2287ca088d", "acct_0007", "Tundra Software", "Software", "120");
        AccountMapping m = b.build();
        assertThat(m.accountIdOf(null, "d3382c2287ca088d")).isEqualTo("acct_0007");
        assertThat(m.accountIdOf("grace@tundra-software.example", "d3382c2287ca088d")).isEqualTo("acct_0007");
        assertThat(m.accountIdOf("d3382c2287ca088d", "other-device")).isNull();
        assertThat(m.accountOfUser("d3382c2287ca088d")).as("a user id names no device").isNull();
    }

    @Test
    void crmRowsCanAskForTheAccountOfAnEmail() {
        AccountMapping m = domains();
        assertThat(m.accountOfUser("Chloe.Cohen@Polar-Capital.example")).isEqualTo(
                new Account("acct_0002", "Polar Capital", "Financial Services", 60L));
        assertThat(m.accountOfUser("jordan.dubois@unlisted-larch-9.example")).isNull();
        assertThat(m.accountOfUser(null)).isNull();
    }

    @Test
    void rowsWithoutKeyOrAccountAndRepeatedKeysAreCountedAndLeftOut() {
        AccountMapping.Builder b = AccountMapping.builder(AccountKey.EMAIL_DOMAIN);
        assertThat(b.add("acme.example", "acct_1", "Acme", "Retail", "2,400")).isNull();
        assertThat(b.add("ACME.example", "acct_2", "Acme Two", null, null)).isEqualTo(AccountMapping.REPEATED_KEY);
        assertThat(b.add("", "acct_3", null, null, null)).isEqualTo(AccountMapping.NO_KEY);
        assertThat(b.add(null, "acct_3", null, null, null)).isEqualTo(AccountMapping.NO_KEY);
        assertThat(b.add("beta.example", "  ", null, null, null)).isEqualTo(AccountMapping.NO_ACCOUNT_ID);
        assertThat(b.add("gamma.example", " acct_3 ", " ", "Energy", "2400.0")).isNull();
        assertThat(b.add("delta.example", "acct_4", "Delta", "Media", "-5")).isNull();
        AccountMapping m = b.build();
        AccountMapping.Summary s = m.summary();
        assertThat(s.rows()).isEqualTo(7);
        assertThat(s.mapped()).isEqualTo(3);
        assertThat(s.rows()).isEqualTo(s.mapped() + s.ignoredTotal());
        assertThat(s.ignored()).containsExactly(entry(AccountMapping.NO_ACCOUNT_ID, 1L), entry(AccountMapping.NO_KEY, 2L),
                entry(AccountMapping.REPEATED_KEY, 1L));
        assertThat(s.unreadEmployees()).as("2,400 and -5").isEqualTo(2);
        assertThat(m.accountIdOf("x@acme.example", null)).as("the first row of a key wins").isEqualTo("acct_1");
        assertThat(m.accounts()).containsExactly(new Account("acct_1", "Acme", "Retail", null),
                new Account("acct_3", null, "Energy", 2400L), new Account("acct_4", "Delta", "Media", null));
        assertThat(m.note()).isEqualTo("Accounts (key email_domain): 7 rows read = 3 mapped to 3 accounts + 4 ignored"
                + " (no_account_id 1, no_key 2, repeated_key 1). 2 employees values are not a whole number and read as empty.");
    }

    @Test
    void anAccountOnSeveralRowsIsOneAccountDescribedByItsFirstRow() {
        AccountMapping m = domains();
        assertThat(m.accounts()).containsExactly(new Account("acct_0001", "Acme Robotics", "Manufacturing", 2400L),
                new Account("acct_0002", "Polar Capital", "Financial Services", 60L));
        assertThat(m.accountOf("a@acme.example", null)).isSameAs(m.accountOf("b@acme-robotics.example", null));
        assertThat(m.summary().accounts()).isEqualTo(2);
        assertThat(m.summary().mapped()).isEqualTo(3);
    }

    @Test
    void emailDomainIsThePartAfterTheLastAtLowerCase() {
        assertThat(AccountMapping.emailDomain("Dana.Lee@Acme-Robotics.Example")).isEqualTo("acme-robotics.example");
        assertThat(AccountMapping.emailDomain("a@b@C.example ")).isEqualTo("c.example");
        assertThat(AccountMapping.emailDomain("no-domain@")).isNull();
        assertThat(AccountMapping.emailDomain("u-1001")).isNull();
        assertThat(AccountMapping.emailDomain(null)).isNull();
    }

    @Test
    void theMappingTravelsToTheTasks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(domains());
        }
        AccountMapping copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AccountMapping) in.readObject();
        }
        assertThat(copy.accountIdOf("dana.lee@acme-robotics.example", null)).isEqualTo("acct_0001");
        assertThat(copy.summary()).isEqualTo(domains().summary());
    }
}
