package io.touchpoint.core.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled free-mail list: its domains, its providers under any country suffix, and nothing else. */
class FreeMailDomainsTest {
    private static final FreeMailDomains FREE_MAIL = FreeMailDomains.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "googlemail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com",
        "mac.com", "aol.com", "proton.me", "protonmail.com", "ymail.com", "web.de", "mail.ru", "qq.com", "163.com", "126.com",
        "zoho.com", "fastmail.com", "tutanota.com", "hey.com", "GMail.COM", " gmail.com "})
    void listedDomainsAreFreeMail(String domain) {
        assertThat(FREE_MAIL.isFreeMail(domain)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hotmail.com", "hotmail.fr", "hotmail.co.uk", "hotmail.com.br", "yahoo.com", "yahoo.de",
        "yahoo.co.jp", "yahoo.com.au", "gmx.de", "gmx.net", "gmx.at", "gmx.com", "yandex.ru", "yandex.com.tr", "outlook.de",
        "aol.co.uk"})
    void aProviderIsFreeMailUnderAnyCountrySuffix(String domain) {
        assertThat(FREE_MAIL.isFreeMail(domain)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme-robotics.example", "hotmail.example.org", "hotmail.company", "yahoo-inc.com",
        "research.yahoo.example", "mail.gmail.com", "gmail.co", "notgmail.com", "gmx", ""})
    void companyDomainsAreNot(String domain) {
        assertThat(FREE_MAIL.isFreeMail(domain)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void noDomainIsNot(String domain) {
        assertThat(FREE_MAIL.isFreeMail(domain)).isFalse();
    }
}
