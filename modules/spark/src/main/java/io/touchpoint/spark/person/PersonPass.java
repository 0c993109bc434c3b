package io.touchpoint.spark.person;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.ReadColumns;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.attribution.JourneyRows;
import io.touchpoint.spark.funnel.FunnelColumns;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.core.config.DateRange;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.pipeline.EpochDays;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.session.SessionizedColumns;
import io.touchpoint.spark.session.SparkSessionizer;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.SparkRows;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Everything Touchpoint computes per person, in one shuffle and one sorted pass: the sessionised
 * stream's sessions and conversions (for journeys and every model) and its events (for every
 * funnel) are repartitioned by person together, sorted by (person, time, sessions before
 * conversions before events), and streamed once through the core journey builder and funnel
 * matchers. The events travel packed into their sessions' rows ({@link EventPacker}), which made
 * the shuffle a quarter of the rows it was, and are merged back into each person's time order on
 * the way out. Adding models or funnels adds no Spark job and no shuffle.
 */
public final class PersonPass {
    private PersonPass() {
    }

    /** Counter names of the person pass: people with a session in the range, funnel trends. */
    public static final String PEOPLE = "people";
    public static final String TREND = "trend\t";

    /**
     * What the person pass writes: {@code conversions}, {@code attribution_credit} and
     * {@code funnel_progress} (rows dated in the range), its counters and sums.
     */
    public record Output(PassOutput output, DateRange range) implements java.io.Serializable {
    }

    /**
     * @param sessionized rows of {@link SessionizedSchema}
     * @param journeys build journeys and credits (sessions and conversions go in)
     * @return partial sums of {@code attribution_summary} per task, in its columns (add them up by group)
     */
    public static Dataset<Row> run(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys, Output out) {
        AttributionConfig attribution = config.attribution();
        Funnels fs = config.funnels();
        // Grouped by account (a run with journeys only), the account pass builds the journeys and matches the account funnels.
        boolean byAccount = journeys && AccountPass.needed(config);
        boolean withFunnels = fs.all().stream().anyMatch(f -> !byAccount || f.unit() != FunnelDefinition.Unit.ACCOUNT);
        ZoneId zone = config.input().timeZone();
        Dataset<Row> packed = packed(config, sessionized, journeys);
        Dataset<Row> sorted = packed.repartition(SparkSessionizer.shufflePartitions(packed), col("person_id"))
                .sortWithinPartitions("person_id", "t", "k", "id");
        List<io.touchpoint.core.conversion.Goal> goals = config.goals().all();
        StructType outSchema = byAccount ? AccountPass.staged(sorted.schema()) : Tables.ATTRIBUTION_SUMMARY.schema();
        Staging staging = byAccount ? new Staging(AccountPass.needsEvents(fs), sorted.schema()) : null;
        return SparkRows.mapPartitions(sorted, outSchema, rows -> new PersonIterator(rows,
                journeys && !byAccount ? attribution : null, goals, withFunnels ? fs : null, zone, out, staging));
    }

    /**
     * The pass's rows before the shuffle: {@link #input}'s columns up to the account, then each
     * session's funnel events packed into its row (one row per session through the shuffle, not
     * one per event), as {@link EventPacker} makes them.
     */
    static Dataset<Row> packed(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys) {
        int funnelCount = config.funnels().all().size();
        Dataset<Row> perRow = input(config, sessionized, journeys, null);
        StructType packedSchema = new StructType(java.util.Arrays.copyOf(perRow.schema().fields(), EVENTS))
                .add("events", DataTypes.BinaryType);
        return SparkRows.mapPartitions(perRow, packedSchema,
                in -> new EventPacker(in, funnelCount, FUNNEL_COLUMNS, EVENT, SESSION));
    }

    /**
     * What the person pass hands the account pass when people are grouped by account
     * ({@link AccountPass}): each person's rows, once the person's account is known (their latest
     * claim, so the person's last row), with that account.
     *
     * Everyone goes on, people without an account as groups of their own.
     *
     * @param events stage the funnel events (account funnels), else sessions and conversions only
     * @param packed the layout of the pass's rows
     */
    record Staging(boolean events, StructType packed) implements java.io.Serializable {
    }

    /**
     * Which columns of the sessionised stream the pass reads from each kind of row (the visitor
     * pass leaves the others null), found by analysing the pass's input select (no job runs).
     */
    public static SessionizedColumns reads(org.apache.spark.sql.SparkSession spark, TouchpointConfig config, boolean journeys) {
        return new SessionizedColumns(
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.EVENT)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.SESSION)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, journeys, SessionizedSchema.Kind.CONVERSION)));
    }

    /**
     * The sessionised rows the pass reads, in its columns: person_id, session_id, t, k, id, journey,
     * then each funnel's {@link FunnelColumns#perFunnel} columns (null but for events).
     *
     * @param only the one kind of row to build this for (to find which columns that kind needs), or
     *     null for the pass itself, which reads every kind
     */
    private static Dataset<Row> input(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys,
                                      SessionizedSchema.Kind only) {
        Funnels fs = config.funnels();
        boolean withFunnels = !fs.all().isEmpty(); // events go in only for funnels to match
        Column kind = col("kind");
        Column isEvent = kind.equalTo(SessionizedSchema.EVENT);
        // Events carry only what the funnel matchers read; sessions and conversions carry their
        // journey fields in one struct (one null for an event, not a dozen).
        Column journey = struct(SessionizedSchema.columns(JourneyRows.FIELDS));
        // A session's touchpoint reads only its start and source: the conversion's fields stay null
        // (so the visitor pass leaves them out of session rows too).
        Column[] touchpoint = new Column[JourneyRows.FIELDS.length];
        for (int i = 0; i < touchpoint.length; i++) {
            String f = JourneyRows.FIELDS[i];
            touchpoint[i] = JourneyRows.SESSION_FIELDS.contains(f) ? col(f)
                    : lit(null).cast(SessionizedSchema.SCHEMA.apply(f).dataType()).as(f);
        }
        Column sessionJourney = struct(touchpoint);
        Column[] per = withFunnels ? FunnelColumns.perFunnel(fs) : new Column[0];
        Column journeyId = coalesce(col("conversion_id"), col("session_id"));
        // Grouped by account, a row's account claim (its visitor's) decides its person's account.
        Column account = AccountPass.needed(config) ? byKind(only, col("account_id"), col("account_id"), lit(null))
                : lit(null).cast(DataTypes.StringType);
        List<Column> select = new ArrayList<>(List.of(
            col("person_id"), col("session_id"),
            byKind(only, col("session_start"), col("event_time"), col("event_time")).as("t"),
            // At equal times sessions come first (a session starting with the conversion is in its journey).
            byKind(only, lit(SESSION), lit(CONVERSION), lit(EVENT)).as("k"),
            byKind(only, journeyId, journeyId, col("event_id")).as("id"),
            // Without journeys a session row only carries its events: no journey fields go along.
            (journeys ? byKind(only, sessionJourney, journey, lit(null)) : lit(null)).as("journey"),
            account.as("account")));
        for (int i = 0; i < per.length; i++) {
            select.add(byKind(only, lit(null), lit(null), per[i]).as("f" + i));
        }
        // Sessions always go in: the pass counts the people of the run's range from them.
        Column keep = kind.equalTo(SessionizedSchema.SESSION);
        if (journeys) {
            keep = keep.or(kind.equalTo(SessionizedSchema.CONVERSION));
        }
        if (withFunnels) {
            keep = keep.or(kind.equalTo(SessionizedSchema.SESSION)); // they carry their events (EventPacker)
            Column events = isEvent;
            if (fs.all().stream().noneMatch(FunnelDefinition::needsEventsMatchingNothing)) {
                // No funnel needs the events that match nothing; leave them out of the shuffle.
                Column matches = lit(false);
                for (int i = 0; i < per.length; i++) {
                    // A funnel without exclusions has the constant 0 as its mask: nothing to test
                    // (and Spark would warn of a trivially true predicate, 0 = 0, on the user's terminal).
                    if (FunnelColumns.isMask(i) && !per[i].equals(lit(0L))) {
                        matches = matches.or(per[i].notEqual(lit(0L)));
                    }
                }
                events = events.and(matches);
            }
            keep = keep.or(events);
        }
        return sessionized.where(only == null ? keep : keep.and(kind.equalTo(only.code()))).select(select.toArray(Column[]::new));
    }

    /**
     * The column for a session, a conversion and an event row: by kind (one test of the kind where
     * two kinds share their column), or the one kind's alone.
     */
    private static Column byKind(SessionizedSchema.Kind only, Column session, Column conversion, Column event) {
        if (only == null) {
            Column kind = col("kind");
            if (session.equals(conversion)) {
                return when(kind.equalTo(SessionizedSchema.EVENT), event).otherwise(session);
            }
            if (conversion.equals(event)) {
                return when(kind.equalTo(SessionizedSchema.SESSION), session).otherwise(event);
            }
            return when(kind.equalTo(SessionizedSchema.SESSION), session)
                    .when(kind.equalTo(SessionizedSchema.EVENT), event).otherwise(conversion);
        }
        return switch (only) {
            case SESSION -> session;
            case CONVERSION -> conversion;
            case EVENT -> event;
        };
    }

    /** Sort rank of the kinds at equal times, and how the pass tells them apart. */
    private static final int SESSION = 0;
    private static final int CONVERSION = 1;
    private static final int EVENT = 2;

    /**
     * Routes each row to its half; buffers at most one journey's or one person's output. Reads
     * Spark's own rows: the person and session ids are compared as bytes and decoded when they change.
     * The funnel events come packed in their sessions' rows, each session's in time order; they are
     * merged into the person's time order (then event id, as the sort had them) and handed to the
     * funnels as soon as no row still to come can hold an earlier one.
     */
    private static final class PersonIterator extends StreamingPass {
        private final JourneyRows journeys;
        private final AttributionOut attribution;
        private final FunnelUnits funnels;
        private final EventMerge events;
        private final PassOutput.Task task;
        private final ProgressOut progress;
        private final EpochDays days;
        private final LastString person = new LastString();
        private final LastString session = new LastString();
        /** Grouped by account: what goes to the account pass, and the person's rows held till their account is known. */
        private final Staging staging;
        private final List<InternalRow> held = new ArrayList<>();
        private final org.apache.spark.sql.types.DataType[] packedTypes;
        /** The current person's latest account claim so far (their rows come in time order). */
        private UTF8String account;
        private String current;
        private boolean personInRange;
        private long people;
        private final long firstDay;
        private final long lastDay;

        PersonIterator(Iterator<InternalRow> in, AttributionConfig attribution, List<io.touchpoint.core.conversion.Goal> goals,
                       Funnels funnels, ZoneId zone, Output out, Staging staging) {
            super(in);
            this.task = out.output().open();
            this.attribution = attribution == null ? null : new AttributionOut(task);
            this.progress = funnels == null ? null : new ProgressOut(task);
            this.days = new EpochDays(zone);
            this.firstDay = out.range().isAll() ? Long.MIN_VALUE : out.range().from().toEpochDay();
            this.lastDay = out.range().isAll() ? Long.MAX_VALUE : out.range().to().toEpochDay();
            this.journeys = attribution == null ? null : this.attribution.withJourneys(new JourneyRows(attribution, goals,
                    this.attribution::accept, (row, outcome) -> task.count(io.touchpoint.spark.crm.CrmRows.OUTCOME + outcome + "\t" + row, 1)),
                    zone);
            // Grouped by account, the account funnels are the account pass's.
            this.funnels = funnels == null ? null : new FunnelUnits(funnels, zone, progress::accept,
                    f -> staging == null || f.unit() != FunnelDefinition.Unit.ACCOUNT);
            this.events = funnels == null ? null : new EventMerge(funnels.all().size());
            this.staging = staging;
            this.packedTypes = staging == null ? null
                    : java.util.Arrays.stream(staging.packed().fields()).map(f -> f.dataType())
                            .toArray(org.apache.spark.sql.types.DataType[]::new);
        }

        /** Row: person_id, session_id (null for a session: its id), t, k, id, journey, account, events. */
        @Override
        protected void push(InternalRow r) {
            int k = r.getInt(K);
            long t = r.getLong(T);
            String p = person.of(r.getUTF8String(PERSON));
            if (p != current) { // a new instance: other bytes
                eventsBefore(Long.MAX_VALUE);
                endPerson();
                current = p;
            } else {
                eventsBefore(t); // rows come by time: no later row holds an event before t
            }
            // A session row's id is its session id (the shuffle does not carry it twice).
            String s = session.of(r.getUTF8String(k == SESSION ? ID : SESSION_ID));
            if (k == SESSION && !personInRange) {
                int day = days.of(t);
                personInRange = day >= firstDay && day <= lastDay;
            }
            if (staging != null) {
                hold(r, k);
            }
            if (k != EVENT && journeys != null) {
                journeys.push(k == SESSION, p, s, t, r.getStruct(JOURNEY, JourneyRows.FIELDS.length));
            }
            if (funnels != null && !r.isNullAt(EVENTS)) {
                events.add(r.getBinary(EVENTS), t, s);
            }
        }

        /** Grouped by account: holds a copy of the row for the account pass, and notes its account claim. */
        private void hold(InternalRow r, int k) {
            if (!r.isNullAt(ACCOUNT)) {
                account = r.getUTF8String(ACCOUNT).clone();
            }
            if (k != EVENT || staging.events()) {
                held.add(r.copy());
            }
        }

        /** The person's rows are all in: count them, and hand their rows on to the account pass. */
        private void endPerson() {
            if (personInRange) {
                people++;
            }
            personInRange = false;
            if (staging == null) {
                return;
            }
            for (InternalRow r : held) {
                Object[] v = new Object[AccountPass.STAGED_EXTRA + packedTypes.length];
                v[0] = account; // the person's latest claim: the group the account pass puts them in
                for (int i = 0; i < packedTypes.length; i++) {
                    v[AccountPass.STAGED_EXTRA + i] = r.isNullAt(i) ? null : r.get(i, packedTypes[i]);
                }
                if (!staging.events()) {
                    v[AccountPass.STAGED_EXTRA + EVENTS] = null;
                }
                emit(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(v));
            }
            held.clear();
            account = null;
        }

        /** Hands the funnels the current person's events timed before {@code t}, in order. */
        private void eventsBefore(long t) {
            if (events != null) {
                events.before(t, current, funnels);
            }
        }

        @Override
        protected void end() {
            if (journeys != null) {
                journeys.finish();
            }
            eventsBefore(Long.MAX_VALUE);
            if (funnels != null) {
                funnels.end();
            }
            endPerson();
            task.count(PEOPLE, people);
            if (progress != null) {
                progress.countTrends(task);
            }
            if (attribution != null) {
                attribution.summary(this::emit);
            }
            io.touchpoint.spark.output.Pause.at("person-pass"); // a crash test's point: tables half-staged
            task.finish();
        }
    }

    /** The shuffled rows' columns: {@link EventPacker}'s. */
    private static final int PERSON = EventPacker.PERSON;
    private static final int SESSION_ID = EventPacker.SESSION;
    private static final int T = EventPacker.T;
    private static final int K = EventPacker.K;
    private static final int ID = EventPacker.ID;
    private static final int JOURNEY = EventPacker.JOURNEY;
    private static final int ACCOUNT = EventPacker.ACCOUNT;
    static final int EVENTS = EventPacker.EVENTS;

    /** Where the pass's input rows keep funnel 0's columns: after the account. */
    private static final int FUNNEL_COLUMNS = ACCOUNT + 1;
}
