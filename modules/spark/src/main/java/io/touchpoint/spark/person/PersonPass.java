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
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.attribution.JourneyRows;
import io.touchpoint.spark.funnel.FunnelColumns;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.spark.ingest.CarriedColumns;
import io.touchpoint.spark.ingest.InputReader;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.session.SparkSessionizer;
import io.touchpoint.spark.session.SessionizedColumns;
import io.touchpoint.spark.session.SessionizedSchema;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.OutRows;
import io.touchpoint.spark.rows.SparkRows;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

    /**
     * @param sessionized rows of {@link SessionizedSchema}
     * @param journeys build journeys and credits (sessions and conversions go in)
     * @return rows of {@link PersonSchema}
     */
    public static Dataset<Row> run(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys) {
        return run(config, sessionized, journeys, ReadColumns.all(PersonSchema.SCHEMA));
    }

    private static Dataset<Row> run(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys, ReadColumns read) {
        AttributionConfig attribution = config.attribution();
        Funnels fs = config.funnels();
        boolean withFunnels = !fs.all().isEmpty();
        ZoneId zone = config.input().timeZone();
        // Each session's funnel events ride in its row through the shuffle: one row per session, not per event.
        int funnelCount = fs.all().size();
        Dataset<Row> perRow = input(config, sessionized, journeys, null);
        // The shuffled rows: the pass's columns up to the journey, then the events packed into their sessions.
        StructType packedSchema = new StructType(java.util.Arrays.copyOf(perRow.schema().fields(), EVENTS))
                .add("events", DataTypes.BinaryType);
        Dataset<Row> packed = SparkRows.mapPartitions(perRow, packedSchema,
                in -> new EventPacker(in, funnelCount, FUNNEL_COLUMNS, EVENT, SESSION));
        Dataset<Row> sorted = packed.repartition(col("person_id")).sortWithinPartitions("person_id", "t", "k", "id");
        return SparkRows.mapPartitions(sorted, PersonSchema.SCHEMA, rows -> new PersonIterator(rows,
                journeys ? attribution : null, withFunnels ? fs : null, zone, read));
    }

    /**
     * The sessionised rows the pass reads, in its columns: person_id, session_id, t, k, id, journey,
     * then each funnel's {@link FunnelColumns#perFunnel} columns (null but for events).
     *
     * @param only the one kind of row to build this for (to find which columns that kind needs), or
     *     null for the pass itself, which reads every kind
     */
    private static Dataset<Row> input(TouchpointConfig config, Dataset<Row> sessionized, boolean journeys, String only) {
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
        List<Column> select = new ArrayList<>(List.of(
            col("person_id"), col("session_id"),
            byKind(only, col("session_start"), col("event_time"), col("event_time")).as("t"),
            // At equal times sessions come first (a session starting with the conversion is in its journey).
            byKind(only, lit(SESSION), lit(CONVERSION), lit(EVENT)).as("k"),
            byKind(only, journeyId, journeyId, col("event_id")).as("id"),
            // Without journeys a session row only carries its events: no journey fields go along.
            (journeys ? byKind(only, sessionJourney, journey, lit(null)) : lit(null)).as("journey")));
        for (int i = 0; i < per.length; i++) {
            select.add(byKind(only, lit(null), lit(null), per[i]).as("f" + i));
        }
        Column keep = lit(false);
        if (journeys) {
            keep = keep.or(kind.isin(SessionizedSchema.SESSION, SessionizedSchema.CONVERSION));
        }
        if (withFunnels) {
            keep = keep.or(kind.equalTo(SessionizedSchema.SESSION)); // they carry their events (EventPacker)
            Column events = isEvent;
            if (fs.all().stream().noneMatch(FunnelDefinition::needsEventsMatchingNothing)) {
                // No funnel needs the events that match nothing; leave them out of the shuffle.
                Column matches = lit(false);
                for (int i = 0; i < per.length; i++) {
                    if (FunnelColumns.isMask(i)) {
                        matches = matches.or(per[i].notEqual(lit(0L)));
                    }
                }
                events = events.and(matches);
            }
            keep = keep.or(events);
        }
        return sessionized.where(only == null ? keep : keep.and(kind.equalTo(only))).select(select.toArray(Column[]::new));
    }

    /**
     * The column for a session, a conversion and an event row: by kind (one test of the kind where
     * two kinds share their column), or the one kind's alone.
     */
    private static Column byKind(String only, Column session, Column conversion, Column event) {
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
            case SessionizedSchema.SESSION -> session;
            case SessionizedSchema.CONVERSION -> conversion;
            default -> event;
        };
    }

    /**
     * The pipeline's computation alone, from the raw input to the person pass with nothing cached or
     * written: parse, one sorted pass by visitor, one by person (the benchmark's "compute" run).
     */
    public static Dataset<Row> fromInput(org.apache.spark.sql.SparkSession spark, TouchpointConfig config) {
        return fromInput(spark, config, UnaryOperator.identity());
    }

    /**
     * The same, read by {@code reader} (say, the summaries' filter and aggregate): each pass leaves
     * the columns nobody after it reads null, as Spark would prune them in SQL ({@link ReadColumns}).
     *
     * @return {@code reader} applied to the person pass's rows
     */
    public static Dataset<Row> fromInput(org.apache.spark.sql.SparkSession spark, TouchpointConfig config,
                                         UnaryOperator<Dataset<Row>> reader) {
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions());
        SessionRules rules = new SessionRules(config.sessions(), config.input().timeZone(), config.channelRules(),
                config.goals());
        Dataset<Row> accepted = InputReader.read(spark, config.input(), normalizer, CarriedColumns.forSummaries(config))
                .where(col("status").equalTo(ParsedSchema.ACCEPTED));
        SessionizedColumns sessionized = new SessionizedColumns(
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, true, SessionizedSchema.EVENT)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, true, SessionizedSchema.SESSION)),
                ReadColumns.readBy(spark, SessionizedSchema.SCHEMA, s -> input(config, s, true, SessionizedSchema.CONVERSION)));
        ReadColumns person = ReadColumns.readBy(spark, PersonSchema.SCHEMA, reader);
        return reader.apply(run(config, SparkSessionizer.sessionise(accepted, null, rules, sessionized), true, person));
    }

    /**
     * The pass over the whole sessionised stream, cached for the attribution and funnel stages,
     * which each read a part of it; call {@code unpersist()} when both are done.
     */
    public static Dataset<Row> cached(TouchpointConfig config, Dataset<Row> sessionized) {
        return run(config, sessionized, true).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    }

    /** The conversions (V) and credits (R), in {@link AttributionSchema} columns. */
    public static Dataset<Row> attribution(Dataset<Row> person) {
        return person.where(col("kind").isin(AttributionSchema.CONVERSION, AttributionSchema.CREDIT))
                .select(SessionizedSchema.columns(AttributionSchema.SCHEMA.fieldNames()));
    }

    /** The funnel_progress rows, in {@link FunnelUnits#SCHEMA} columns. */
    public static Dataset<Row> progress(Dataset<Row> person) {
        return person.where(col("kind").equalTo(PersonSchema.PROGRESS))
                .select(SessionizedSchema.columns(FunnelUnits.SCHEMA.fieldNames()));
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
        private final FunnelUnits funnels;
        private final int funnelCount;
        private long sessions;
        private long conversions;
        private final OutRows out;
        private final LastString person = new LastString();
        private final LastString session = new LastString();
        /** The open sessions' events, by their next event. */
        private final PriorityQueue<PackedEvents.Cursor> open = new PriorityQueue<>(PackedEvents.Cursor::compare);
        private String current;

        PersonIterator(Iterator<InternalRow> in, AttributionConfig attribution, Funnels funnels, ZoneId zone,
                       ReadColumns read) {
            super(in);
            this.out = read.out();
            this.journeys = attribution == null ? null
                    : new JourneyRows(attribution, v -> emit(out.row(PersonSchema.attribution(v))));
            this.funnels = funnels == null ? null : new FunnelUnits(funnels, zone,
                    (v, best) -> emit(out.row(PersonSchema.progress(v, best))));
            this.funnelCount = funnels == null ? 0 : funnels.all().size();
        }

        /** Row: person_id, session_id (null for a session: its id), t, k, id, journey, events. */
        @Override
        protected void push(InternalRow r) {
            int k = r.getInt(3);
            long t = r.getLong(2);
            String p = person.of(r.getUTF8String(0));
            if (p != current) { // a new instance: other bytes
                eventsBefore(Long.MAX_VALUE);
                current = p;
            } else {
                eventsBefore(t); // rows come by time: no later row holds an event before t
            }
            // A session row's id is its session id (the shuffle does not carry it twice).
            String s = session.of(r.getUTF8String(k == SESSION ? 4 : 1));
            if (k != EVENT && journeys != null) {
                if (k == SESSION) {
                    sessions++;
                } else {
                    conversions++;
                }
                journeys.push(k == SESSION, p, s, t, r.getStruct(5, JourneyRows.FIELDS.length));
            }
            if (funnels != null && !r.isNullAt(EVENTS)) {
                PackedEvents.Cursor c = new PackedEvents.Cursor(r.getBinary(EVENTS), t, s, funnelCount);
                if (c.advance()) {
                    open.add(c);
                }
            }
        }

        /** Hands the funnels the current person's events timed before {@code t}, in order. */
        private void eventsBefore(long t) {
            while (!open.isEmpty() && open.peek().time < t) {
                PackedEvents.Cursor c = open.poll();
                funnels.push(current, c.session, c.time, c.steps, c.exclusions, c.breakdowns);
                if (c.advance()) {
                    open.add(c);
                }
            }
        }

        @Override
        protected void end() {
            eventsBefore(Long.MAX_VALUE);
            if (funnels != null) {
                funnels.end();
            }
            emit(out.row(PersonSchema.totals(sessions, conversions)));
        }
    }

    /** Where a shuffled row keeps its packed events. */
    private static final int EVENTS = 6;

    /** Where the pass's input rows keep funnel 0's columns. */
    private static final int FUNNEL_COLUMNS = 6;
}
