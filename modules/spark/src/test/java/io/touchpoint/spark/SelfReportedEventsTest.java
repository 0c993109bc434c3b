package io.touchpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.TouchpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-reported answers read from a form field of the events ({@code touchpoint.self-reported.column},
 * docs/channels.md): an answer on a converting event is that conversion's own and its person's
 * latest; one on any other event is the person's latest from its time on; the free text is kept
 * nowhere, only its channel; hybrid and the self_reported table take them without any CRM input.
 */
class SelfReportedEventsTest extends SparkTestBase {
    @TempDir
    static Path dir;

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private static final String SITE = "https://www.beaconhq.example";
    static Path out;
    static io.touchpoint.spark.pipeline.Pipeline.Result result;

    private static String row(String id, String time, String visitor, String user, String name, String referrer, String said) {
        return String.join(",", id, time, visitor, user, name, SITE + "/", referrer, UA, said) + "\n";
    }

    @BeforeAll
    static void runIt() throws Exception {
        String log = "event_id,event_time,visitor_id,user_id,event_name,page_url,referrer_url,user_agent,how_heard\n"
                // Ana answers a survey after a Google visit, and asks for a demo the next day.
                + row("a1", "2026-03-01T09:00:00Z", "vAna", "ana@x.example", "page_view", "https://www.google.com/", "")
                + row("a2", "2026-03-01T09:10:00Z", "vAna", "ana@x.example", "survey", "", "\"Heard Jo Smith's podcast, episode 12\"")
                + row("a3", "2026-03-02T10:00:00Z", "vAna", "ana@x.example", "form_submit", "", "")
                // Ben answers on the demo form itself.
                + row("b1", "2026-03-01T11:00:00Z", "vBen", "ben@x.example", "form_submit", "https://www.google.com/",
                        "a colleague told me")
                // Cy leaves the field empty; Di's demo comes before her answer.
                + row("c1", "2026-03-01T12:00:00Z", "vCy", "cy@x.example", "form_submit", "", "")
                + row("d1", "2026-03-01T13:00:00Z", "vDi", "di@x.example", "form_submit", "", "")
                + row("d2", "2026-03-01T13:30:00Z", "vDi", "di@x.example", "survey", "", "spotify");
        Path events = Files.writeString(dir.resolve("events.csv"), log);
        out = dir.resolve("out");
        TouchpointConfig c = config(out, "touchpoint.input.path", events.toString(),
                "touchpoint.self-reported.column", "how_heard",
                "touchpoint.attribution.models", List.of("last", "hybrid(base=linear,self_reported=0.5)"),
                "touchpoint.conversions.goals", List.of(Map.of("name", "demo", "event-name", "form_submit")));
        result = run(c);
    }

    @Test
    void aNoteCountsTheAnswers() {
        assertThat(result.notes()).contains("Self-reported answers (column how_heard): 3 events carried one, mapped to a channel"
                + " (the text is kept nowhere).");
    }

    @Test
    void aConversionCarriesItsOwnAnswerElseItsPersonsLatestEarlierOne() {
        Map<String, String> said = new TreeMap<>();
        for (Row r : table(out, "conversions").collectAsList()) {
            said.put(r.getAs("person_id"), String.valueOf(r.<String>getAs("self_reported_channel")));
        }
        assertThat(said).isEqualTo(Map.of("ana@x.example", "Podcast", "ben@x.example", "Word of Mouth",
                "cy@x.example", "null", "di@x.example", "null"));
        // Answer rows are no conversions: four demos, no more.
        assertThat(table(out, "conversions").count()).isEqualTo(4);
    }

    @Test
    void hybridGivesHalfOfAnAnsweredConversionToTheAnsweredChannel() {
        String hybrid = "hybrid(base=linear,self_reported=0.5)";
        List<Row> ana = table(out, "attribution_credit").where(col("person_id").equalTo("ana@x.example")
                .and(col("model").equalTo(hybrid))).orderBy(col("channel")).collectAsList();
        Map<String, Double> credit = new TreeMap<>();
        ana.forEach(r -> credit.merge(r.getAs("channel"), r.<Double>getAs("credit"), Double::sum));
        // Linear over Ana's two sessions (Organic Search, Direct) halved, and Podcast off the journey.
        assertThat(credit).isEqualTo(Map.of("Organic Search", 0.25, "Direct", 0.25, "Podcast", 0.5));
    }

    @Test
    void theSelfReportedTableCountsTheAnswersWithoutAnyCrmInput() {
        Map<String, Long> conversions = new TreeMap<>();
        for (Row r : table(out, "self_reported").where(col("channel").isNotNull().and(col("conversions").gt(0))).collectAsList()) {
            conversions.put(r.getAs("channel"), r.<Long>getAs("conversions"));
        }
        assertThat(conversions).isEqualTo(Map.of("Podcast", 1L, "Word of Mouth", 1L));
    }

    @Test
    void theFreeTextIsKeptNowhere() {
        assertThat(holding(out, List.of("events", "sessions", "conversions", "attribution_credit", "quarantine"),
                List.of("Jo Smith", "colleague told", "spotify", "episode"))).isEmpty();
    }
}
