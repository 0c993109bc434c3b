package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.PSP;
import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.micros;
import static io.touchpoint.core.session.TestEvents.rules;
import static io.touchpoint.core.session.TestEvents.run;
import static io.touchpoint.core.session.TestEvents.sessionNumbers;
import static io.touchpoint.core.session.TestEvents.sourceOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.SessionConfig;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.traffic.ChannelRules;
import io.touchpoint.core.traffic.SourceResolver;
import io.touchpoint.core.traffic.TrafficSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example of docs/sessions.md, with the numbers the page states. */
class SessionsDocExamplesTest {

    private static final String SPRING = "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring";
    private static final String SUMMER = "/?utm_source=newsletter&utm_medium=email&utm_campaign=summer";

    private static TestEvents.Hit[] sourceExample() {
        return new TestEvents.Hit[] {
            hit("10:00").page(SPRING),
            hit("10:02").page(SPRING),
            hit("10:05").page("/shoes").ref("/"),
            hit("10:10").page("/cart"),
            hit("10:12").page("/checkout/done").ref(PSP),
            hit("10:15").page(SUMMER),
            hit("10:20").page("/").ref("https://www.google.com/search?q=shoes"),
        };
    }

    @Test
    void timeoutExample() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").ref("https://www.google.com/"), hit("10:20").page("/shoes"), hit("10:45").page("/cart"),
                hit("11:14:59").page("/checkout"), hit("11:44:59"));
        assertThat(sessionNumbers(r)).containsExactly(1, 1, 1, 1, 2);
        Session first = r.sessions().get(0);
        assertThat(first.startMicros()).isEqualTo(micros("10:00"));
        assertThat(first.endMicros()).isEqualTo(micros("11:14:59"));
        assertThat(first.eventCount()).isEqualTo(4);
        assertThat(sourceOf(first)).isEqualTo("google / organic / (not set)");
        Session second = r.sessions().get(1);
        assertThat(second.eventCount()).isEqualTo(1);
        assertThat(sourceOf(second)).isEqualTo("(direct) / (none) / (not set)");
    }

    @Test
    void sourceChangeExample() {
        TestEvents.Hit[] hits = sourceExample();
        assertThat(List.of(hits)).extracting(h -> {
            TrafficSource s = h.build().source();
            return s.source() + " / " + s.medium() + " / " + s.campaign();
        }).containsExactly(
                "newsletter / email / spring",
                "newsletter / email / spring",
                "(direct) / (none) / (not set)",
                "(direct) / (none) / (not set)",
                "(direct) / (none) / (not set)",
                "newsletter / email / summer",
                "google / organic / (not set)");

        SessionPipeline.Result r = run(rules(), hits);
        assertThat(sessionNumbers(r)).containsExactly(1, 1, 1, 1, 1, 2, 3);
        assertThat(r.sessions()).extracting(TestEvents::sourceOf).containsExactly(
                "newsletter / email / spring", "newsletter / email / summer", "google / organic / (not set)");
        assertThat(r.sessions()).extracting(Session::channel).containsExactly("Email", "Email", "Organic Search");
        assertThat(r.sessions().get(2).source().term()).isEqualTo("shoes");

        SessionPipeline.Result noSplit = run(rules(Duration.ofMinutes(30), false, false, TestEvents.UTC), hits);
        assertThat(noSplit.sessions()).singleElement().satisfies(s -> {
            assertThat(s.eventCount()).isEqualTo(7);
            assertThat(sourceOf(s)).isEqualTo("newsletter / email / spring");
        });
    }

    @Test
    void withoutInternalHostsThePaymentProviderSplits() {
        SessionRules rules = new SessionRules(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true),
                TestEvents.UTC, ChannelRules.ga4Default());
        SourceResolver plain = new SourceResolver(List.of());
        String page = TestEvents.SITE + "/checkout/done";
        assertThat(plain.resolve(page, PSP, null, null, null, null, null))
                .isEqualTo(new TrafficSource("pay.example-psp.com", "referral", "(not set)", null, null));
        SessionPipeline.Result r = run(rules,
                hit("10:00").page(SPRING).resolver(plain), hit("10:12").page(page).ref(PSP).resolver(plain));
        assertThat(r.sessions()).extracting(TestEvents::sourceOf)
                .containsExactly("newsletter / email / spring", "pay.example-psp.com / referral / (not set)");
    }

    @Test
    void sessionSourceNotPreviousEventSource() {
        String google = "https://www.google.com/";
        assertThat(run(rules(), hit("10:00").ref(google), hit("10:05"), hit("10:10").ref(google)).sessions())
                .hasSize(1);
        assertThat(run(rules(), hit("10:00").ref(google), hit("10:05").ref("https://www.facebook.com/"),
                hit("10:10").ref(google)).sessions()).hasSize(3);
    }

    @Test
    void midnightExample() {
        record Row(String zone, boolean split, int sessions, List<LocalDate> sessionDates, LocalDate secondEventDate) {
        }
        LocalDate may14 = LocalDate.of(2024, 5, 14);
        LocalDate may15 = LocalDate.of(2024, 5, 15);
        for (Row row : List.of(
                new Row("UTC", false, 1, List.of(may14), may15),
                new Row("UTC", true, 2, List.of(may14, may15), may15),
                new Row("America/New_York", true, 1, List.of(may14), may14))) {
            SessionPipeline.Result r = run(rules(Duration.ofMinutes(30), true, row.split(), ZoneId.of(row.zone())),
                    hit("2024-05-14T23:50:00Z"), hit("2024-05-15T00:10:00Z"));
            assertThat(r.sessions()).as(row.toString()).hasSize(row.sessions());
            assertThat(r.sessions()).extracting(Session::sessionDate).as(row.toString())
                    .containsExactlyElementsOf(row.sessionDates());
            assertThat(r.events().get(1).eventDate()).as(row.toString()).isEqualTo(row.secondEventDate());
        }
    }

    @Test
    void duplicatesExample() {
        SessionPipeline.Result r = run(rules(),
                hit("10:00").id("e1"), hit("10:05").id("e2"), hit("10:05").id("e2"), hit("11:00").id("e1"));
        assertThat(r.sessions()).singleElement().satisfies(s -> {
            assertThat(s.startMicros()).isEqualTo(micros("10:00"));
            assertThat(s.endMicros()).isEqualTo(micros("10:05"));
            assertThat(s.eventCount()).isEqualTo(2);
        });
        assertThat(r.duplicates()).isEqualTo(2);
        // the late copy on its own would have started a second session
        assertThat(run(rules(), hit("10:00").id("e1"), hit("10:05").id("e2"), hit("11:00").id("e3")).sessions())
                .hasSize(2);
    }

    @Test
    void sessionIdExample() {
        assertThat(micros("10:00")).isEqualTo(1_715_680_800_000_000L);
        assertThat(Sessionizer.sessionId("v1", micros("10:00"), 0)).isEqualTo("ed42c6c8-b463-3b35-ac89-f22393737a9b");
        assertThat(Sessionizer.sessionId("v1", micros("10:00"), 1)).isEqualTo("d5dd30ff-8422-39c0-bb1a-7ae1f78aae84");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TouchpointConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        assertThat(c.sessions()).isEqualTo(new SessionConfig(Duration.ofMinutes(30), true, false, List.of(), true));
        assertThat(c.input().timeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void configExampleOfThePageLoads(@TempDir Path dir) throws IOException {
        String doc = Files.readString(docs());
        Matcher m = Pattern.compile("```hocon\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).isTrue();
        File f = dir.resolve("example.conf").toFile();
        Files.writeString(f.toPath(), m.group(1));
        TouchpointConfig c = ConfigLoader.load(Optional.of(f), Map.of());
        assertThat(c.sessions()).isEqualTo(new SessionConfig(Duration.ofMinutes(30), true, true,
                List.of("pay.example-psp.com", "*.example.com"), true));
        assertThat(c.input().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void pageStatesTheTestedValues() throws IOException {
        String doc = Files.readString(docs());
        assertThat(doc).contains(
                "ed42c6c8-b463-3b35-ac89-f22393737a9b",
                "d5dd30ff-8422-39c0-bb1a-7ae1f78aae84",
                "1715680800000000",
                "| `timeout` | `30m` |",
                "| `split-on-source-change` | `true` |",
                "| `split-at-midnight` | `false` |",
                "| `internal-hosts` | `[]` |",
                "| `exclude-bots` | `true` |",
                "duplicates = 2");
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("docs/sessions.md");
            if (Files.isRegularFile(d)) {
                return d;
            }
        }
        throw new AssertionError("docs/sessions.md not found above " + Path.of("").toAbsolutePath());
    }
}
