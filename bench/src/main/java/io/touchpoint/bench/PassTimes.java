package io.touchpoint.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits Touchpoint's compute time by pass. Its passes are fused into one Spark job, so there are no
 * stage boundaries on the driver to time; Spark's stages are timed instead and told apart by their
 * order (Spark numbers a job's stages parents first): the first scans the input (ingest: parse,
 * validate, shuffle by visitor), the second is the visitor pass (people and sessions, shuffle by
 * person), and the rest are the person pass (journeys, every model and every funnel) and the final
 * aggregate. (The passes run on Spark's own rows, so their operators no longer name them.)
 */
final class PassTimes {
    static final String INGEST = "ingest";
    static final String SESSIONS = "sessions";
    static final String PERSON = "person_pass";

    /** One completed Spark stage: its id and its wall time. */
    record Stage(int id, long wallMs) {
    }

    private PassTimes() {
    }

    /** Wall time (ms) by pass, from the job's stages in any order. */
    static Map<String, Long> byRole(List<Stage> stages) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Stage> inOrder = stages.stream().sorted(Comparator.comparingInt(Stage::id)).toList();
        for (int i = 0; i < inOrder.size(); i++) {
            out.merge(i == 0 ? INGEST : i == 1 ? SESSIONS : PERSON, inOrder.get(i).wallMs(), Long::sum);
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
