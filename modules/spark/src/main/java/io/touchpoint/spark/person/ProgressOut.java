package io.touchpoint.spark.person;

import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.OutRows;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Where a pass that matches funnels (the person pass; the account pass for account funnels) puts
 * the units' rows: {@code funnel_progress}, the staged best attempts ({@link Tables#FUNNEL_BEST})
 * and, at the end of the task, the entries per funnel, day and level for {@code funnel_trends}.
 */
final class ProgressOut {
    private final TableSink progressTable;
    private final TableSink bestTable;
    private final OutRows bestRows = new OutRows(Tables.FUNNEL_BEST.schema(), new int[0]);
    private final OutRows progressRows = new OutRows(FunnelUnits.SCHEMA, new int[0]);
    /** Funnel entries per funnel, entry day and level, for funnel_trends. */
    private final Map<String, long[]> trends = new HashMap<>();

    ProgressOut(PassOutput.Task task) {
        this.progressTable = task.sink(Tables.FUNNEL_PROGRESS.name());
        this.bestTable = task.sinkOrNull(Tables.FUNNEL_BEST.name());
    }

    /** A funnel_progress row ({@link FunnelUnits}'s), and whether it is the unit's best attempt in this pass. */
    void accept(Object[] values, boolean best) {
        if (best && bestTable != null) {
            String funnel = (String) values[P_FUNNEL];
            Object breakdown = values[P_BREAKDOWN];
            long[] times = (long[]) values[P_STEP_TIMES];
            for (int pos = 0; pos < times.length; pos++) {
                Object[] b = new Object[Tables.FUNNEL_BEST.schema().size()];
                b[B_FUNNEL] = funnel;
                b[B_BREAKDOWN] = breakdown;
                b[B_POS] = pos;
                b[B_SECONDS] = pos == 0 ? null : (times[pos] - times[pos - 1]) / 1e6;
                bestTable.write(bestRows.row(b));
            }
        }
        InternalRow row = progressRows.row(values);
        if (progressTable.write(row)) {
            trends.computeIfAbsent(row.getUTF8String(P_FUNNEL) + "\t" + row.getInt(P_DATE) + "\t" + row.getInt(P_LEVEL),
                    x -> new long[1])[0]++;
        }
    }

    /** Counts the task's funnel entries ({@link PersonPass#TREND}). */
    void countTrends(PassOutput.Task task) {
        trends.forEach((key, n) -> task.count(PersonPass.TREND + key, n[0]));
    }

    private static final Layout PROGRESS = Layout.of(FunnelUnits.SCHEMA);
    private static final int P_FUNNEL = PROGRESS.at("funnel");
    private static final int P_DATE = PROGRESS.at("entered_date");
    private static final int P_LEVEL = PROGRESS.at("level");
    private static final int P_BREAKDOWN = PROGRESS.at("breakdown");
    private static final int P_STEP_TIMES = PROGRESS.at("step_times");
    private static final Layout BEST = Layout.of(Tables.FUNNEL_BEST.schema());
    private static final int B_FUNNEL = BEST.at("funnel");
    private static final int B_BREAKDOWN = BEST.at("breakdown");
    private static final int B_POS = BEST.at("pos");
    private static final int B_SECONDS = BEST.at("seconds");
}
