package io.touchpoint.spark.crm;

import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.crm.CrmKey;
import io.touchpoint.core.crm.CrmReasons;
import io.touchpoint.core.crm.CrmRecord;
import io.touchpoint.core.attribution.JourneyBuilder;
import io.touchpoint.core.time.Micros;
import io.touchpoint.spark.session.SessionizedSchema;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One run's CRM rows on their way into the passes and back out as outcomes (docs/crm.md).
 *
 * <p>A row keyed by a user id or an e-mail names its person (a person is their latest user id), so
 * it joins the person pass's input directly ({@link #personRows}); a row keyed by a visitor id or a
 * click id reaches its person through the visitor pass ({@link #lookup}). The person pass tells the
 * outcome of each row it saw (counted per row number); {@link #outcomes} turns those into the
 * reconciliation and the {@code crm_unmatched} rows.
 */
public final class CrmRows {
    /** Counter prefix of the person pass's outcomes: {@code crm<TAB>outcome<TAB>row}. */
    public static final String OUTCOME = "crm\t";

    private final List<CrmRecord> records;
    private final ZoneId zone;
    /** Whether rows keyed by an account only go to the passes ({@link #accountRows}): journeys by account. */
    private final boolean byAccount;

    /** @param byAccount journeys are an account's ({@code attribution.unit = account}) */
    public CrmRows(List<CrmRecord> records, ZoneId zone, boolean byAccount) {
        this.records = List.copyOf(records);
        this.zone = zone;
        this.byAccount = byAccount;
    }

    public List<CrmRecord> records() {
        return records;
    }

    private int epochDay(CrmRecord r) {
        return (int) Micros.toInstant(r.timeMicros()).atZone(zone).toLocalDate().toEpochDay();
    }

    /** The valid rows keyed by a user id or e-mail, as rows of {@link SessionizedSchema} (kind C, a CRM stage). */
    public Dataset<Row> personRows(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord r = records.get(i);
            if (r.isValid() && r.key().namesPerson()) {
                Object[] v = SessionizedSchema.crmValues(r, i, r.keyValue(), null, epochDay(r));
                rows.add(RowFactory.create(external(v)));
            }
        }
        return spark.createDataFrame(rows, SessionizedSchema.SCHEMA);
    }

    /**
     * The valid rows keyed by an account only, as rows of {@link SessionizedSchema} without a person
     * (their {@code account_id} the key), for the account pass; none unless journeys are by account.
     */
    public Dataset<Row> accountRows(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; byAccount && i < records.size(); i++) {
            CrmRecord r = records.get(i);
            if (r.isValid() && r.key() == CrmKey.ACCOUNT_ID) {
                Object[] v = SessionizedSchema.withAccount(SessionizedSchema.crmValues(r, i, null, null, epochDay(r)), r.keyValue());
                rows.add(RowFactory.create(external(v)));
            }
        }
        return spark.createDataFrame(rows, SessionizedSchema.SCHEMA);
    }

    /** The valid rows keyed by a visitor id or a click id. */
    public CrmLookup lookup() {
        CrmLookup out = new CrmLookup();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord r = records.get(i);
            if (r.isValid() && (r.key() == CrmKey.VISITOR_ID || r.key() == CrmKey.CLICK_ID)) {
                out.add(new CrmLookup.Entry(i, r, epochDay(r)));
            }
        }
        return out;
    }

    /** Values of an internal row as the external row Spark's createDataFrame takes. */
    private static Object[] external(Object[] v) {
        StructField[] fields = SessionizedSchema.SCHEMA.fields();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                continue;
            }
            if (fields[i].dataType().equals(DataTypes.TimestampType)) {
                v[i] = Micros.toInstant((Long) v[i]);
            } else if (fields[i].dataType().equals(DataTypes.DateType)) {
                v[i] = LocalDate.ofEpochDay((Integer) v[i]);
            }
        }
        return v;
    }

    /**
     * What became of every row.
     *
     * @param unmatched the unmatched rows, in input order
     * @param byReason rows per reason, unmatched and skipped alike (sorted by reason)
     * @param matchedTwice rows matched to more than one person (a click id carried by several people's sessions)
     */
    public record Outcomes(long read, long matched, List<CrmRecord> unmatched, long skipped, Map<String, Long> byReason,
                           long matchedTwice) {
        /** For the manifest: unmatched and skipped rows by reason. */
        public io.touchpoint.core.run.CrmCounts counts() {
            Map<String, Long> skippedBy = new TreeMap<>();
            Map<String, Long> unmatchedBy = new TreeMap<>();
            byReason.forEach((reason, n) -> (isSkip(reason) ? skippedBy : unmatchedBy).put(reason, n));
            return new io.touchpoint.core.run.CrmCounts(read, matched, unmatchedBy, skippedBy);
        }
    }

    private static boolean isSkip(String reason) {
        return reason.equals(CrmReasons.ERASED) || reason.equals(CrmReasons.OUTSIDE_RANGE);
    }

    /**
     * @param counts the person pass's counters under {@link #OUTCOME} (prefix removed): outcome TAB row to how many times
     * @param range the run's dates: rows of other dates are skipped ({@link CrmReasons#OUTSIDE_RANGE})
     */
    public Outcomes outcomes(Map<String, Long> counts, DateRange range) {
        Map<Long, String> best = new java.util.HashMap<>();
        Map<Long, Long> matches = new java.util.HashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            int tab = e.getKey().indexOf('\t');
            String outcome = e.getKey().substring(0, tab);
            long row = Long.parseLong(e.getKey().substring(tab + 1));
            if (outcome.equals(JourneyBuilder.MATCHED)) {
                matches.merge(row, e.getValue(), Long::sum);
            }
            best.merge(row, outcome, CrmRows::better);
        }
        long matched = 0;
        long skipped = 0;
        long twice = 0;
        List<CrmRecord> unmatched = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord r = records.get(i);
            String reason = r.reason();
            if (reason == null && !range.isAll() && r.timeMicros() != null && !range.contains(LocalDate.ofEpochDay(epochDay(r)))) {
                reason = CrmReasons.OUTSIDE_RANGE;
            }
            if (reason == null) {
                String outcome = best.get((long) i);
                if (JourneyBuilder.MATCHED.equals(outcome)) {
                    matched++;
                    if (matches.getOrDefault((long) i, 0L) > 1) {
                        twice++;
                    }
                    continue;
                }
                reason = outcome == null ? notSeen(r.key())
                        : outcome.equals(JourneyBuilder.NO_PERSON) ? notSeen(r.key()) : outcome;
            }
            byReason.merge(reason, 1L, Long::sum);
            if (isSkip(reason)) {
                skipped++;
            } else {
                unmatched.add(r.reason() == null ? r.unmatched(reason, null) : r);
            }
        }
        return new Outcomes(records.size(), matched, unmatched, skipped, byReason, twice);
    }

    /** Of two outcomes of one row (its conversions of several goals, or several people): matched, else a touchpoint missing. */
    private static String better(String a, String b) {
        if (a.equals(JourneyBuilder.MATCHED) || b.equals(JourneyBuilder.MATCHED)) {
            return JourneyBuilder.MATCHED;
        }
        return a.equals(CrmReasons.NO_TOUCHPOINT) || b.equals(CrmReasons.NO_TOUCHPOINT) ? CrmReasons.NO_TOUCHPOINT : a;
    }

    /** The reason of a row whose key led to no person with a session. */
    private String notSeen(CrmKey key) {
        return switch (key) {
            case VISITOR_ID -> CrmReasons.UNKNOWN_VISITOR;
            case CLICK_ID -> CrmReasons.UNKNOWN_CLICK_ID;
            case USER_ID -> CrmReasons.UNKNOWN_USER;
            case EMAIL -> CrmReasons.UNKNOWN_EMAIL;
            case ACCOUNT_ID -> byAccount ? CrmReasons.UNKNOWN_ACCOUNT : CrmReasons.ACCOUNT_ONLY;
        };
    }

    /** A one-line account of the outcomes, for the run summary and the manifest. */
    public static String note(Outcomes o) {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                "CRM: %,d rows read = %,d matched + %,d unmatched (crm_unmatched) + %,d skipped", o.read(), o.matched(),
                o.unmatched().size(), o.skipped()));
        if (!o.byReason().isEmpty()) {
            Map<String, Long> m = new LinkedHashMap<>(o.byReason());
            s.append("; by reason: ");
            s.append(String.join(", ", m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        if (o.matchedTwice() > 0) {
            s.append(String.format(java.util.Locale.ROOT, "; %,d rows matched more than one person (a click id in several"
                    + " people's sessions) and count for each", o.matchedTwice()));
        }
        return s.append('.').toString();
    }
}
