package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.spark.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privacy.consent} (docs/privacy.md#consent): events whose consent column does not grant
 * analytics consent reach no person-level table, are counted as skipped {@code no_consent} (the
 * counts still reconcile) and, with the goals they match, in the run's notes; every consented event
 * is kept as without the option.
 */
class ConsentRunTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void unconsentedEventsAreLeftOutAndCountedInTotalsOnly() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLE.toPath(), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",analytics_consent\n");
        Set<String> unconsented = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String id = line.substring(0, Math.max(0, line.indexOf(',')));
            int bucket = Math.floorMod(id.hashCode(), 10);
            String value = bucket == 0 ? "denied" : bucket == 1 ? "" : bucket == 2 ? " GRANTED " : "granted";
            if (bucket < 2) {
                unconsented.add(id);
            }
            sb.append(line).append(',').append(value).append('\n');
        }
        Path in = Files.writeString(dir.resolve("consent.csv"), sb.toString());

        Pipeline.Result all = run(ErasureTest.quickStart(dir.resolve("all"), "touchpoint.input.path", in.toString()));
        Pipeline.Result consented = run(ErasureTest.quickStart(dir.resolve("consented"), "touchpoint.input.path", in.toString(),
                "touchpoint.privacy.consent.column", "analytics_consent"));

        Set<String> kept = new HashSet<>(table(dir.resolve("consented"), "events").select("event_id").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Set<String> expected = new HashSet<>(table(dir.resolve("all"), "events").select("event_id").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList());
        expected.removeAll(unconsented);
        assertThat(kept).isEqualTo(expected);
        assertThat(all.counts().skipped()).doesNotContainKey("no_consent");
        assertThat(consented.counts().skipped().get("no_consent")).isGreaterThan(unconsented.size() / 2L);
        assertThat(consented.counts().reconciles()).isTrue();
        // A record not split into fields keeps its quarantine row, without the record: its consent cannot be read.
        assertThat(table(dir.resolve("consented"), "quarantine").where("raw LIKE '%,denied' OR raw LIKE '%,'").count()).isZero();
        assertThat(table(dir.resolve("consented"), "quarantine").where("reason = 'malformed_line'").count())
                .isEqualTo(table(dir.resolve("all"), "quarantine").where("reason = 'malformed_line'").count()).isPositive();
        assertThat(consented.sessions()).isLessThan(all.sessions());
        // Conversions without consent: in the note, as many as the unconsented purchases the full run accepted, or more
        // (bots and duplicates are not told apart once consent is missing).
        long unconsentedPurchases = table(dir.resolve("all"), "conversions")
                .where(org.apache.spark.sql.functions.col("event_id").isin(unconsented.toArray())).count();
        String note = consented.notes().stream().filter(n -> n.contains("without analytics consent")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("conversions: ([0-9,]+) of goal purchase").matcher(note);
        assertThat(m.find()).as(note).isTrue();
        assertThat(Long.parseLong(m.group(1).replace(",", ""))).isGreaterThanOrEqualTo(unconsentedPurchases).isPositive();
        assertThat(note).startsWith(String.format(java.util.Locale.ROOT, "%,d events without analytics consent (analytics_consent)",
                consented.counts().skipped().get("no_consent")));
    }
}
