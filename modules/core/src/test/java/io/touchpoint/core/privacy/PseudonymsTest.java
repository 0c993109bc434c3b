package io.touchpoint.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.core.error.TouchpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed pseudonyms: HMAC-SHA256 as published, stable per key, and no run without a usable key. */
class PseudonymsTest {
    @TempDir
    Path dir;

    private static final String KEY = "0123456789abcdef-secret";

    private static PrivacyConfig cfg(String keyFile, String keyEnv) {
        return new PrivacyConfig(true, keyFile, keyEnv, true, UrlScrubber.DEFAULT_PARAMS, 2, false,
                PrivacyConfig.Consent.NONE, java.time.Duration.ZERO);
    }

    /** RFC 4231 test case 2 ("Jefe"): too short a key for a run, so checked on the class itself. */
    @Test
    void itIsHmacSha256InUnpaddedBase64Url() {
        String expectedHex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        String p = new Pseudonyms("Jefe".getBytes(java.nio.charset.StandardCharsets.UTF_8)).apply("what do ya want for nothing?");
        assertThat(p).hasSize(43).doesNotContain("=", "+", "/");
        assertThat(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(p))).isEqualTo(expectedHex);
    }

    @Test
    void theSameKeyGivesTheSamePseudonymAnotherKeyAnother() {
        Pseudonyms a = Pseudonyms.of(cfg("", "K"), Map.of("K", KEY)::get);
        Pseudonyms b = Pseudonyms.of(cfg("", "K"), Map.of("K", KEY)::get);
        Pseudonyms other = Pseudonyms.of(cfg("", "K"), Map.of("K", KEY + "2")::get);
        assertThat(a.apply("jane@example.com")).isEqualTo(b.apply("jane@example.com"))
                .isNotEqualTo(other.apply("jane@example.com")).isNotEqualTo(a.apply("john@example.com"));
        assertThat(a.apply(null)).isNull();
        assertThat(a.toString()).doesNotContain(KEY);
    }

    @Test
    void aKeyFileIsReadAndWinsOverTheVariable() throws Exception {
        Path f = Files.writeString(dir.resolve("touchpoint.key"), KEY + "\n");
        Pseudonyms fromFile = Pseudonyms.of(cfg(f.toString(), "K"), Map.of("K", "another-key-of-enough-length")::get);
        Pseudonyms fromEnv = Pseudonyms.of(cfg("", "K"), Map.of("K", KEY)::get);
        assertThat(fromFile.apply("v1")).isEqualTo(fromEnv.apply("v1"));
    }

    @Test
    void offMeansNone() {
        assertThat(Pseudonyms.of(PrivacyConfig.DEFAULT, k -> null)).isNull();
    }

    @Test
    void withoutAUsableKeyTheRunStopsNamingBothWays() {
        assertThatThrownBy(() -> Pseudonyms.of(cfg("", "TP_KEY"), k -> null))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.kind().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("TP_KEY", "touchpoint.privacy.key-file", "openssl rand");
                });
        assertThatThrownBy(() -> Pseudonyms.of(cfg(dir.resolve("missing.key").toString(), "K"), k -> null))
                .isInstanceOfSatisfying(TouchpointException.class, e -> assertThat(e.where()).isEqualTo("touchpoint.privacy.key-file"));
        assertThatThrownBy(() -> Pseudonyms.of(cfg("", "K"), Map.of("K", "tiny-k3y")::get))
                .isInstanceOfSatisfying(TouchpointException.class, e -> {
                    assertThat(e.getMessage()).contains("too short", "8 characters").doesNotContain("tiny-k3y"); // never the key
                });
    }
}
