package io.touchpoint.spark.funnel;

import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.EntryDayFunnels;
import io.touchpoint.core.funnel.FunnelResult;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The streaming pass over one partition of events sorted by (person, time): every funnel's
 * per-entry-day matchers see each unit's events in order, and emit one row per unit and entry day. Person units reset when the person changes; session
 * units keep one matcher per open session of the person (their devices' sessions interleave).
 */
final class FunnelPass extends StreamingPass {
    static final StructType SCHEMA = new StructType()
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
    private final ZoneId zone;
    private final EntryDayFunnels[] personMatchers;
    private final Map<String, EntryDayFunnels[]> sessionMatchers = new LinkedHashMap<>();
    private final boolean[] touched;
    private String person;

    FunnelPass(Iterator<Row> in, Funnels funnels, ZoneId zone) {
        super(in);
        this.funnels = funnels.all();
        this.zone = zone;
        this.personMatchers = new EntryDayFunnels[this.funnels.size()];
        this.touched = new boolean[this.funnels.size()];
        for (int f = 0; f < personMatchers.length; f++) {
            personMatchers[f] = new EntryDayFunnels(this.funnels.get(f).spec(), zone);
        }
    }

    @Override
    protected void end() {
        flushPerson();
        person = null;
    }

    /** Row: person_id, session_id, event_time, masks, exclusions, breakdowns. */
    @Override
    protected void push(Row r) {
        String p = r.getString(0);
        if (!p.equals(person)) {
            flushPerson();
            person = p;
        }
        long t = ParsedSchema.micros(r.<Instant>getAs(2));
        List<Long> masks = r.getList(3);
        List<Long> exclusions = r.getList(4);
        List<String> breakdowns = r.getList(5);
        for (int f = 0; f < funnels.size(); f++) {
            EntryDayFunnels m;
            if (funnels.get(f).unit() == FunnelDefinition.Unit.PERSON) {
                m = personMatchers[f];
                touched[f] = true;
            } else {
                m = sessionMatchers.computeIfAbsent(r.getString(1), s -> newMatchers())[f];
            }
            m.accept(t, masks.get(f), exclusions.get(f), breakdowns.get(f));
        }
    }

    private EntryDayFunnels[] newMatchers() {
        EntryDayFunnels[] ms = new EntryDayFunnels[funnels.size()];
        for (int f = 0; f < ms.length; f++) {
            ms[f] = funnels.get(f).unit() == FunnelDefinition.Unit.SESSION ? new EntryDayFunnels(funnels.get(f).spec(), zone) : null;
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
        sessionMatchers.forEach((session, ms) -> {
            for (int f = 0; f < ms.length; f++) {
                if (ms[f] != null) {
                    emit(f, session, ms[f].results());
                }
            }
        });
        sessionMatchers.clear();
    }

    private void emit(int f, String unitId, List<FunnelResult> results) {
        results.forEach(r -> emit(f, unitId, r));
    }

    /** One entry day of a unit (level &gt;= 1: units that never entered are not part of the funnel). */
    private void emit(int f, String unitId, FunnelResult r) {
        FunnelDefinition def = funnels.get(f);
        Instant[] times = new Instant[r.level()];
        for (int i = 0; i < times.length; i++) {
            times[i] = ParsedSchema.instant(r.stepTime(i + 1));
        }
        Instant completed = r.level() == def.steps().size() ? times[times.length - 1] : null;
        emit(RowFactory.create(def.name(), unitId, r.level(), times[0], completed, r.breakdown(),
                scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(times)).toSeq(),
                def.unit().name().toLowerCase(java.util.Locale.ROOT), LocalDate.ofInstant(times[0], zone)));
    }
}
