package io.touchpoint.spark.attribution;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.Journey;
import io.touchpoint.core.attribution.JourneyBuilder;
import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.spark.ingest.ParsedSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * The attribution half of the person pass: sessions and conversions of one partition, sorted by
 * (person, time, sessions before conversions), go through the core {@link JourneyBuilder}, which
 * builds every journey and applies every model; each journey comes out as one conversion row and
 * its credit rows ({@link AttributionSchema}), so adding models adds no Spark job.
 */
public final class JourneyRows implements JourneyBuilder.Sink {
    /**
     * What a session or conversion row carries besides its kind, person, session and time, in this
     * order (the person pass puts them in one struct, null for the events it also shuffles).
     */
    public static final String[] FIELDS = {"visitor_id", "event_id", "order_id", "conversion_id", "goal", "revenue",
        "session_start", "channel", "source", "medium", "campaign", "event_date"};

    private final JourneyBuilder builder;
    private final List<String> modelNames;
    private final Consumer<Object[]> out;

    /** @param out receives each row's values in {@link AttributionSchema#SCHEMA} order */
    public JourneyRows(AttributionConfig config, Consumer<Object[]> out) {
        this.builder = new JourneyBuilder(config, this);
        this.modelNames = config.models().stream().map(AttributionModel::name).toList();
        this.out = out;
    }

    /**
     * One session or conversion.
     *
     * @param timeMicros the session's start, or the conversion's time
     * @param f its {@link #FIELDS}
     */
    public void push(boolean isSession, String personId, String sessionId, long timeMicros, Row f) {
        Touchpoint session = new Touchpoint(sessionId, ParsedSchema.micros(f.<Instant>getAs(6)),
                f.getString(7), f.getString(8), f.getString(9), f.getString(10));
        if (isSession) {
            builder.session(personId, session);
        } else {
            builder.conversion(new Conversion(f.getString(3), f.getString(4), f.getString(0), personId,
                    f.getString(1), f.getString(2), timeMicros, f.getDouble(5), session, f.<LocalDate>getAs(11)));
        }
    }

    @Override
    public void journey(Conversion c, Journey j, List<double[]> credits) {
        out.accept(AttributionSchema.conversionRow(c, j));
        for (int m = 0; m < credits.size(); m++) {
            double[] credit = credits.get(m);
            for (int i = 0; i < credit.length; i++) {
                out.accept(AttributionSchema.creditRow(c, j, modelNames.get(m), i, credit[i]));
            }
        }
    }
}
