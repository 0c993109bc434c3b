package io.touchpoint.spark.person;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.DateRange;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.attribution.AttributionSchema;
import io.touchpoint.spark.attribution.JourneyRows;
import io.touchpoint.spark.funnel.FunnelUnits;
import io.touchpoint.spark.output.PassOutput;
import io.touchpoint.spark.output.TableSink;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.LastString;
import io.touchpoint.spark.rows.OutRows;
import io.touchpoint.spark.rows.SparkRows;
import io.touchpoint.spark.session.SparkSessionizer;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * People grouped by account (docs/accounts.md): the person pass hands on each person's rows with
 * the person's account (their latest claim), and this pass shuffles them by account (a person
 * without one is a group of their own) and streams each group once, in time order, through the
 * journey builder ({@code attribution.unit = account}: one journey per conversion from the sessions
 * of everyone in the account; {@code person}: each person's own, as the person pass builds them),
 * the account funnels' matchers and the {@code accounts} table.
 *
 * <p>It runs when the run uses accounts: an accounts file, {@code attribution.unit = account} or a
 * funnel with {@code unit = account}. The second shuffle carries sessions and conversions (and,
 * for account funnels, the sessions' packed events), never the events one by one; it is part of the
 * same Spark job as the person pass.
 */
public final class AccountPass {
    private AccountPass() {
    }

    /** The columns the person pass puts before its own rows' columns for this pass: the person's account. */
    static final int STAGED_EXTRA = 1;
    private static final String UNIT_ACCOUNT = "unit_account";

    /** Whether the run groups people by account. */
    public static boolean needed(TouchpointConfig config) {
        return config.accounts().enabled() || config.attribution().unit() == AttributionConfig.Unit.ACCOUNT
                || needsEvents(config.funnels());
    }

    /** Whether any funnel counts accounts (then the sessions' events go along). */
    static boolean needsEvents(Funnels funnels) {
        return funnels.all().stream().anyMatch(f -> f.unit() == FunnelDefinition.Unit.ACCOUNT);
    }

    /** The layout of the rows the person pass hands on: the person's account, then the person pass's own row. */
    static StructType staged(StructType packed) {
        return new StructType().add(UNIT_ACCOUNT, DataTypes.StringType).merge(packed, false);
    }

    /**
     * Rows of the person pass's layout ({@link PersonPass#packed}) that name an account and no person
     * (the CRM rows keyed by an account only), in the layout {@link PersonPass} hands on.
     */
    public static Dataset<Row> stagedWithoutPerson(TouchpointConfig config, Dataset<Row> sessionized) {
        Dataset<Row> packed = PersonPass.packed(config, sessionized, true);
        List<Column> cols = new java.util.ArrayList<>();
        cols.add(col("account").as(UNIT_ACCOUNT));
        for (String f : packed.schema().fieldNames()) {
            cols.add(col(f));
        }
        return packed.select(cols.toArray(Column[]::new));
    }

    /** What the pass writes: attribution tables, account funnels' progress, {@code accounts}. */
    public record Output(PassOutput output, DateRange range) implements java.io.Serializable {
    }

    /**
     * @param staged the person pass's output when grouped by account, with the CRM rows of accounts
     * @param journeys build journeys and credits
     * @return partial sums of {@code attribution_summary} per task, in its columns (add them up by group)
     */
    public static Dataset<Row> run(TouchpointConfig config, Dataset<Row> staged, boolean journeys, Output out) {
        Funnels fs = config.funnels();
        boolean withFunnels = needsEvents(fs);
        ZoneId zone = config.input().timeZone();
        // A group: an account, or a person without one (never the same as an account of that name).
        Column account = col(UNIT_ACCOUNT);
        Column loner = when(account.isNull(), col("person_id"));
        Dataset<Row> sorted = staged.repartition(SparkSessionizer.shufflePartitions(staged), account, loner)
                .sortWithinPartitions(account, loner, col("t"), col("k"), col("id"));
        List<Goal> goals = config.goals().all();
        AttributionConfig attribution = journeys ? config.attribution() : null;
        return SparkRows.mapPartitions(sorted, Tables.ATTRIBUTION_SUMMARY.schema(), rows -> new GroupIterator(rows,
                attribution, goals, withFunnels ? fs : null, zone, out));
    }

    private static final class GroupIterator extends StreamingPass {
        private final PassOutput.Task task;
        private final JourneyRows journeys;
        private final AttributionOut attribution;
        private final FunnelUnits funnels;
        private final EventMerge events;
        private final ProgressOut progress;
        private final TableSink accountsTable;
        private final OutRows accountRows = new OutRows(Tables.ACCOUNTS.schema(), new int[0]);
        private final List<Goal> goals;
        private final LastString accounts = new LastString();
        private final LastString persons = new LastString();
        private final LastString sessions = new LastString();
        /** The current group: its key (account, or person without one) and whether it is an account. */
        private String group;
        private boolean isAccount;
        // The current account's figures, for the accounts table.
        private final Set<String> people = new HashSet<>();
        private long sessionCount;
        private long firstTouch;
        private String firstChannel;
        private long lastTouch;
        private String lastChannel;
        private final Map<String, double[]> byGoal = new LinkedHashMap<>();

        GroupIterator(Iterator<InternalRow> in, AttributionConfig attribution, List<Goal> goals, Funnels funnels, ZoneId zone,
                      Output out) {
            super(in);
            this.task = out.output().open();
            this.goals = goals;
            this.attribution = attribution == null ? null : new AttributionOut(task);
            this.journeys = attribution == null ? null : this.attribution.withJourneys(new JourneyRows(attribution, goals,
                    this::attribution, (row, outcome) -> task.count(io.touchpoint.spark.crm.CrmRows.OUTCOME + outcome + "\t" + row, 1)),
                    zone);
            this.progress = funnels == null ? null : new ProgressOut(task);
            this.funnels = funnels == null ? null : new FunnelUnits(funnels, zone, progress::accept,
                    f -> f.unit() == FunnelDefinition.Unit.ACCOUNT);
            this.events = funnels == null ? null : new EventMerge(funnels.all().size());
            this.accountsTable = task.sink(Tables.ACCOUNTS.name());
        }

        @Override
        protected void push(InternalRow r) {
            String account = r.isNullAt(S_ACCOUNT) ? null : accounts.of(r.getUTF8String(S_ACCOUNT));
            String person = r.isNullAt(S_PERSON) ? null : persons.of(r.getUTF8String(S_PERSON));
            String key = account != null ? account : person;
            int k = r.getInt(S_K);
            long t = r.getLong(S_T);
            if (key != group || (account != null) != isAccount) { // a new instance: other bytes
                eventsBefore(Long.MAX_VALUE);
                endGroup();
                group = key;
                isAccount = account != null;
                if (journeys != null) {
                    journeys.group(key, account);
                }
            } else {
                eventsBefore(t);
            }
            UTF8String sid = k == SESSION ? r.getUTF8String(S_ID) : r.isNullAt(S_SESSION) ? null : r.getUTF8String(S_SESSION);
            String s = sid == null ? null : sessions.of(sid);
            InternalRow journey = r.isNullAt(S_JOURNEY) ? null : r.getStruct(S_JOURNEY, JourneyRows.FIELDS.length);
            if (k == SESSION && journey != null) {
                touch(person, t, journey.isNullAt(F_CHANNEL) ? null : journey.getUTF8String(F_CHANNEL).toString());
            }
            if (k != EVENT && journeys != null && journey != null) {
                journeys.pushInGroup(k == SESSION, person, s, t, journey);
            }
            if (funnels != null && !r.isNullAt(S_EVENTS)) {
                events.add(r.getBinary(S_EVENTS), t, s);
            }
        }

        /** A session of the current group: the accounts table's people, sessions, first and last touch. */
        private void touch(String person, long t, String channel) {
            if (!isAccount) {
                return;
            }
            people.add(person);
            if (sessionCount++ == 0) {
                firstTouch = t;
                firstChannel = channel;
            }
            lastTouch = t; // rows come by time
            lastChannel = channel;
        }

        /** A row of conversions or attribution_credit; a kept conversion counts for the accounts table. */
        private void attribution(Object[] values) {
            boolean conversion = AttributionSchema.CONVERSION.equals(values[0]);
            String goal = conversion ? (String) values[A_GOAL] : null;
            Double revenue = conversion ? (Double) values[A_REVENUE] : null;
            Long time = conversion ? (Long) values[A_TIME] : null;
            if (attribution.accept(values) && isAccount) {
                double[] g = byGoal.computeIfAbsent(goal, x -> new double[] {0, 0, Long.MAX_VALUE});
                g[0]++;
                g[1] += revenue == null ? 0 : revenue;
                g[2] = Math.min(g[2], time);
            }
        }

        private void eventsBefore(long t) {
            if (events != null && group != null) {
                events.before(t, group, funnels);
            }
        }

        /** The group's rows are all in: its account's rows of the accounts table. */
        private void endGroup() {
            if (isAccount && group != null && sessionCount > 0) { // an account of the CRM alone is no account of the web data
                List<String> names = goals.isEmpty() ? java.util.Collections.singletonList(null)
                        : goals.stream().map(Goal::name).toList();
                for (String goal : names) {
                    double[] g = goal == null ? null : byGoal.get(goal);
                    Object[] v = new Object[Tables.ACCOUNTS.schema().size()];
                    v[T_ACCOUNT] = group;
                    v[T_PEOPLE] = (long) people.size();
                    v[T_SESSIONS] = sessionCount;
                    v[T_FIRST_TIME] = sessionCount == 0 ? null : firstTouch;
                    v[T_FIRST_CHANNEL] = firstChannel;
                    v[T_LAST_TIME] = sessionCount == 0 ? null : lastTouch;
                    v[T_LAST_CHANNEL] = lastChannel;
                    v[T_GOAL] = goal;
                    v[T_CONVERSIONS] = g == null ? 0L : (long) g[0];
                    v[T_REVENUE] = g == null ? 0.0 : g[1];
                    Long first = g == null ? null : (long) g[2];
                    v[T_FIRST_CONVERSION] = first;
                    v[T_DAYS] = first == null || sessionCount == 0 ? null : (first - firstTouch) / 86_400e6;
                    accountsTable.write(accountRows.row(v));
                }
            }
            people.clear();
            sessionCount = 0;
            firstChannel = null;
            lastChannel = null;
            byGoal.clear();
        }

        @Override
        protected void end() {
            eventsBefore(Long.MAX_VALUE);
            endGroup();
            if (journeys != null) {
                journeys.finish();
            }
            if (funnels != null) {
                funnels.end();
                progress.countTrends(task);
            }
            if (attribution != null) {
                attribution.summary(this::emit);
            }
            task.finish();
        }
    }

    /** The sort rank of the kinds ({@link PersonPass}'s). */
    private static final int SESSION = 0;
    private static final int EVENT = 2;

    /** The staged rows' columns: the account, then {@link EventPacker}'s. */
    private static final int S_ACCOUNT = 0;
    private static final int S_PERSON = STAGED_EXTRA + EventPacker.PERSON;
    private static final int S_SESSION = STAGED_EXTRA + EventPacker.SESSION;
    private static final int S_T = STAGED_EXTRA + EventPacker.T;
    private static final int S_K = STAGED_EXTRA + EventPacker.K;
    private static final int S_ID = STAGED_EXTRA + EventPacker.ID;
    private static final int S_JOURNEY = STAGED_EXTRA + EventPacker.JOURNEY;
    private static final int S_EVENTS = STAGED_EXTRA + EventPacker.EVENTS;
    private static final int F_CHANNEL = JourneyRows.field("channel");

    private static final Layout ATTRIBUTION = Layout.of(AttributionSchema.SCHEMA);
    private static final int A_GOAL = ATTRIBUTION.at("goal");
    private static final int A_REVENUE = ATTRIBUTION.at("revenue");
    private static final int A_TIME = ATTRIBUTION.at("conversion_time");

    private static final Layout ACCOUNTS = Layout.of(Tables.ACCOUNTS.schema());
    private static final int T_ACCOUNT = ACCOUNTS.at("account_id");
    private static final int T_PEOPLE = ACCOUNTS.at("people");
    private static final int T_SESSIONS = ACCOUNTS.at("sessions");
    private static final int T_FIRST_TIME = ACCOUNTS.at("first_touch_time");
    private static final int T_FIRST_CHANNEL = ACCOUNTS.at("first_touch_channel");
    private static final int T_LAST_TIME = ACCOUNTS.at("last_touch_time");
    private static final int T_LAST_CHANNEL = ACCOUNTS.at("last_touch_channel");
    private static final int T_GOAL = ACCOUNTS.at("goal");
    private static final int T_CONVERSIONS = ACCOUNTS.at("conversions");
    private static final int T_REVENUE = ACCOUNTS.at("revenue");
    private static final int T_FIRST_CONVERSION = ACCOUNTS.at("first_conversion_time");
    private static final int T_DAYS = ACCOUNTS.at("days_to_first_conversion");
}
