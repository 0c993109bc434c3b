package io.touchpoint.spark;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local[2] Spark session per test class: UI off, 2 shuffle partitions, UTC. */
public abstract class SparkTestBase {
    /** The bundled sample, from this module's folder (Surefire runs in it). */
    protected static final File SAMPLE = new File("../../sample-data/events.csv");

    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Sparks.local("local[2]", 2);
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        spark = null;
    }

    /** A validated config: the given key/value pairs over reference.conf. */
    protected static TouchpointConfig config(Path output, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("touchpoint.output.path", output.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(Optional.empty(), m);
    }
}
