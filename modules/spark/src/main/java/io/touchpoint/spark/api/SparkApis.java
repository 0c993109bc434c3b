package io.touchpoint.spark.api;

import org.apache.spark.sql.SparkSession;

/** Which {@link SparkApi} a session uses: the Spark conf {@value #CONF} (from {@code touchpoint.spark-api}). */
public final class SparkApis {
    /** The session conf that carries {@code touchpoint.spark-api}: {@code internal} (default) or {@code public}. */
    public static final String CONF = "spark.touchpoint.sparkApi";
    public static final String INTERNAL = "internal";
    public static final String PUBLIC = "public";

    private static final SparkApi INTERNAL_API = new InternalSparkApi();
    private static final SparkApi PUBLIC_API = new PublicSparkApi();

    private SparkApis() {
    }

    public static SparkApi of(SparkSession spark) {
        return PUBLIC.equals(spark.conf().get(CONF, INTERNAL)) ? PUBLIC_API : INTERNAL_API;
    }

    /** The API of the session running this task (executors see the driver's choice through the task's properties). */
    public static SparkApi inTask() {
        org.apache.spark.TaskContext t = org.apache.spark.TaskContext.get();
        String v = t == null ? null : t.getLocalProperty(CONF);
        return PUBLIC.equals(v) ? PUBLIC_API : INTERNAL_API;
    }
}
