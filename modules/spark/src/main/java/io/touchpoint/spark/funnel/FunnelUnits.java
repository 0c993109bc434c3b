package io.touchpoint.spark.funnel;

import io.touchpoint.core.funnel.EntryDayFunnels;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.FunnelResult;
import io.touchpoint.core.funnel.FunnelSpec;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.rows.LastString;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The funnel half of the person pass: fed one partition's events sorted by (person, time), every
 * funnel's per-entry-day matchers see each unit's events in order, and hand out one row of
 * {@link #SCHEMA} per unit and entry day. Person units reset when the person changes; session
 * units keep one matcher per open session of the person (their devices' sessions interleave).
 * Account units are matched by the account pass, which hands in each account's events as one
 * person's ({@link #FunnelUnits(Funnels, ZoneId, BiConsumer, java.util.function.Predicate)}).
 */
public final class FunnelUnits {
    /** The funnel_progress row (its table columns, in order). */
    public static final StructType SCHEMA = new StructType()
            .add("funnel", DataTypes.StringType, false)
            .add("unit_id", DataTypes.StringType, false)
            .add("level", DataTypes.IntegerType, false)
            .add("entered_at", DataTypes.TimestampType)
            .add("completed_at", DataTypes.TimestampType)
            .add("breakdown", DataTypes.StringType)
            .add("step_times", DataTypes.createArrayType(DataTypes.TimestampType, false))
            .add("unit", DataTypes.StringType, false)
            .add("entered_date", DataTypes.DateType);

    private final List<FunnelDefinition> funnels;
    private final FunnelSpec[] specs;
    private final boolean[] perSession;
    /** {@link FunnelDefinition#needsEventsMatchingNothing()}, by funnel. */
    private final boolean[] needsEveryEvent;
    private final boolean anyPerSession;
    private final String[] unitNames;
    private final ZoneId zone;
    /** Each funnel's breakdown values, decoded when they change. */
    private final LastString[] breakdown;
    private final BiConsumer<Object[], Boolean> out;
    private final EntryDayFunnels[] personMatchers;
    private final Map<String, EntryDayFunnels[]> sessionMatchers = new LinkedHashMap<>();
    /** Session matchers of flushed people, reset: a partition's sessions reuse them. */
    private final ArrayList<EntryDayFunnels[]> spareSessionMatchers = new ArrayList<>();
    private final boolean[] touched;
    /** The funnels this instance matches (the others' events are passed over). */
    private final boolean[] mine;
    private String person;
    /** The last event's session and its matchers: a session's events mostly come one after another. */
    private String session;
    private EntryDayFunnels[] sessionUnits;

    /**
     * @param out receives each row's values in {@link #SCHEMA} order, and whether it is the unit's
     *     best entry day of this pass (highest level, reached first, then the latest entry)
     */
    public FunnelUnits(Funnels funnels, ZoneId zone, BiConsumer<Object[], Boolean> out) {
        this(funnels, zone, out, f -> true);
    }

    /**
     * Matches only the funnels {@code mine} accepts: the person pass those of person and session
     * units, the account pass those of account units, whose events it hands in as one unit's
     * ({@link #push}'s person is then the account).
     */
    public FunnelUnits(Funnels funnels, ZoneId zone, BiConsumer<Object[], Boolean> out,
                       java.util.function.Predicate<FunnelDefinition> mine) {
        this.funnels = funnels.all();
        this.mine = new boolean[this.funnels.size()];
        this.zone = zone;
        this.out = out;
        int n = this.funnels.size();
        this.specs = new FunnelSpec[n];
        this.perSession = new boolean[n];
        this.needsEveryEvent = new boolean[n];
        this.unitNames = new String[n];
        this.personMatchers = new EntryDayFunnels[n];
        this.touched = new boolean[n];
        this.breakdown = new LastString[n];
        boolean any = false;
        for (int f = 0; f < n; f++) {
            FunnelDefinition def = this.funnels.get(f);
            this.mine[f] = mine.test(def);
            specs[f] = def.spec();
            perSession[f] = def.unit() == FunnelDefinition.Unit.SESSION && this.mine[f];
            needsEveryEvent[f] = def.needsEventsMatchingNothing();
            any |= perSession[f];
            unitNames[f] = def.unit().name().toLowerCase(java.util.Locale.ROOT);
            personMatchers[f] = new EntryDayFunnels(specs[f], zone);
            breakdown[f] = new LastString();
        }
        this.anyPerSession = any;
    }

    /**
     * One event, in (person, time, event id) order.
     *
     * @param steps each funnel's step mask of the event ({@link FunnelColumns#perFunnel});
     *     {@code exclusions} its exclusion masks, {@code breakdowns} its breakdown values
     */
    public void push(String p, String s, long t, long[] steps, long[] exclusions, UTF8String[] breakdowns) {
        if (!p.equals(person)) {
            flushPerson();
            person = p;
        }
        if (anyPerSession) {
            if (!s.equals(session)) {
                sessionUnits = sessionMatchers.computeIfAbsent(s, x -> newMatchers());
                session = s;
            }
        }
        for (int f = 0; f < specs.length; f++) {
            if (!mine[f] || steps[f] == 0 && exclusions[f] == 0 && !needsEveryEvent[f]) {
                // It changes no attempt of this funnel (as the pass's input filter also relies on).
                continue;
            }
            EntryDayFunnels m;
            if (perSession[f]) {
                m = sessionUnits[f];
            } else {
                m = personMatchers[f];
                touched[f] = true;
            }
            m.accept(t, steps[f], exclusions[f], breakdown[f].of(breakdowns[f]));
        }
    }

    /** After the partition's last event. */
    public void end() {
        flushPerson();
        person = null;
    }

    private EntryDayFunnels[] newMatchers() {
        if (!spareSessionMatchers.isEmpty()) {
            return spareSessionMatchers.remove(spareSessionMatchers.size() - 1);
        }
        EntryDayFunnels[] ms = new EntryDayFunnels[specs.length];
        for (int f = 0; f < ms.length; f++) {
            ms[f] = perSession[f] ? new EntryDayFunnels(specs[f], zone) : null;
        }
        return ms;
    }

    private void flushPerson() {
        if (person == null) {
            return;
        }
        for (int f = 0; f < funnels.size(); f++) {
            if (touched[f]) {
                emit(f, person, personMatchers[f].results());
                personMatchers[f].reset();
                touched[f] = false;
            }
        }
        sessionMatchers.forEach((unit, ms) -> {
            for (int f = 0; f < ms.length; f++) {
                if (ms[f] != null) {
                    emit(f, unit, ms[f].results());
                    ms[f].reset();
                }
            }
            spareSessionMatchers.add(ms);
        });
        sessionMatchers.clear();
        session = null;
        sessionUnits = null;
    }

    private void emit(int f, String unitId, List<FunnelResult> results) {
        FunnelResult best = null;
        for (FunnelResult r : results) {
            if (best == null || better(r, best)) {
                best = r;
            }
        }
        for (FunnelResult r : results) {
            emit(f, unitId, r, r == best);
        }
    }

    /** The order of FunnelStage.bestPerUnit: level desc, time the level was reached asc, entry desc. */
    private static boolean better(FunnelResult a, FunnelResult b) {
        if (a.level() != b.level()) {
            return a.level() > b.level();
        }
        if (a.stepTime(a.level()) != b.stepTime(b.level())) {
            return a.stepTime(a.level()) < b.stepTime(b.level());
        }
        return a.stepTime(1) > b.stepTime(1);
    }

    /** One entry day of a unit (level &gt;= 1: units that never entered are not part of the funnel). */
    private void emit(int f, String unitId, FunnelResult r, boolean best) {
        FunnelDefinition def = funnels.get(f);
        long[] times = new long[r.level()];
        for (int i = 0; i < times.length; i++) {
            times[i] = r.stepTime(i + 1);
        }
        Long completed = r.level() == def.steps().size() ? times[times.length - 1] : null;
        Object[] v = new Object[SCHEMA.size()];
        v[FUNNEL] = def.name();
        v[UNIT_ID] = unitId;
        v[LEVEL] = r.level();
        v[ENTERED_AT] = times[0];
        v[COMPLETED_AT] = completed;
        v[BREAKDOWN] = r.breakdown();
        v[STEP_TIMES] = times;
        v[UNIT] = unitNames[f];
        v[ENTERED_DATE] = LocalDate.ofInstant(io.touchpoint.core.time.Micros.toInstant(times[0]), zone);
        out.accept(v, best);
    }

    private static final io.touchpoint.spark.rows.Layout L = io.touchpoint.spark.rows.Layout.of(SCHEMA);
    private static final int FUNNEL = L.at("funnel");
    private static final int UNIT_ID = L.at("unit_id");
    private static final int LEVEL = L.at("level");
    private static final int ENTERED_AT = L.at("entered_at");
    private static final int COMPLETED_AT = L.at("completed_at");
    private static final int BREAKDOWN = L.at("breakdown");
    private static final int STEP_TIMES = L.at("step_times");
    private static final int UNIT = L.at("unit");
    private static final int ENTERED_DATE = L.at("entered_date");
}
