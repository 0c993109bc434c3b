package io.touchpoint.spark.person;

import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.OutRows;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Where a pass that builds journeys (the person pass, or the account pass when people are grouped
 * by account) puts their rows: {@code conversions} and {@code attribution_credit}, and its task's
 * partial sums of {@code attribution_summary}, handed out at the end of the task.
 */
final class AttributionOut {
    private final TableSink conversions;
    private final TableSink credit;
    private final TableSink journeys;
    private final OutRows journeyRows = new OutRows(AttributionSchema.JOURNEYS, new int[0]);
    private final OutRows attributionRows = new OutRows(AttributionSchema.SCHEMA, new int[0]);
    private final OutRows summaryRows = new OutRows(Tables.ATTRIBUTION_SUMMARY.schema(), new int[0]);
    /** This task's attribution_summary, summed per group. */
    private final Map<SummaryKey, double[]> summary = new HashMap<>();

    AttributionOut(PassOutput.Task task) {
        this.conversions = task.sink(Tables.CONVERSIONS.name());
        this.credit = task.sink(Tables.ATTRIBUTION_CREDIT.name());
        this.journeys = task.sink(Tables.JOURNEYS.name());
    }

    /** A row of {@link AttributionSchema#JOURNEYS}. */
    void journey(Object[] values) {
        journeys.write(journeyRows.row(values));
    }

    /** {@code rows} writing every journey here too. */
    io.touchpoint.spark.attribution.JourneyRows withJourneys(io.touchpoint.spark.attribution.JourneyRows rows,
                                                              java.time.ZoneId zone) {
        return rows.withJourneys(this::journey, zone);
    }

    /**
     * A conversion (V) or credit (R) row of {@link AttributionSchema}.
     *
     * @return whether it is a conversion the table keeps (dated in the run's range)
     */
    boolean accept(Object[] values) {
        boolean isCredit = AttributionSchema.CREDIT.equals(values[0]);
        InternalRow row = attributionRows.row(values);
        if (!isCredit) {
            return conversions.write(row);
        }
        if (credit.write(row)) {
            SummaryKey key = new SummaryKey(row.getUTF8String(A_GOAL), row.getUTF8String(A_MODEL),
                    row.getUTF8String(A_CHANNEL), row.isNullAt(A_CAMPAIGN) ? null : row.getUTF8String(A_CAMPAIGN),
                    row.getInt(A_DATE));
            double[] sum = summary.computeIfAbsent(key, x -> new double[3]);
            sum[0] += row.getDouble(A_CREDIT);
            sum[1] += row.getDouble(A_REVENUE_CREDIT);
            if (!row.isNullAt(A_INDEX)) { // an off-journey credit (hybrid's self-reported share) is no touchpoint
                sum[2]++;
            }
        }
        return false;
    }

    /** The task's partial sums, as rows of attribution_summary (add them up by group). */
    void summary(Consumer<InternalRow> emit) {
        for (Map.Entry<SummaryKey, double[]> e : summary.entrySet()) {
            SummaryKey k = e.getKey();
            double[] v = e.getValue();
            Object[] row = new Object[SUMMARY.size()];
            row[S_GOAL] = k.goal();
            row[S_MODEL] = k.model();
            row[S_CHANNEL] = k.channel();
            row[S_CAMPAIGN] = k.campaign();
            row[S_CONVERSIONS] = v[0];
            row[S_REVENUE] = v[1];
            row[S_TOUCHPOINTS] = (long) v[2];
            row[S_DATE] = k.day();
            emit.accept(summaryRows.row(row));
        }
    }

    /** A group of attribution_summary. */
    private record SummaryKey(UTF8String goal, UTF8String model, UTF8String channel, UTF8String campaign, int day) {
    }

    private static final Layout ATTRIBUTION = Layout.of(AttributionSchema.SCHEMA);
    private static final int A_GOAL = ATTRIBUTION.at("goal");
    private static final int A_MODEL = ATTRIBUTION.at("model");
    private static final int A_CHANNEL = ATTRIBUTION.at("channel");
    private static final int A_CAMPAIGN = ATTRIBUTION.at("campaign");
    private static final int A_DATE = ATTRIBUTION.at("conversion_date");
    private static final int A_INDEX = ATTRIBUTION.at("touchpoint_index");
    private static final int A_CREDIT = ATTRIBUTION.at("credit");
    private static final int A_REVENUE_CREDIT = ATTRIBUTION.at("revenue_credit");
    private static final Layout SUMMARY = Layout.of(Tables.ATTRIBUTION_SUMMARY.schema());
    private static final int S_GOAL = SUMMARY.at("goal");
    private static final int S_MODEL = SUMMARY.at("model");
    private static final int S_CHANNEL = SUMMARY.at("channel");
    private static final int S_CAMPAIGN = SUMMARY.at("campaign");
    private static final int S_CONVERSIONS = SUMMARY.at("conversions");
    private static final int S_REVENUE = SUMMARY.at("revenue");
    private static final int S_TOUCHPOINTS = SUMMARY.at("touchpoints");
    private static final int S_DATE = SUMMARY.at("conversion_date");
}
