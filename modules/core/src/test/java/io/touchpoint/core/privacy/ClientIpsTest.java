package io.touchpoint.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ip-mask: IPv4 loses 0 to 4 bytes, IPv6 0, 64, 80, 104 or 128 bits; visitor ids are keyed hashes of the masked address. */
class ClientIpsTest {
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

    private static ClientIps ips(int mask) {
        return ClientIps.withFixedTestKey(mask);
    }

    @ParameterizedTest(name = "ip-mask {0}: {1}")
    @CsvSource({
        "0, 203.0.113.77",
        "1, 203.0.113.0",
        "2, 203.0.0.0",
        "3, 203.0.0.0",
        "4, 0.0.0.0",
    })
    void ipv4LosesItsLastBytes(int mask, String expected) {
        assertThat(ips(mask).mask("203.0.113.77")).isEqualTo(expected);
        assertThat(ips(mask).mask("198.51.100.250")).isEqualTo(switch (mask) {
            case 0 -> "198.51.100.250";
            case 1 -> "198.51.100.0";
            case 2 -> "198.51.0.0";
            case 3 -> "198.0.0.0";
            default -> "0.0.0.0";
        });
    }

    @ParameterizedTest(name = "ip-mask {0}")
    @CsvSource({
        "0, 2001:db8:85a3:1234:5678:8a2e:370:7334",
        "1, 2001:db8:85a3:1234::",
        "2, 2001:db8:85a3::",
        "3, 2001:d00::",
        "4, ::",
    })
    void ipv6LosesMatomosNumberOfBits(int mask, String expected) {
        assertThat(ips(mask).mask("2001:0db8:85a3:1234:5678:8a2e:0370:7334")).isEqualTo(expected);
        assertThat(ips(mask).mask("2001:DB8:85A3:1234:5678:8A2E:370:7334")).isEqualTo(expected); // any case
    }

    @Test
    void ipv6CompressedFormsAndZonesAreRead() {
        ClientIps none = ips(0);
        assertThat(none.mask("::1")).isEqualTo("::1");
        assertThat(none.mask("::")).isEqualTo("::");
        assertThat(none.mask("2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(none.mask("2001:0db8:0000:0000:0000:0000:0000:0007")).isEqualTo("2001:db8::7");
        assertThat(none.mask("fe80::1%eth0")).isEqualTo("fe80::1");
        assertThat(none.mask("[2001:db8::7]")).isEqualTo("2001:db8::7");
        assertThat(none.mask("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1"); // the first of two equal runs
        assertThat(ips(2).mask("2001:db8::7")).isEqualTo("2001:db8::");
        assertThat(ips(2).mask("fe80::1:2:3:4")).isEqualTo("fe80::");
        assertThat(ips(3).mask("2001:db8:1234:5678::")).isEqualTo("2001:d00::");
    }

    @ParameterizedTest(name = "ip-mask {0}")
    @CsvSource({"0, 203.0.113.77", "1, 203.0.113.0", "2, 203.0.0.0", "4, 0.0.0.0"})
    void ipv4MappedAddressesAreMaskedAsIpv4(int mask, String expected) {
        assertThat(ips(mask).mask("::ffff:203.0.113.77")).isEqualTo(expected);
        assertThat(ips(mask).mask("::ffff:cb00:714d")).isEqualTo(expected);
        assertThat(ips(mask).mask("0:0:0:0:0:ffff:203.0.113.77")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"crawl-66-249-66-1.googlebot.com", "localhost", "-", "256.1.1.1", "1.2.3", "1.2.3.4.5",
        "01234.1.1.1", "1:2:3", "1::2::3", "12345::1", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.256", ""})
    void whatIsNotAnAddressIsNotMasked(String host) {
        assertThat(ips(2).mask(host)).isNull();
    }

    @Test
    void aVisitorIsTheMaskedAddressAndTheAgent() {
        ClientIps two = ips(2);
        String id = two.visitorId("203.0.113.77", AGENT);
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(two.visitorId("203.0.99.1", AGENT)).as("same /16, same agent").isEqualTo(id);
        assertThat(two.visitorId("::ffff:203.0.5.6", AGENT)).as("IPv4-mapped").isEqualTo(id);
        assertThat(two.visitorId("203.1.113.77", AGENT)).isNotEqualTo(id);
        assertThat(two.visitorId("203.0.113.77", AGENT + " extra")).isNotEqualTo(id);
        assertThat(two.visitorId("203.0.113.77", null)).isEqualTo(two.visitorId("203.0.113.77", "")).isNotEqualTo(id);
        assertThat(two.visitorId("2001:db8:85a3:1::1", AGENT)).isEqualTo(two.visitorId("2001:0db8:85a3:0002:ffff::9", AGENT));

        ClientIps zero = ips(0);
        assertThat(zero.visitorId("203.0.113.77", AGENT)).isNotEqualTo(zero.visitorId("203.0.113.78", AGENT));
    }

    @Test
    void aHostNameIsHashedWhole() {
        ClientIps two = ips(2);
        String a = two.visitorId("crawl-66-249-66-1.example.net", AGENT);
        assertThat(a).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(two.visitorId("crawl-66-249-66-2.example.net", AGENT));
    }

    @Test
    void theKeyDecidesTheIds() {
        ClientIps a = new ClientIps(2, Pseudonyms.ofSecret("first-secret-of-sixteen".getBytes(StandardCharsets.UTF_8)));
        ClientIps b = new ClientIps(2, Pseudonyms.ofSecret("other-secret-of-sixteen".getBytes(StandardCharsets.UTF_8)));
        ClientIps a2 = new ClientIps(2, Pseudonyms.ofSecret("first-secret-of-sixteen".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.visitorId("203.0.113.77", AGENT)).isNotEqualTo(b.visitorId("203.0.113.77", AGENT))
                .isEqualTo(a2.visitorId("203.0.113.77", AGENT));
        assertThat(a.toString()).doesNotContain("first-secret");
    }

    @Test
    void withoutAKeyThereIsNoVisitorId() {
        assertThatThrownBy(() -> new ClientIps(2, null).visitorId("1.2.3.4", AGENT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ClientIps(5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientIps(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyAddressInATextIsMasked() {
        ClientIps two = ips(2);
        assertThat(two.maskText("from 203.0.113.77, via 198.51.100.9:8080 and [2001:db8:85a3:1::7]:443."))
                .isEqualTo("from 203.0.0.0, via 198.51.0.0:8080 and [2001:db8:85a3::]:443.");
        assertThat(two.maskText("http://203.0.113.77/x?ip=203.0.113.78&v6=2001:db8::1"))
                .isEqualTo("http://203.0.0.0/x?ip=203.0.0.0&v6=2001:db8::");
        assertThat(two.maskText("::ffff:203.0.113.77 ::1")).isEqualTo("203.0.0.0 ::");
        // Not addresses: versions, times, words, longer runs of numbers.
        for (String kept : new String[] {"Chrome/120.0.6099.109", "Version 1.2.3.4.5", "10:15:30", "[10/Oct/2026:13:55:36 -0700]",
            "std::vector", "a::before", "order 12.34", "x1.2.3.4", "1.2.3.4x", "cafe:babe", "12345.1.1.1"}) {
            assertThat(two.maskText(kept)).as(kept).isEqualTo(kept);
        }
        assertThat(ips(0).maskText("203.0.113.77")).isEqualTo("203.0.113.77");
        assertThat(two.maskText(null)).isNull();
    }

    @ParameterizedTest(name = "ip-mask {0}")
    @CsvSource({"1, 203.0.113.0", "2, 203.0.0.0", "3, 203.0.0.0", "4, 0.0.0.0"})
    void aLogLinesClientIsMasked(int mask, String expected) {
        String rest = " - - [10/Oct/2026:13:55:36 -0700] \"GET /?from=198.51.100.9 HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"";
        String masked = ips(mask).maskLogLine("203.0.113.77" + rest);
        assertThat(masked).startsWith(expected + " - - [10/Oct/2026:13:55:36 -0700]").doesNotContain("203.0.113.77", "198.51.100.9");
        assertThat(ips(0).maskLogLine("203.0.113.77" + rest)).isEqualTo("203.0.113.77" + rest);
        assertThat(ips(mask).maskLogLine("2001:db8:85a3:1:2:3:4:5" + rest)).doesNotContain("2001:db8:85a3:1:2:3:4:5", "198.51.100.9");
        // A host name (HostnameLookups) often spells the address: it is replaced.
        assertThat(ips(mask).maskLogLine("host-203-0-113-77.example.net" + rest)).startsWith(ClientIps.REDACTED_HOST + " - - [");
        // A line that is no log line: every address in it masked, nothing else changed.
        assertThat(ips(mask).maskLogLine("garbage 203.0.113.77 here")).isEqualTo("garbage " + expected + " here");
        assertThat(ips(mask).maskLogLine("203.0.113.77")).isEqualTo(expected);
    }
}
