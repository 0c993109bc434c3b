package io.touchpoint.spark.attribution;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.Journey;
import io.touchpoint.core.attribution.JourneyBuilder;
import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The attribution half of the person pass: sessions and conversions of one partition, sorted by
 * (person, time, sessions before conversions), go through the core {@link JourneyBuilder}, which
 * builds every journey and applies every model; each journey comes out as one conversion row and
 * its credit rows ({@link AttributionSchema}), so adding models adds no Spark job. The account pass
 * feeds it groups of people instead ({@link #group}): an account's journeys, or, with person
 * journeys, each person's of the group.
 */
public final class JourneyRows implements JourneyBuilder.Sink {
    /**
     * What a session or conversion row carries besides its kind, person, session and time, in this
     * order (the person pass puts them in one struct, null for the events it also shuffles).
     */
    public static final String[] FIELDS = {"visitor_id", "event_id", "order_id", "conversion_id", "goal", "revenue",
        "session_start", "channel", "source", "medium", "campaign", "event_date", "crm_stage", "crm_row", "self_reported"};

    /** The {@link #FIELDS} {@link #push} reads from a session's row (its touchpoint); the rest are the conversion's. */
    public static final java.util.Set<String> SESSION_FIELDS = java.util.Set.of("session_start", "channel", "source",
            "medium", "campaign");

    private final AttributionConfig config;
    private final List<io.touchpoint.core.conversion.Goal> goals;
    private final List<AttributionModel> models;
    private final List<String> modelNames;
    private final Consumer<Object[]> out;
    private final java.util.function.BiConsumer<Long, String> crmOutcomes;
    /** The CRM stage each CRM goal counts. */
    private final java.util.Map<String, String> crmStages = new java.util.HashMap<>();
    /** The builder of a stream of whole units, one after another (the person pass). */
    private final JourneyBuilder single;
    /** The builders of the current group's units, which interleave (the account pass). */
    private final java.util.Map<String, JourneyBuilder> units = new java.util.LinkedHashMap<>();
    private String group;
    private String account;
    /** Receives each journey's row of {@link AttributionSchema#JOURNEYS}, or null: none wanted. */
    private java.util.function.Consumer<Object[]> journeysOut;
    private java.time.ZoneId zone;

    /** @param out receives each row's values in {@link AttributionSchema#SCHEMA} order */
    public JourneyRows(AttributionConfig config, Consumer<Object[]> out) {
        this(config, List.of(), out, (row, outcome) -> { });
    }

    /**
     * @param goals the run's goals (those with a CRM stage make CRM rows conversions)
     * @param out receives each row's values in {@link AttributionSchema#SCHEMA} order
     * @param crmOutcomes receives each CRM row's number and outcome ({@link JourneyBuilder.Sink#crm})
     */
    public JourneyRows(AttributionConfig config, List<io.touchpoint.core.conversion.Goal> goals, Consumer<Object[]> out,
                       java.util.function.BiConsumer<Long, String> crmOutcomes) {
        this.config = config;
        this.goals = goals;
        this.single = new JourneyBuilder(config, goals, this);
        this.models = config.models();
        this.modelNames = config.models().stream().map(AttributionModel::name).toList();
        this.out = out;
        this.crmOutcomes = crmOutcomes;
        goals.stream().filter(io.touchpoint.core.conversion.Goal::isCrm).forEach(g -> crmStages.put(g.name(), g.crmStage()));
    }

    /**
     * Also hands out every journey, converting or not, as a row of {@link AttributionSchema#JOURNEYS}
     * (the non-converting ones dated by their last touch in {@code zone}). Returns this.
     */
    public JourneyRows withJourneys(java.util.function.Consumer<Object[]> out, java.time.ZoneId zone) {
        this.journeysOut = out;
        this.zone = zone;
        return this;
    }

    /**
     * Starts a group of people (the account pass: an account, or a person without one), whose rows
     * come together in time order, the people's interleaved. Each unit of the config's
     * {@code attribution.unit} gets its own builder: the group for {@code account}, each person for
     * {@code person} (so a person's journeys are those of the person pass).
     *
     * @param key the group's key (its account, or its one person)
     * @param account the group's account, written on its conversions and credits, or null
     */
    public void group(String key, String account) {
        endGroup();
        this.group = key;
        this.account = account;
    }

    /**
     * One session or conversion of the person pass (whole people, one after another).
     *
     * @param timeMicros the session's start, or the conversion's time
     * @param f its {@link #FIELDS}, as Spark keeps them
     */
    public void push(boolean isSession, String personId, String sessionId, long timeMicros, InternalRow f) {
        push(single, personId, isSession, personId, sessionId, timeMicros, f);
    }

    /**
     * One session or conversion of the current {@link #group}.
     *
     * @param personId its person, or null for a CRM row that names an account only
     */
    public void pushInGroup(boolean isSession, String personId, String sessionId, long timeMicros, InternalRow f) {
        boolean byAccount = config.unit() == AttributionConfig.Unit.ACCOUNT;
        if (personId == null && !byAccount) {
            // A CRM row of an account, without a person: no person's journey can hold it.
            crmOutcomes.accept(f.getLong(F_CRM_ROW), io.touchpoint.core.crm.CrmReasons.ACCOUNT_ONLY);
            return;
        }
        String unit = byAccount ? group : personId;
        JourneyBuilder b = units.computeIfAbsent(unit, x -> new JourneyBuilder(config, goals, this));
        push(b, unit, isSession, personId, sessionId, timeMicros, f);
    }

    private void push(JourneyBuilder b, String unit, boolean isSession, String personId, String sessionId, long timeMicros,
                      InternalRow f) {
        if (!isSession && f.isNullAt(F_CRM_STAGE) && f.isNullAt(F_GOAL)) {
            // An answer row (an event's self-reported answer, no conversion): the unit's latest answer.
            if (!f.isNullAt(F_SELF_REPORTED)) {
                b.answer(unit, string(f, F_SELF_REPORTED));
            }
            return;
        }
        if (!isSession && !f.isNullAt(F_CRM_STAGE)) {
            b.crm(unit, personId, new JourneyBuilder.CrmRow(string(f, F_CONVERSION_ID), f.getLong(F_CRM_ROW),
                    string(f, F_CRM_STAGE), timeMicros, f.isNullAt(F_REVENUE) ? null : f.getDouble(F_REVENUE),
                    string(f, F_VISITOR_ID), string(f, F_SELF_REPORTED), LocalDate.ofEpochDay(f.getInt(F_EVENT_DATE))));
            return;
        }
        Touchpoint session = new Touchpoint(sessionId, f.getLong(F_SESSION_START), string(f, F_CHANNEL), string(f, F_SOURCE),
                string(f, F_MEDIUM), string(f, F_CAMPAIGN), personId);
        if (isSession) {
            b.session(unit, session);
        } else {
            b.conversion(unit, new Conversion(string(f, F_CONVERSION_ID), string(f, F_GOAL), string(f, F_VISITOR_ID), personId,
                    string(f, F_EVENT_ID), string(f, F_ORDER_ID), timeMicros, f.getDouble(F_REVENUE), session,
                    LocalDate.ofEpochDay(f.getInt(F_EVENT_DATE))), string(f, F_SELF_REPORTED));
        }
    }

    private void endGroup() {
        units.values().forEach(JourneyBuilder::finish);
        units.clear();
    }

    /** Where {@link #FIELDS} keeps field {@code name}. */
    public static int field(String name) {
        int i = java.util.Arrays.asList(FIELDS).indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("No journey field " + name);
        }
        return i;
    }

    private static final int F_VISITOR_ID = field("visitor_id");
    private static final int F_EVENT_ID = field("event_id");
    private static final int F_ORDER_ID = field("order_id");
    private static final int F_CONVERSION_ID = field("conversion_id");
    private static final int F_GOAL = field("goal");
    private static final int F_REVENUE = field("revenue");
    private static final int F_SESSION_START = field("session_start");
    private static final int F_CHANNEL = field("channel");
    private static final int F_SOURCE = field("source");
    private static final int F_MEDIUM = field("medium");
    private static final int F_CAMPAIGN = field("campaign");
    private static final int F_EVENT_DATE = field("event_date");
    private static final int F_CRM_STAGE = field("crm_stage");
    private static final int F_CRM_ROW = field("crm_row");
    private static final int F_SELF_REPORTED = field("self_reported");

    private static String string(InternalRow f, int i) {
        UTF8String u = f.isNullAt(i) ? null : f.getUTF8String(i);
        return u == null ? null : u.toString();
    }

    /** Ends the partition: the last person's or group's CRM outcomes. */
    public void finish() {
        single.finish();
        endGroup();
    }

    @Override
    public void journey(Conversion c, Journey j, List<double[]> credits) {
        out.accept(AttributionSchema.conversionRow(c, j, crmStages.get(c.goal()), account));
        if (journeysOut != null) {
            journeysOut.accept(AttributionSchema.journeyRow(c.goal(), c.personId(), account, c.conversionId(), c, j.touchpoints(),
                    c.conversionDate()));
        }
        for (int m = 0; m < credits.size(); m++) {
            double[] credit = credits.get(m);
            for (int i = 0; i < credit.length; i++) {
                out.accept(AttributionSchema.creditRow(c, j, modelNames.get(m), i, credit[i], account));
            }
            // hybrid's share for a self-reported channel no touchpoint has: a credit row without a touchpoint.
            double off = models.get(m).offJourneyCredit(j);
            if (off > 0) {
                out.accept(AttributionSchema.offJourneyRow(c, j, modelNames.get(m), off, account));
            }
        }
    }

    @Override
    public void nonConverting(String unitId, String goal, List<Touchpoint> touchpoints) {
        if (journeysOut == null) {
            return;
        }
        // An account journey (its unit the group's account) is no one person's.
        boolean ofAccount = config.unit() == AttributionConfig.Unit.ACCOUNT && account != null;
        String id = "nc-" + java.util.UUID.nameUUIDFromBytes((unitId + '\u0000' + goal + '\u0000' + touchpoints.get(0).sessionId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long last = touchpoints.get(touchpoints.size() - 1).timeMicros();
        journeysOut.accept(AttributionSchema.journeyRow(goal, ofAccount ? null : unitId, account, id, null, touchpoints,
                java.time.LocalDate.ofInstant(io.touchpoint.core.time.Micros.toInstant(last), zone)));
    }

    @Override
    public void crm(long row, String outcome) {
        crmOutcomes.accept(row, outcome);
    }
}
