package io.touchpoint.core.crm;

import java.io.Serializable;

/**
 * One row of the CRM input as read: valid ({@link #reason} null) or not, with the reason.
 *
 * <p>It holds no personal value as read: the key value is pseudonymised when
 * {@code privacy.pseudonymise} is on (as the events' ids are, so they still match), the e-mail is
 * only ever a user id to match, and the self-reported answer is kept as its channel only.
 *
 * @param file the CRM file the row came from
 * @param row the row's number within its file (1: the first data row; a header is not counted)
 * @param timeMicros when the record reached its stage, UTC epoch microseconds; null when unreadable
 * @param stage the stage reached, as the CRM writes it (stripped); null when missing
 * @param value the row's value (null: none)
 * @param key the key it is matched on (the first present, {@link CrmKey}); null when it has none
 * @param keyValue that key's value, as the events hold such ids (pseudonymised when they are)
 * @param selfReportedChannel the channel its self-reported answer maps to; null: no answer
 * @param id a stable id of the row (from its content, not its position): conversion ids derive from it
 * @param reason why it cannot be used (a {@code crm_unmatched} reason), or null
 * @param detail more about the reason (no personal value), or null
 */
public record CrmRecord(String file, long row, Long timeMicros, String stage, Double value, CrmKey key, String keyValue,
                        String selfReportedChannel, String id, String reason, String detail) implements Serializable {

    public boolean isValid() {
        return reason == null;
    }

    /** This row, unmatched for {@code reason}. */
    public CrmRecord unmatched(String why, String more) {
        return new CrmRecord(file, row, timeMicros, stage, value, key, keyValue, selfReportedChannel, id, why, more);
    }
}
