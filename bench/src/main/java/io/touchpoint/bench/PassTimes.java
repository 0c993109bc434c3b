package io.touchpoint.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.StageInfo;

/**
 * Splits Touchpoint's compute time by pass. Its passes are fused into one Spark job, so there are no
 * stage boundaries on the driver to time; Spark's stages are timed instead and told apart by their
 * operators and order: the one that scans the input (ingest: parse, validate, shuffle by visitor),
 * the first Java pass after it (the visitor pass: people and sessions, shuffle by person), and the
 * rest (the person pass with journeys, every model and every funnel, and the final aggregate).
 */
final class PassTimes {
    static final String INGEST = "ingest";
    static final String SESSIONS = "sessions";
    static final String PERSON = "person_pass";

    /** One completed Spark stage: its id, its operators (RDD scope names), its wall time. */
    record Stage(int id, String operators, long wallMs) {
        static Stage of(StageInfo s, long wallMs) {
            String operators = scala.jdk.javaapi.CollectionConverters.asJava(s.rddInfos()).stream()
                    .map(r -> r.scope().isDefined() ? r.scope().get().name() : r.name())
                    .collect(Collectors.joining(" "));
            return new Stage(s.stageId(), operators, wallMs);
        }
    }

    private PassTimes() {
    }

    /** Wall time (ms) by pass, from the job's stages in any order. */
    static Map<String, Long> byRole(List<Stage> stages) {
        Map<String, Long> out = new LinkedHashMap<>();
        boolean visitorPassSeen = false;
        for (Stage s : stages.stream().sorted(Comparator.comparingInt(Stage::id)).toList()) {
            String role;
            if (s.operators().contains("Scan")) {
                role = INGEST;
            } else if (!visitorPassSeen && s.operators().contains("MapPartitions")) {
                role = SESSIONS;
                visitorPassSeen = true;
            } else {
                role = PERSON;
            }
            out.merge(role, s.wallMs(), Long::sum);
        }
        return out;
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
