package io.touchpoint.spark.session;

import static org.apache.spark.sql.functions.col;

import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import io.touchpoint.core.session.SessionRules;
import io.touchpoint.core.session.SessionizedEvent;
import io.touchpoint.core.session.Sessionizer;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.traffic.TrafficSource;
import io.touchpoint.spark.ReadColumns;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.IngestPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.OutRows;
import io.touchpoint.spark.rows.SparkRows;
import java.util.Iterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs the core {@link Sessionizer} over Spark: one shuffle by visitor, one sort within partitions,
 * and one streaming pass that names each visitor's person and account and emits events (with
 * session, person and account), sessions and conversions together, and the CRM rows keyed by the
 * visitor's id or by a click id its pages carried ({@link io.touchpoint.spark.crm.CrmLookup}), now
 * with their person. Every row of a visitor carries the visitor's account: its latest account
 * claim (docs/accounts.md). The pass reads and writes Spark's own rows: a
 * visitor's id is compared as bytes and decoded once per visitor, and an event's values leave as
 * the very Spark strings they came in as.
 */
public final class SparkSessionizer {
    private SparkSessionizer() {
    }

    /**
     * What the visitor pass writes and counts: the {@code events} and {@code sessions} tables (rows
     * dated in the run's range) and, per task, sessions by channel, visitors and conversions.
     */
    public record Output(PassOutput output, SessionizedColumns read, boolean storeUserAgent,
                         org.apache.spark.broadcast.Broadcast<io.touchpoint.spark.crm.CrmLookup> crm) implements java.io.Serializable {
        /** The default of {@code privacy.store-user-agent}: the events table holds no raw user agent. */
        public Output(PassOutput output, SessionizedColumns read) {
            this(output, read, io.touchpoint.core.privacy.PrivacyConfig.DEFAULT.storeUserAgent());
        }

        /** Without CRM rows keyed by visitor or click id. */
        public Output(PassOutput output, SessionizedColumns read, boolean storeUserAgent) {
            this(output, read, storeUserAgent, null);
        }
    }

    /** Counter names of the visitor pass. */
    public static final String CHANNEL = "channel:";
    public static final String VISITORS = "visitors";
    public static final String CONVERSIONS = "conversions";
    /** Counter: accepted events carrying a self-reported answer (touchpoint.self-reported.column). */
    public static final String ANSWERS = "answers";

    /**
     * @param events rows of {@link IngestPass#schema}: the accepted events, with
     *     {@link IngestPass#IN_WINDOW} for a range run (rows outside the read window name the person
     *     only); the people are decided over all of them, so every run agrees on who is who
     * @param out the tables the pass writes and the columns its reader reads, by kind of row
     * @return rows of {@link SessionizedSchema}, the unread columns null
     */
    public static Dataset<Row> sessionise(Dataset<Row> events, SessionRules rules, Output out) {
        return sessionise(events, rules, out, VISITOR_ROWS_IN_MEMORY);
    }

    /** As above, holding at most {@code visitorRowsInMemory} rows of one visitor in memory (tests spill with few). */
    static Dataset<Row> sessionise(Dataset<Row> events, SessionRules rules, Output out, int visitorRowsInMemory) {
        // A visitor's person is its latest user_id in the core's event order, and its account its
        // latest account claim. The pass holds each visitor's rows until its last one, so both come
        // from the same shuffle and sort the sessioniser needs: no window operator (which copied
        // every row twice), no aggregate, no join.
        Dataset<Row> sorted = events.repartition(shufflePartitions(events), col("visitor_id")).sortWithinPartitions(ORDER_WITH_VISITOR);
        int inWindowIdx = java.util.Arrays.asList(events.columns()).indexOf(IngestPass.IN_WINDOW);
        return SparkRows.mapPartitions(sorted, SessionizedSchema.SCHEMA,
                rows -> new SessionizingIterator(rows, rules, inWindowIdx, out, visitorRowsInMemory));
    }

    /**
     * The passes' shuffles have exactly {@code spark.sql.shuffle.partitions} partitions, whichever
     * Spark API runs them: adaptive execution never coalesces a repartition to a given number, so
     * the same rows meet in the same tasks (and add up to the very same doubles) on both paths.
     */
    public static int shufflePartitions(Dataset<Row> df) {
        return Integer.parseInt(df.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    }

    /** Rows of one visitor held in memory before the rest go to a local file (about 1 KB each). */
    static final int VISITOR_ROWS_IN_MEMORY = 20_000;
    private static final Layout IN = Layout.of(IngestPass.schema(false));
    private static final int VISITOR = IN.at("visitor_id");
    private static final int USER = IN.at("user_id");
    private static final int ACCOUNT = IN.at("account_id");
    private static final int TIME = IN.at("event_time");
    private static final int REVENUE = IN.at("revenue");
    private static final int LINE = IN.at("input_line");
    private static final int COLUMNS = ParsedSchema.EVENT_COLUMNS.length;
    private static final Layout OUT = Layout.of(SessionizedSchema.SCHEMA);
    private static final int EVENT_DATE = OUT.at("event_date");
    private static final int AGENT_OUT = OUT.at("user_agent");

    /** The core's event order by visitor (ties broken by where the row was read). */
    private static final Column[] ORDER_WITH_VISITOR = {col("visitor_id"), col("event_time"), col("event_id"),
        col("input_file_rank"), col("input_line")};

    /**
     * The columns of an event row of {@link SessionizedSchema} that repeat an input column
     * unchanged, and that input column: such a value can leave as the input's own Spark string.
     */
    private static int[][] passed() {
        java.util.List<String> in = java.util.List.of(ParsedSchema.EVENT_COLUMNS);
        String[] out = SessionizedSchema.SCHEMA.fieldNames();
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            int from = in.indexOf(out[i]);
            if (from >= 0 && ParsedSchema.SCHEMA.apply(out[i]).dataType().equals(DataTypes.StringType)) {
                pairs.add(new int[] {i, from});
            }
        }
        return pairs.toArray(int[][]::new);
    }

    /**
     * Pulls events through the push-style core sessioniser, one visitor at a time: a visitor's rows
     * are held until its last (see {@link VisitorRows}), when its person is known.
     */
    private static final class SessionizingIterator extends StreamingPass implements Sessionizer.Sink {
        private final Sessionizer sessionizer;
        private final int inWindowIdx;
        private final PassOutput.Task task;
        private final TableSink eventsTable;
        private final TableSink sessionsTable;
        private final java.util.Map<String, long[]> channels = new java.util.HashMap<>();
        private boolean visitorInRange;
        private long visitorsInRange;
        private long conversionsInRange;
        private final OutRows events;
        /** (event row column, input column) of the values an event row may pass through. */
        private final int[][] passed;
        private final OutRows sessions;
        private final OutRows conversions;
        private final VisitorRows visitorRows;
        /** Visitor and user ids, decoded when they change (rows come sorted by visitor). */
        private final LastString visitors = new LastString();
        private final LastString users = new LastString();
        private final LastString accounts = new LastString();
        /** The current visitor, and its latest user id and account claim so far. */
        private String visitor;
        private String lastUser;
        private String lastAccount;
        /** The account of the visitor whose rows are being emitted (its latest claim), or null. */
        private String account;
        /** The channel of the last event's self-reported answer, or null: its conversions carry it. */
        private String answer;
        /** Events with an answer. */
        private long answers;
        /** The row being sessionised, and its string values as decoded for the core's event. */
        private InternalRow row;
        private final String[] fields = new String[COLUMNS];
        private Event event;
        /** Whether the events table keeps the raw user agent ({@code privacy.store-user-agent}). */
        private final boolean storeUserAgent;
        /** The last user agent seen and its analysis: a visitor's events come together and share it. */
        private String lastAgent;
        private io.touchpoint.core.ingest.BotDetector.Agent lastAnalysis;
        /** The CRM rows keyed by visitor or click id, or null; the current visitor's matched ones. */
        private final io.touchpoint.spark.crm.CrmLookup crm;
        private final java.util.Map<Long, io.touchpoint.spark.crm.CrmLookup.Entry> visitorCrm = new java.util.TreeMap<>();

        SessionizingIterator(Iterator<InternalRow> in, SessionRules rules, int inWindowIdx, Output out,
                             int visitorRowsInMemory) {
            super(in);
            SessionizedColumns read = out.read();
            this.sessionizer = new Sessionizer(rules, this);
            this.inWindowIdx = inWindowIdx;
            this.task = out.output().open();
            this.eventsTable = task.sinkOrNull(Tables.EVENTS.name());
            this.sessionsTable = task.sinkOrNull(Tables.SESSIONS.name());
            this.storeUserAgent = out.storeUserAgent();
            this.events = read.events().out();
            this.passed = passed(); // every column: the events table is written whole
            this.sessions = read.sessions().out();
            this.conversions = read.conversions().out();
            this.visitorRows = new VisitorRows(visitorRowsInMemory);
            io.touchpoint.spark.crm.CrmLookup lookup = out.crm() == null ? null : out.crm().value();
            this.crm = lookup == null || lookup.isEmpty() ? null : lookup;
            // A task that fails mid-visitor leaves no spill file behind either.
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> visitorRows.close());
            }
        }

        @Override
        protected void push(InternalRow r) {
            String v = visitors.of(r.getUTF8String(VISITOR));
            if (v != visitor) { // a new instance: other bytes
                flushVisitor();
                visitor = v;
            }
            if (!r.isNullAt(USER)) {
                lastUser = users.of(r.getUTF8String(USER));
            }
            if (!r.isNullAt(ACCOUNT)) {
                lastAccount = accounts.of(r.getUTF8String(ACCOUNT));
            }
            if (crm != null && crm.hasClicks() && !r.isNullAt(F_PAGE)) {
                // Every row, in the window or not: the click may be older than a range run's dates.
                String url = r.getUTF8String(F_PAGE).toString();
                if (io.touchpoint.core.crm.ClickIds.mayHave(url)) {
                    for (String click : io.touchpoint.core.crm.ClickIds.of(url)) {
                        crm.ofClick(click).forEach(e -> visitorCrm.put(e.row(), e));
                    }
                }
            }
            // Rows outside a range run's window name the person too, but are not sessionised.
            if (inWindowIdx < 0 || !r.isNullAt(inWindowIdx) && r.getBoolean(inWindowIdx)) {
                visitorRows.add(r.copy());
            }
        }

        private void flushVisitor() {
            if (visitor == null) {
                return;
            }
            String person = lastUser != null ? lastUser : visitor;
            account = lastAccount;
            visitorRows.drain(r -> {
                row = r;
                event = toEvent(r);
                sessionizer.accept(event, person);
            });
            // The visitor's last session, now, while its account is the current one: left open, the
            // sessioniser would close it on the next visitor's first event, under that one's account.
            sessionizer.finish();
            row = null;
            event = null;
            if (crm != null) {
                crm.ofVisitor(visitor).forEach(e -> visitorCrm.put(e.row(), e));
                // A CRM row is not a visit: it joins the person's stream as a row of its own, never a session.
                for (io.touchpoint.spark.crm.CrmLookup.Entry e : visitorCrm.values()) {
                    emit(conversions.row(SessionizedSchema.withAccount(
                            SessionizedSchema.crmValues(e.record(), e.row(), person, visitor, e.epochDay()), account)));
                }
                visitorCrm.clear();
            }
            lastUser = null;
            lastAccount = null;
            if (visitorInRange) {
                visitorsInRange++;
                visitorInRange = false;
            }
        }

        /** A row of {@link ParsedSchema#EVENT_COLUMNS} as a core event (its file is left out, its rank sorted on). */
        private Event toEvent(InternalRow r) {
            for (int i = 0; i < COLUMNS; i++) {
                fields[i] = null;
            }
            for (int i : STRINGS) {
                if (!r.isNullAt(i)) {
                    fields[i] = i == VISITOR ? visitor : i == USER ? users.of(r.getUTF8String(i))
                            : r.getUTF8String(i).toString();
                }
            }
            return new Event(fields[F_EVENT_ID], r.getLong(TIME), fields[VISITOR], fields[USER], fields[F_NAME],
                    fields[F_PAGE], fields[F_REFERRER],
                    new TrafficSource(fields[F_SOURCE], fields[F_MEDIUM], fields[F_CAMPAIGN], fields[F_TERM], fields[F_CONTENT]),
                    r.isNullAt(REVENUE) ? null : r.getDouble(REVENUE), fields[F_AGENT], fields[F_ORDER], fields[ACCOUNT],
                    fields[F_SAID], null, r.getLong(LINE));
        }

        @Override
        protected void end() {
            flushVisitor();
            sessionizer.finish();
            if (visitorInRange) {
                visitorsInRange++;
            }
            channels.forEach((ch, n) -> task.count(CHANNEL + ch, n[0]));
            task.count(VISITORS, visitorsInRange);
            task.count(CONVERSIONS, conversionsInRange);
            task.count(ANSWERS, answers);
            task.finish();
        }

        @Override
        public void event(SessionizedEvent e) {
            Object[] values = SessionizedSchema.withAccount(SessionizedSchema.eventValues(e, analysis(e.event().userAgent())), account);
            if (e.event() == event) {
                // The values the event kept as they came: out as the input's own Spark strings.
                for (int[] p : passed) {
                    if (values[p[0]] != null && values[p[0]] == fields[p[1]]) {
                        values[p[0]] = row.getUTF8String(p[1]);
                    }
                }
            }
            InternalRow r = events.full(values);
            if (eventsTable != null) {
                if (storeUserAgent || r.isNullAt(AGENT_OUT)) {
                    eventsTable.write(r);
                } else {
                    // The table keeps the device category and browser family only; the stream keeps
                    // the agent for what reads it after this pass (a funnel's device breakdown).
                    Object agent = r.getUTF8String(AGENT_OUT);
                    r.setNullAt(AGENT_OUT);
                    eventsTable.write(r);
                    r.update(AGENT_OUT, agent);
                }
            }
            emit(events.prune(r));
            // The event's answer: its person's from now on (an answer row), and its own conversions' (below).
            answer = e.event().selfReportedChannel();
            if (answer != null) {
                answers++;
                emit(conversions.row(SessionizedSchema.withAccount(SessionizedSchema.answerValues(e), account)));
            }
        }

        /** The analysis of a user agent, asked of the detector only when it differs from the previous event's. */
        private io.touchpoint.core.ingest.BotDetector.Agent analysis(String agent) {
            if (agent == null) {
                return null;
            }
            if (!agent.equals(lastAgent)) {
                lastAgent = agent;
                lastAnalysis = io.touchpoint.core.ingest.BotDetector.agent(agent);
            }
            return lastAnalysis;
        }

        @Override
        public void session(Session s) {
            InternalRow r = sessions.full(SessionizedSchema.withAccount(SessionizedSchema.sessionValues(s), account));
            if (sessionsTable != null && sessionsTable.write(r)) {
                channels.computeIfAbsent(s.channel(), k -> new long[1])[0]++;
                visitorInRange = true;
            }
            emit(sessions.prune(r));
        }

        @Override
        public void conversion(Conversion c) {
            // The sessioniser hands out an event's conversions right after the event.
            InternalRow r = conversions.row(SessionizedSchema.withAnswer(
                    SessionizedSchema.withAccount(SessionizedSchema.conversionValues(c), account), answer));
            if (eventsTable == null || eventsTable.inRange(r.getInt(EVENT_DATE))) {
                conversionsInRange++;
            }
            emit(r);
        }
    }

    private static final int F_EVENT_ID = IN.at("event_id");
    private static final int F_NAME = IN.at("event_name");
    private static final int F_PAGE = IN.at("page_url");
    private static final int F_REFERRER = IN.at("referrer_url");
    private static final int F_SOURCE = IN.at("source");
    private static final int F_MEDIUM = IN.at("medium");
    private static final int F_CAMPAIGN = IN.at("campaign");
    private static final int F_TERM = IN.at("term");
    private static final int F_CONTENT = IN.at("content");
    private static final int F_AGENT = IN.at("user_agent");
    private static final int F_ORDER = IN.at("order_id");
    private static final int F_SAID = IN.at("self_reported");
    /** The string columns of {@link ParsedSchema#EVENT_COLUMNS} the core's event holds. */
    private static final int[] STRINGS = {F_EVENT_ID, VISITOR, USER, F_NAME, F_PAGE, F_REFERRER, F_SOURCE, F_MEDIUM,
        F_CAMPAIGN, F_TERM, F_CONTENT, F_AGENT, F_ORDER, ACCOUNT, F_SAID};
}
