package io.touchpoint.spark.crm;

import io.touchpoint.core.crm.CrmColumn;
import io.touchpoint.core.crm.CrmConfig;
import io.touchpoint.core.crm.CrmRecord;
import io.touchpoint.core.crm.CrmRecords;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.ingest.SideInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the CRM export ({@code touchpoint.crm}) into {@link CrmRecord}s on the driver.
 *
 * <p>A CRM export holds outcomes (leads, opportunities, deals), a few per buying person: far fewer
 * rows than the events, so it is read by one small Spark job and held on the driver (about 300
 * bytes a row: a million rows take some 300 MB), where each row is checked and keyed by core code
 * ({@link SideInput}). The events are never collected.
 */
public final class CrmInput {
    private CrmInput() {
    }

    /**
     * Every row of the export, in file order (files sorted by path), each numbered within its file.
     *
     * @throws TouchpointException (INPUT) when the path holds no file, or the files lack the time,
     *     the stage or every key column
     */
    public static List<CrmRecord> read(SparkSession spark, CrmConfig config, CrmRecords reader) {
        SideInput in = SideInput.read(spark, config.path(), "touchpoint.crm.path", config.format());
        List<String> names = new ArrayList<>();
        for (CrmColumn c : CrmColumn.values()) {
            names.add(in.column(config.columnOf(c)));
        }
        for (CrmColumn required : List.of(CrmColumn.EVENT_TIME, CrmColumn.STAGE)) {
            if (names.get(required.ordinal()) == null) {
                throw missing(config, required.columnName() + " column (named " + config.columnOf(required) + ")", in.columns());
            }
        }
        if (List.of(CrmColumn.USER_ID, CrmColumn.EMAIL, CrmColumn.ACCOUNT_ID, CrmColumn.VISITOR_ID, CrmColumn.CLICK_ID)
                .stream().allMatch(c -> names.get(c.ordinal()) == null)) {
            throw missing(config, "key column (one of user_id, email, account_id, visitor_id, click_id)", in.columns());
        }
        List<Row> rows = in.collect(names);
        List<CrmRecord> out = new ArrayList<>(rows.size());
        Map<String, Long> rowInFile = new HashMap<>();
        for (Row r : rows) {
            String file = r.getString(0);
            long n = rowInFile.merge(file, 1L, Long::sum);
            out.add(reader.read(file, n, c -> r.getString(1 + c.ordinal())));
        }
        return out;
    }

    private static TouchpointException missing(CrmConfig config, String what, String[] found) {
        return TouchpointException.input(config.path(), "The CRM export has no " + what,
                "Its columns are: " + String.join(", ", found) + ". Rename with touchpoint.crm.columns, e.g."
                        + " columns { event_time = \"CreatedDate\", stage = \"StageName\" } (docs/crm.md).", null);
    }
}
