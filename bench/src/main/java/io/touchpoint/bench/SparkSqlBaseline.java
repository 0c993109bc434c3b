package io.touchpoint.bench;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's work as a Spark user without Touchpoint writes it: hand-written Spark SQL with
 * window functions over the Parquet events (sql/spark-*.sql), temp views between the stages, the
 * ones read more than once cached ({@code CACHE TABLE}, which is eager, so each stage's time
 * includes its own work only).
 */
public final class SparkSqlBaseline {
    /** The views the stages create; the cached ones are uncached at the end of a run. */
    private static final List<String> VIEWS = List.of("raw_events", "accepted_events", "campaign_events",
            "sourced_events", "events", "people", "sessionized", "sessions", "conversions", "touchpoints", "credits");

    private SparkSqlBaseline() {
    }

    /**
     * Runs the four stages in {@code spark} (sets its session time zone to UTC, as Touchpoint does).
     * Leaves no cached data behind; the temp views stay registered until the next run replaces them.
     *
     * @param parquetPath a Parquet file or folder, as {@code spark.read().parquet} takes it
     */
    public static BaselineResult run(SparkSession spark, String parquetPath) {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        Map<String, String> vars = Map.of("input", parquetPath.replace("`", "``"));
        try {
            long t0 = System.nanoTime();
            execute(spark, BaselineResult.statements("spark-1-load", vars));
            long events = count(spark, "SELECT count(*) FROM events");
            long loadMs = BaselineResult.millisSince(t0);

            long t1 = System.nanoTime();
            execute(spark, BaselineResult.statements("spark-2-sessions", vars));
            long sessions = count(spark, "SELECT count(*) FROM sessions");
            long sessionsMs = BaselineResult.millisSince(t1);

            long t2 = System.nanoTime();
            List<String> attribution = BaselineResult.statements("spark-3-attribution", vars);
            execute(spark, attribution.subList(0, attribution.size() - 1));
            BaselineResult.CreditBuilder credit = new BaselineResult.CreditBuilder();
            int m = BaselineResult.MODELS.size();
            for (Row r : spark.sql(attribution.get(attribution.size() - 1)).collectAsList()) {
                double[] conv = new double[m];
                double[] rev = new double[m];
                for (int i = 0; i < m; i++) {
                    conv[i] = r.getDouble(1 + i);
                    rev[i] = r.getDouble(1 + m + i);
                }
                credit.add(r.getString(0), conv, rev);
            }
            long conversions = count(spark, "SELECT count(*) FROM conversions");
            long attributionMs = BaselineResult.millisSince(t2);

            long t3 = System.nanoTime();
            Row f = spark.sql(BaselineResult.statements("spark-4-funnel", vars).get(0)).first();
            long[] funnel = new long[BaselineResult.FUNNEL_STEPS.size()];
            for (int i = 0; i < funnel.length; i++) {
                funnel[i] = f.isNullAt(i) ? 0 : f.getLong(i);
            }
            long funnelMs = BaselineResult.millisSince(t3);

            return new BaselineResult("spark-sql", events, sessions, conversions, credit.conversions, credit.revenue,
                    funnel, loadMs, sessionsMs, attributionMs, funnelMs);
        } finally {
            for (String v : VIEWS) {
                if (spark.catalog().tableExists(v) && spark.catalog().isCached(v)) {
                    spark.catalog().uncacheTable(v);
                }
            }
        }
    }

    private static void execute(SparkSession spark, List<String> statements) {
        for (String sql : statements) {
            spark.sql(sql); // DDL and CACHE TABLE run eagerly
        }
    }

    private static long count(SparkSession spark, String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    /** {@code SparkSqlBaseline <parquet path> [master]}: runs once in a local session and prints the result. */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("spark-sql-baseline")
                .master(args.length > 1 ? args[1] : "local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            System.out.print(run(spark, args[0]));
        } finally {
            spark.stop();
        }
    }
}
