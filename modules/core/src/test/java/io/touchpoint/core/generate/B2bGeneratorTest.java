package io.touchpoint.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The B2B sample's contract: determinism, keys that join, free mail, spend without conversions, sizes. */
class B2bGeneratorTest {
    private static final B2bSpec SMALL = new B2bSpec(7, 20, LocalDate.of(2026, 1, 5), 120, 0.05, 4);
    private static final Files4 SAMPLE = Files4.generate(B2bSpec.sample());
    private static final Pattern CLICK_ID = Pattern.compile("[?&](?:gclid|fbclid|msclkid)=([^&]+)");

    /** The four files as text, parsed. */
    record Files4(String events, String crm, String accounts, String spend, B2bStats stats) {
        static Files4 generate(B2bSpec spec) {
            StringWriter e = new StringWriter();
            StringWriter c = new StringWriter();
            StringWriter a = new StringWriter();
            StringWriter s = new StringWriter();
            try {
                B2bStats stats = new B2bGenerator(spec).write(e, c, a, s);
                return new Files4(e.toString(), c.toString(), a.toString(), s.toString(), stats);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Data rows of a file; null for a line whose quoting is broken. */
        static List<List<String>> rows(String text) {
            List<String> lines = text.lines().toList();
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(SampleLog.parse(line));
            }
            return rows;
        }

        List<List<String>> eventRows() {
            return rows(events).stream().filter(SampleLog::wellFormedB2b).toList();
        }
    }

    @Test
    void headersAreTheDocumentedColumns() {
        assertThat(SAMPLE.events).startsWith(String.join(",", SyntheticLogGenerator.COLUMNS) + "\n");
        assertThat(SAMPLE.crm).startsWith("event_time,stage,value,user_id,email,account_id,visitor_id,click_id,self_reported\n");
        assertThat(SAMPLE.accounts).startsWith("domain,account_id,account_name,industry,employees\n");
        assertThat(SAMPLE.spend).startsWith("date,channel,source,campaign,cost,currency\n");
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() {
        Files4 first = Files4.generate(SMALL);
        Files4 again = Files4.generate(SMALL);
        assertThat(again.events).isEqualTo(first.events);
        assertThat(again.crm).isEqualTo(first.crm);
        assertThat(again.accounts).isEqualTo(first.accounts);
        assertThat(again.spend).isEqualTo(first.spend);
        Files4 other = Files4.generate(new B2bSpec(8, 20, SMALL.startDate(), 120, 0.05, 4));
        assertThat(other.events).isNotEqualTo(first.events);
        assertThat(other.crm).isNotEqualTo(first.crm);
    }

    @Test
    void outputDoesNotDependOnDefaultLocaleOrTimeZone() {
        Files4 expected = Files4.generate(SMALL);
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            Files4 again = Files4.generate(SMALL);
            assertThat(again).isEqualTo(expected);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void writeFilesWritesTheSameBytes(@TempDir Path dir) throws IOException {
        new B2bGenerator(SMALL).writeFiles(dir);
        Files4 expected = Files4.generate(SMALL);
        assertThat(Files.readString(dir.resolve("events.csv"))).isEqualTo(expected.events);
        assertThat(Files.readString(dir.resolve("crm.csv"))).isEqualTo(expected.crm);
        assertThat(Files.readString(dir.resolve("accounts.csv"))).isEqualTo(expected.accounts);
        assertThat(Files.readString(dir.resolve("spend.csv"))).isEqualTo(expected.spend);
    }

    @Test
    void everyCrmKeyJoinsExceptTheDeliberatelyUnmatchedRows() {
        for (Files4 f : List.of(SAMPLE, Files4.generate(SMALL))) {
            List<List<String>> events = f.eventRows();
            Set<String> userIds = new HashSet<>();
            Set<String> visitors = new HashSet<>();
            Set<String> clickIds = new HashSet<>();
            for (List<String> r : events) {
                visitors.add(r.get(2));
                if (!r.get(3).isEmpty()) {
                    userIds.add(r.get(3));
                }
                Matcher m = CLICK_ID.matcher(r.get(5));
                while (m.find()) {
                    clickIds.add(m.group(1));
                }
            }
            Map<String, String> domainOfAccount = new HashMap<>();
            for (List<String> a : Files4.rows(f.accounts)) {
                domainOfAccount.put(a.get(1), a.get(0));
            }
            int unmatched = 0;
            int byClickId = 0;
            int byAccountOnly = 0;
            int byEmailOnly = 0;
            for (List<String> r : Files4.rows(f.crm)) {
                assertThat(r).hasSize(9);
                List<Boolean> keys = new ArrayList<>();
                check(keys, r.get(3), userIds);
                check(keys, r.get(4), userIds);
                check(keys, r.get(5), domainOfAccount.keySet());
                check(keys, r.get(6), visitors);
                check(keys, r.get(7), clickIds);
                assertThat(keys).as("every CRM row has a key: %s", r).isNotEmpty();
                if (keys.contains(false)) {
                    assertThat(keys).as("an unmatched row matches on no key: %s", r).containsOnly(false);
                    unmatched++;
                }
                if (!r.get(4).isEmpty() && !r.get(5).isEmpty() && domainOfAccount.containsKey(r.get(5))) {
                    assertThat(domain(r.get(4))).isEqualTo(domainOfAccount.get(r.get(5)));
                }
                byClickId += !r.get(7).isEmpty() && !keys.contains(false) ? 1 : 0;
                byAccountOnly += keys.size() == 1 && !r.get(5).isEmpty() ? 1 : 0;
                byEmailOnly += keys.size() == 1 && !r.get(4).isEmpty() ? 1 : 0;
            }
            assertThat(unmatched).isEqualTo(f.stats.crmUnmatched()).isEqualTo(Math.max(3, f == SAMPLE ? 10 : 3));
            assertThat(byClickId).as("leads keyed by the click id of a paid session").isPositive();
            assertThat(byAccountOnly).as("deal rows keyed by account only").isPositive();
            assertThat(byEmailOnly).as("rows keyed by e-mail only").isPositive();
        }
    }

    @Test
    void freeMailPeopleNeverFormAccountsAndAccountPeopleShareTheirDomain() {
        Set<String> domains = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (List<String> a : Files4.rows(SAMPLE.accounts)) {
            assertThat(B2bWorld.FREE_MAIL).doesNotContain(a.get(0));
            assertThat(domains.add(a.get(0))).as("one row per domain").isTrue();
            assertThat(ids.add(a.get(1))).as("one row per account").isTrue();
            assertThat(Integer.parseInt(a.get(4))).isBetween(10, 20_000);
        }
        assertThat(domains).hasSize(150);
        Set<String> freeMail = new HashSet<>();
        Set<String> atAccounts = new HashSet<>();
        for (List<String> r : SAMPLE.eventRows()) {
            String user = r.get(3);
            if (user.isEmpty()) {
                continue;
            }
            assertThat(user).matches("[a-z.]+[0-9]*@[a-z0-9.-]+");
            if (B2bWorld.FREE_MAIL.contains(domain(user))) {
                freeMail.add(user);
            } else {
                assertThat(domains).as("a work e-mail's domain is an account's").contains(domain(user));
                atAccounts.add(domain(user));
            }
        }
        assertThat(freeMail).as("free-mail people identify too").isNotEmpty();
        assertThat(atAccounts.size()).as("most accounts have someone who identified").isGreaterThan(75);
        assertThat(SAMPLE.stats.freeMailPeople()).isPositive();
    }

    @Test
    void peopleVisitOnSeveralDevicesOverWeeks() {
        Map<String, Set<String>> devices = new HashMap<>();
        Map<String, long[]> span = new HashMap<>();
        for (List<String> r : SAMPLE.eventRows()) {
            if (!r.get(3).isEmpty()) {
                devices.computeIfAbsent(r.get(3), k -> new HashSet<>()).add(r.get(2));
            }
        }
        // A person's visits before identifying are anonymous; their visitor ids tie them together.
        Map<String, String> personOf = new HashMap<>();
        devices.forEach((u, vs) -> vs.forEach(v -> personOf.put(v, u)));
        for (List<String> r : SAMPLE.eventRows()) {
            String u = personOf.get(r.get(2));
            if (u != null) {
                long t = SampleLog.epochMillis(r.get(1));
                span.merge(u, new long[] {t, t}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        long multiDevice = devices.values().stream().filter(v -> v.size() > 1).count();
        assertThat(multiDevice).as("people identified on several devices").isGreaterThan(devices.size() / 6);
        long longCycles = span.values().stream().filter(s -> s[1] - s[0] > 21 * Timeline.DAY).count();
        assertThat(longCycles).as("people who visit for more than three weeks").isGreaterThan(span.size() / 4);
    }

    @Test
    void crmStagesFollowEachOtherWithDealValues() {
        long start = B2bSpec.sample().startDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = start + B2bSpec.sample().days() * Timeline.DAY;
        Map<String, Integer> stages = new HashMap<>();
        String previous = "";
        int answers = 0;
        int dark = 0;
        for (List<String> r : Files4.rows(SAMPLE.crm)) {
            long t = Instant.parse(r.get(0)).toEpochMilli();
            assertThat(t).isBetween(start, end - 1);
            assertThat(r.get(0)).as("sorted by time").isGreaterThanOrEqualTo(previous);
            previous = r.get(0);
            stages.merge(r.get(1), 1, Integer::sum);
            if (r.get(1).equals("lead_created")) {
                assertThat(r.get(2)).isEmpty();
            } else {
                assertThat(r.get(2)).matches("\\d+\\.00");
                assertThat(Double.parseDouble(r.get(2))).isBetween(4000.0, 220_000.0);
                assertThat(r.get(8)).isEmpty();
            }
            if (!r.get(8).isBlank()) {
                answers++;
                dark += B2bGenerator.DARK_SOCIAL_ANSWERS.contains(r.get(8)) ? 1 : 0;
            }
        }
        assertThat(stages.keySet()).containsExactlyInAnyOrder("lead_created", "opportunity_created", "closed_won", "closed_lost");
        B2bStats s = SAMPLE.stats;
        assertThat(stages.get("lead_created")).isEqualTo((int) s.leads()).isGreaterThan(100);
        assertThat(stages.get("closed_won")).isEqualTo((int) s.wonAccounts()).isGreaterThan(10);
        assertThat(stages.get("closed_lost")).isEqualTo((int) s.lostAccounts()).isGreaterThan(10);
        assertThat(s.opportunities()).isGreaterThanOrEqualTo(s.wonAccounts() + s.lostAccounts());
        assertThat(answers).isEqualTo((int) s.selfReported());
        assertThat(dark).isEqualTo((int) s.darkSocialAnswers());
        assertThat((double) dark / answers).as("dark-social share of answers").isBetween(0.2, 0.45);
    }

    @Test
    void spendIncludesCampaignsThatConvertNobody() {
        Set<String> campaignsInEvents = new HashSet<>();
        Map<String, Set<String>> visitorsByCampaign = new HashMap<>();
        Set<String> formVisitors = new HashSet<>();
        for (List<String> r : SAMPLE.eventRows()) {
            Matcher m = Pattern.compile("utm_campaign=([^&]+)").matcher(r.get(5));
            if (m.find()) {
                campaignsInEvents.add(m.group(1));
                visitorsByCampaign.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(r.get(2));
            }
            if (r.get(4).equals("form_submit")) {
                formVisitors.add(r.get(2));
            }
        }
        Map<String, Double> costByCampaign = new HashMap<>();
        Set<String> days = new HashSet<>();
        for (List<String> r : Files4.rows(SAMPLE.spend)) {
            assertThat(r.get(5)).isEqualTo("USD");
            assertThat(r.get(4)).matches("\\d+\\.\\d{2}");
            costByCampaign.merge(r.get(3), Double.parseDouble(r.get(4)), Double::sum);
            days.add(r.get(0));
        }
        assertThat(days).hasSize(B2bSpec.sample().days());
        assertThat(costByCampaign).containsKeys("brand_search", "abm_target_accounts", "prospecting_display", "thought_leader_ads");
        assertThat(campaignsInEvents).as("spend with no sessions at all").doesNotContain("thought_leader_ads");
        assertThat(visitorsByCampaign.get("prospecting_display")).as("clicked, never a form").isNotEmpty()
                .doesNotContainAnyElementsOf(formVisitors);
        assertThat(costByCampaign.get("thought_leader_ads") + costByCampaign.get("prospecting_display")).isGreaterThan(5000);
        assertThat(visitorsByCampaign.get("abm_target_accounts")).containsAnyElementsOf(formVisitors);
    }

    @Test
    void eventsAreASmallValidLogWithBotsAndMalformedRows() {
        B2bStats s = SAMPLE.stats;
        assertThat(s.events()).isBetween(10_000L, 20_000L);
        assertThat(SAMPLE.events.length()).isLessThan(5_000_000);
        List<List<String>> all = Files4.rows(SAMPLE.events);
        assertThat((long) all.size()).isEqualTo(s.eventRows());
        List<List<String>> ok = SAMPLE.eventRows();
        assertThat((long) all.size() - ok.size()).isEqualTo(s.malformed()).isEqualTo(8);
        assertThat(ok.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(s.events());
        assertThat(ok.stream().map(r -> r.get(2)).distinct().count()).isEqualTo(s.visitors());
        assertThat(ok.stream().filter(SampleLog::isBot).map(r -> r.get(2)).distinct().count()).isEqualTo(s.bots()).isPositive();
        Map<String, Long> names = new HashMap<>();
        ok.forEach(r -> names.merge(r.get(4), 1L, Long::sum));
        assertThat(names.keySet()).containsExactlyInAnyOrder("page_view", "form_submit", "signup");
        assertThat(ok.stream().filter(r -> r.get(4).equals("form_submit")).allMatch(r -> !r.get(3).isEmpty())).isTrue();
        assertThat(ok.stream().filter(r -> r.get(5).contains("gclid=")).count()).isPositive();
        assertThat(ok.stream().filter(r -> r.get(5).contains("msclkid=")).count()).isPositive();
        assertThat(ok.stream().filter(r -> r.get(5).contains("fbclid=")).count()).isPositive();
        long start = B2bSpec.sample().startDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(ok).allMatch(r -> {
            long t = SampleLog.epochMillis(r.get(1));
            return t >= start && t < start + 182 * Timeline.DAY;
        });
    }

    private static void check(List<Boolean> keys, String value, Set<String> known) {
        if (!value.isEmpty()) {
            keys.add(known.contains(value));
        }
    }

    private static String domain(String email) {
        return email.substring(email.indexOf('@') + 1);
    }
}
