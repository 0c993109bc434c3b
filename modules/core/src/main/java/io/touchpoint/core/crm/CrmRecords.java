package io.touchpoint.core.crm;

import io.touchpoint.core.ingest.EventTimeParser;
import io.touchpoint.core.ingest.RevenueParser;
import io.touchpoint.core.privacy.ErasureList;
import io.touchpoint.core.privacy.Pseudonyms;
import io.touchpoint.core.selfreported.SelfReportedRules;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads CRM rows into {@link CrmRecord}s: validates them, picks the key, pseudonymises ids as the
 * events' are, maps the self-reported answer to a channel and gives each row a stable id. Not
 * thread-safe: one reader reads one run's rows in order (identical rows are told apart by their
 * order, see {@link #read}). A reason's detail never repeats a value of the row: a misaligned row
 * could put an e-mail where the time should be.
 */
public final class CrmRecords {
    private final EventTimeParser times;
    private final Pseudonyms pseudonyms;
    private final Pseudonyms ids;
    private final ErasureList erasures;
    private final SelfReportedRules rules;
    /** How often each row content was seen: the n-th identical row gets its own id. */
    private final Map<String, Integer> seen = new HashMap<>();

    /**
     * @param zone the time zone of times without an offset (the input's)
     * @param pseudonyms the run's pseudonyms of visitor and user ids, or null when they are kept
     * @param secret the output folder's keyed hash: the rows' ids are keyed hashes of their content
     * @param erasures ids erased from the output (their rows are skipped), or null
     * @param rules the self-reported rules (the answers' channels), or null to read no answer
     */
    public CrmRecords(ZoneId zone, Pseudonyms pseudonyms, Pseudonyms secret, ErasureList erasures, SelfReportedRules rules) {
        this.times = new EventTimeParser(zone);
        this.pseudonyms = pseudonyms;
        this.ids = pseudonyms != null ? pseudonyms : secret;
        this.erasures = erasures == null || erasures.isEmpty() ? null : erasures;
        this.rules = rules;
    }

    /**
     * One row.
     *
     * @param field the row's value of each canonical column (null or blank: none)
     */
    public CrmRecord read(String file, long row, Function<CrmColumn, String> field) {
        String stage = blankToNull(field.apply(CrmColumn.STAGE));
        String timeText = blankToNull(field.apply(CrmColumn.EVENT_TIME));
        OptionalLong time = times.parseMicros(timeText);
        Long micros = time.isPresent() ? time.getAsLong() : null;
        String valueText = blankToNull(field.apply(CrmColumn.VALUE));
        Double value = valueText == null ? null : RevenueParser.read(valueText);
        boolean badValue = value != null && (value.isNaN() || value < 0);
        String visitor = blankToNull(field.apply(CrmColumn.VISITOR_ID));
        String click = blankToNull(field.apply(CrmColumn.CLICK_ID));
        String user = blankToNull(field.apply(CrmColumn.USER_ID));
        String email = blankToNull(field.apply(CrmColumn.EMAIL));
        email = email == null ? null : email.toLowerCase(Locale.ROOT);
        String account = blankToNull(field.apply(CrmColumn.ACCOUNT_ID));
        CrmKey key = visitor != null ? CrmKey.VISITOR_ID : click != null ? CrmKey.CLICK_ID : user != null ? CrmKey.USER_ID
                : email != null ? CrmKey.EMAIL : account != null ? CrmKey.ACCOUNT_ID : null;
        String raw = switch (key == null ? CrmKey.ACCOUNT_ID : key) {
            case VISITOR_ID -> visitor;
            case CLICK_ID -> click;
            case USER_ID -> user;
            case EMAIL -> email;
            case ACCOUNT_ID -> account;
        };
        // Ids are matched as the events hold them: pseudonyms when the run makes them.
        String keyValue = key != null && key != CrmKey.CLICK_ID && key != CrmKey.ACCOUNT_ID && pseudonyms != null
                ? pseudonyms.apply(raw) : raw;
        String answer = field.apply(CrmColumn.SELF_REPORTED);
        String channel = rules == null ? null : rules.channelOf(answer);
        String content = String.join("\t", String.valueOf(stage), String.valueOf(micros), String.valueOf(valueText),
                String.valueOf(key), String.valueOf(keyValue));
        int n = seen.merge(content, 1, Integer::sum);
        String id = "crm-" + ids.shortHash(n == 1 ? content : content + "\t#" + n);
        CrmRecord r = new CrmRecord(file, row, micros, stage, badValue ? null : value, key, keyValue, channel, id, null, null);
        if (erased(visitor, user, email)) {
            return r.unmatched(CrmReasons.ERASED, null);
        }
        if (micros == null) {
            return r.unmatched(CrmReasons.BAD_TIME, timeText == null ? "no event_time"
                    : "not a time in a format Touchpoint reads (ISO-8601, or epoch milliseconds)");
        }
        if (stage == null) {
            return r.unmatched(CrmReasons.MISSING_STAGE, null);
        }
        if (badValue) {
            return r.unmatched(CrmReasons.BAD_VALUE, "not a number of at least 0");
        }
        if (key == null) {
            return r.unmatched(CrmReasons.NO_KEY, "none of user_id, email, account_id, visitor_id, click_id has a value");
        }
        return r;
    }

    private boolean erased(String... raw) {
        if (erasures == null) {
            return false;
        }
        for (String id : raw) {
            if (id != null && (erasures.erasedRaw(id) || pseudonyms != null && erasures.erasedPseudonym(pseudonyms.apply(id)))) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
