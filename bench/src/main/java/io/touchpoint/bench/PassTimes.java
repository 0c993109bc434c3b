package io.touchpoint.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.StageInfo;

/**
 * Splits Touchpoint's compute time by pass. Its passes are fused into one Spark job, so there are no
 * stage boundaries on the driver to time; Spark's stages are timed instead and told apart by their
 * operators: the one that scans the input (ingest: parse, validate, shuffle by visitor), the one
 * with the visitor window (people and sessions, shuffle by person), and the rest (the person pass
 * with journeys, every model and every funnel, and the final aggregate).
 */
final class PassTimes {
    static final String INGEST = "ingest";
    static final String SESSIONS = "sessions";
    static final String PERSON = "person_pass";

    private PassTimes() {
    }

    static String role(StageInfo s) {
        String scopes = scala.jdk.javaapi.CollectionConverters.asJava(s.rddInfos()).stream()
                .map(r -> r.scope().isDefined() ? r.scope().get().name() : r.name())
                .collect(Collectors.joining(" "));
        if (scopes.contains("Scan")) {
            return INGEST;
        }
        return scopes.contains("Window") ? SESSIONS : PERSON;
    }

    /** Stage wall times (ms) by role, plus "driver" for the rest of {@code totalMs} (planning, collecting). */
    static Map<String, Long> split(long totalMs, Map<String, Long> byRole) {
        Map<String, Long> out = new LinkedHashMap<>();
        long sum = 0;
        for (String role : new String[] {INGEST, SESSIONS, PERSON}) {
            long ms = Math.min(byRole.getOrDefault(role, 0L), totalMs - sum);
            out.put(role, ms);
            sum += ms;
        }
        out.put("driver", totalMs - sum);
        return out;
    }
}
