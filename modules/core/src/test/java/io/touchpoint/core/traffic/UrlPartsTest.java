package io.touchpoint.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPartsTest {

    @Test
    void parsesHostPathAndDecodedQuery() {
        UrlParts u = UrlParts.parse("https://User:pw@WWW.Example.COM:8443/a/b%20c?q=red+shoes&x=%C3%A9&q=second#frag");
        assertThat(u.host()).isEqualTo("www.example.com");
        assertThat(u.path()).isEqualTo("/a/b%20c");
        assertThat(u.query()).containsEntry("q", "red shoes").containsEntry("x", "é");
    }

    @ParameterizedTest(name = "{0} -> host {1}")
    @CsvSource(delimiter = '|', value = {
        "http://shop.example.com         | shop.example.com",
        "//cdn.example.com/x.js          | cdn.example.com",
        "example.com/path?a=1            | example.com",
        "android-app://com.google.android.gm/ | com.google.android.gm",
        "http://[2001:db8::1]:80/        | 2001:db8::1",
        "https://example.com.            | example.com",
    })
    void hosts(String url, String host) {
        assertThat(UrlParts.parse(url).host()).isEqualTo(host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "not a url", "/just/a/path?utm_source=x", "mailto:a@b.com", "javascript:void(0)",
        "http://", "http://exa mple.com/", "http://a..b/", "https://host:notaport/", "%%%", "?&&=&=x&%zz=%",
        "http://example.com/?q=%E0%A4%A", "ftp://@/"})
    void garbageNeverThrows(String url) {
        assertThatCode(() -> UrlParts.parse(url)).doesNotThrowAnyException();
    }

    @Test
    void garbageHasNullHostButKeepsQuery() {
        assertThat(UrlParts.parse("not a url").host()).isNull();
        UrlParts p = UrlParts.parse("/landing?utm_source=x&bad=%zz");
        assertThat(p.host()).isNull();
        assertThat(p.path()).isEqualTo("/landing");
        assertThat(p.query()).containsEntry("utm_source", "x").containsEntry("bad", "%zz");
    }
}
