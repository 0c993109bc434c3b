package io.touchpoint.spark.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.Journey;
import io.touchpoint.core.attribution.JourneyBuilder;
import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.spark.StreamingPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.session.SessionizedSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Runs the core {@link JourneyBuilder} over Spark: one shuffle of sessions and conversions by
 * person, a sort within partitions, and one streaming pass that builds every journey and applies
 * every model, so adding models adds no Spark job.
 */
public final class SparkJourneys {
    private SparkJourneys() {
    }

    /** Sessionised rows in (kinds S and C); rows of {@link AttributionSchema} out. */
    public static Dataset<Row> attribute(Dataset<Row> sessionized, AttributionConfig config) {
        Dataset<Row> sorted = sessionized
                .where(col("kind").isin(SessionizedSchema.SESSION, SessionizedSchema.CONVERSION))
                .select(col("kind"), col("person_id"), col("visitor_id"), col("session_id"), col("event_id"),
                        col("order_id"), col("conversion_id"), col("goal"), col("revenue"), col("session_start"),
                        col("channel"), col("source"), col("medium"), col("campaign"), col("event_date"),
                        when(col("kind").equalTo(SessionizedSchema.SESSION), col("session_start"))
                                .otherwise(col("event_time")).as("t"),
                        // At equal times sessions come first: a session starting with the conversion is in its journey.
                        when(col("kind").equalTo(SessionizedSchema.SESSION), lit(0)).otherwise(lit(1)).as("k"),
                        coalesce(col("conversion_id"), col("session_id")).as("id"))
                .repartition(col("person_id"))
                .sortWithinPartitions("person_id", "t", "k", "id");
        MapPartitionsFunction<Row, Row> pass = rows -> new JourneyIterator(rows, config);
        return sorted.mapPartitions(pass, Encoders.row(AttributionSchema.SCHEMA));
    }

    /** Pulls rows through the push-style builder; buffers one journey's output at most. */
    private static final class JourneyIterator extends StreamingPass implements JourneyBuilder.Sink {
        private final JourneyBuilder builder;
        private final List<String> modelNames;

        JourneyIterator(Iterator<Row> in, AttributionConfig config) {
            super(in);
            this.builder = new JourneyBuilder(config, this);
            this.modelNames = config.models().stream().map(AttributionModel::name).toList();
        }

        @Override
        protected void push(Row r) {
            Touchpoint session = new Touchpoint(r.getString(3), ParsedSchema.micros(r.<Instant>getAs(9)),
                    r.getString(10), r.getString(11), r.getString(12), r.getString(13));
            if (r.getString(0).equals(SessionizedSchema.SESSION)) {
                builder.session(r.getString(1), session);
            } else {
                builder.conversion(new Conversion(r.getString(6), r.getString(7), r.getString(2), r.getString(1),
                        r.getString(4), r.getString(5), ParsedSchema.micros(r.<Instant>getAs(15)), r.getDouble(8),
                        session, r.<LocalDate>getAs(14)));
            }
        }

        @Override
        public void journey(Conversion c, Journey j, List<double[]> credits) {
            emit(AttributionSchema.conversionRow(c, j));
            for (int m = 0; m < credits.size(); m++) {
                double[] credit = credits.get(m);
                for (int i = 0; i < credit.length; i++) {
                    emit(AttributionSchema.creditRow(c, j, modelNames.get(m), i, credit[i]));
                }
            }
        }
    }
}
