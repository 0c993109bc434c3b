package io.touchpoint.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.privacy.ErasureList;
import io.touchpoint.core.privacy.Pseudonyms;
import io.touchpoint.core.selfreported.SelfReportedRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading CRM rows (docs/crm.md): keys, reasons, pseudonyms, answers and ids. */
class CrmRecordsTest {
    private static final Pseudonyms SECRET = Pseudonyms.ofSecret("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));

    private static CrmRecords reader() {
        return new CrmRecords(ZoneOffset.UTC, null, SECRET, null, SelfReportedRules.defaults());
    }

    private static CrmRecord read(CrmRecords r, Object... kv) {
        Map<CrmColumn, String> m = new EnumMap<>(CrmColumn.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((CrmColumn) kv[i], (String) kv[i + 1]);
        }
        return r.read("crm.csv", 1, m::get);
    }

    @Test
    void theFirstKeyInOrderIsTheKey() {
        CrmRecords r = reader();
        CrmRecord all = read(r, CrmColumn.EVENT_TIME, "2026-03-10T10:30:00Z", CrmColumn.STAGE, " lead_created ",
                CrmColumn.EMAIL, "A@B.example", CrmColumn.USER_ID, "u1", CrmColumn.VISITOR_ID, "v1", CrmColumn.CLICK_ID, "g1",
                CrmColumn.ACCOUNT_ID, "acct");
        assertThat(all.isValid()).isTrue();
        assertThat(all.key()).isEqualTo(CrmKey.VISITOR_ID);
        assertThat(all.keyValue()).isEqualTo("v1");
        assertThat(all.stage()).isEqualTo("lead_created");
        assertThat(all.timeMicros()).isEqualTo(Instant.parse("2026-03-10T10:30:00Z").toEpochMilli() * 1000);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T10:30:00Z", CrmColumn.STAGE, "x", CrmColumn.CLICK_ID, "g1",
                CrmColumn.USER_ID, "u1").key()).isEqualTo(CrmKey.CLICK_ID);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T10:30:00Z", CrmColumn.STAGE, "x", CrmColumn.EMAIL, " A@B.Example ",
                CrmColumn.ACCOUNT_ID, "acct").keyValue()).isEqualTo("a@b.example"); // e-mails lower-cased
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T10:30:00Z", CrmColumn.STAGE, "x", CrmColumn.ACCOUNT_ID, "acct")
                .key()).isEqualTo(CrmKey.ACCOUNT_ID);
    }

    @Test
    void everyProblemHasItsReasonAndNoDetailRepeatsAValue() {
        CrmRecords r = reader();
        assertThat(read(r, CrmColumn.EVENT_TIME, "a@b.example", CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u").reason())
                .isEqualTo(CrmReasons.BAD_TIME);
        assertThat(read(r, CrmColumn.EVENT_TIME, "a@b.example", CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u").detail())
                .doesNotContain("@");
        assertThat(read(r, CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u").reason()).isEqualTo(CrmReasons.BAD_TIME);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, " ", CrmColumn.USER_ID, "u").reason())
                .isEqualTo(CrmReasons.MISSING_STAGE);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.VALUE, "-5", CrmColumn.USER_ID, "u")
                .reason()).isEqualTo(CrmReasons.BAD_VALUE);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.VALUE, "lots", CrmColumn.USER_ID, "u")
                .reason()).isEqualTo(CrmReasons.BAD_VALUE);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.VALUE, "12.50").reason())
                .isEqualTo(CrmReasons.NO_KEY);
        CrmRecord ok = read(r, CrmColumn.EVENT_TIME, "1773138600000", CrmColumn.STAGE, "x", CrmColumn.VALUE, "12.50",
                CrmColumn.USER_ID, "u");
        assertThat(ok.isValid()).isTrue();
        assertThat(ok.value()).isEqualTo(12.5);
    }

    @Test
    void idsArePseudonymisedAsTheEventsAreButClickIdsAndAccountsAreNot() {
        Pseudonyms p = Pseudonyms.ofSecret("another-key-0123456789".getBytes(StandardCharsets.UTF_8));
        CrmRecords r = new CrmRecords(ZoneOffset.UTC, p, SECRET, null, null);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.EMAIL, "A@B.example").keyValue())
                .isEqualTo(p.apply("a@b.example"));
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.VISITOR_ID, "v1").keyValue())
                .isEqualTo(p.apply("v1"));
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.CLICK_ID, "g1").keyValue())
                .isEqualTo("g1");
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.ACCOUNT_ID, "acct").keyValue())
                .isEqualTo("acct");
    }

    @Test
    void anErasedPersonsRowsAreSkipped() {
        ErasureList erased = ErasureList.of(SECRET, List.of(ErasureList.secretEntry(SECRET, "a@b.example")));
        CrmRecords r = new CrmRecords(ZoneOffset.UTC, null, SECRET, erased, null);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.EMAIL, "A@B.example").reason())
                .isEqualTo(CrmReasons.ERASED);
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.EMAIL, "c@d.example").isValid())
                .isTrue();
    }

    @Test
    void answersAreKeptAsTheirChannelOnly() {
        CrmRecords r = reader();
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u",
                CrmColumn.SELF_REPORTED, "Heard it on a podcast").selfReportedChannel()).isEqualTo("Podcast");
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u",
                CrmColumn.SELF_REPORTED, "n/a").selfReportedChannel()).isNull();
        assertThat(read(r, CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "x", CrmColumn.USER_ID, "u",
                CrmColumn.SELF_REPORTED, "my uncle bob").selfReportedChannel()).isEqualTo(SelfReportedRules.OTHER);
    }

    @Test
    void idsAreStableKeyedAndDistinctForIdenticalRows() {
        Object[] row = {CrmColumn.EVENT_TIME, "2026-03-10T08:00:00Z", CrmColumn.STAGE, "closed_won", CrmColumn.VALUE, "5", CrmColumn.USER_ID, "u"};
        CrmRecords r = reader();
        String first = read(r, row).id();
        String second = read(r, row).id();
        assertThat(first).startsWith("crm-").isNotEqualTo(second);
        assertThat(read(reader(), row).id()).isEqualTo(first); // another run, the same rows: the same ids
        assertThat(new CrmRecords(ZoneOffset.UTC, null, Pseudonyms.ofSecret("yet-another-secret-0123".getBytes(StandardCharsets.UTF_8)),
                null, null).read("crm.csv", 1, m(row)).id()).isNotEqualTo(first); // keyed: not a plain hash of the content
    }

    private static java.util.function.Function<CrmColumn, String> m(Object[] kv) {
        Map<CrmColumn, String> m = new EnumMap<>(CrmColumn.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((CrmColumn) kv[i], (String) kv[i + 1]);
        }
        return m::get;
    }
}
