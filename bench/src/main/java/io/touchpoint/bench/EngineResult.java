package io.touchpoint.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One engine's run on one input: what it computed (for the agreement check) and what it cost.
 *
 * @param credits model → channel → conversions credited
 * @param funnel units reaching each step of the shared 4-step person funnel
 * @param stages stage → wall milliseconds (start-up apart, in {@code startupMs})
 */
record EngineResult(String engine, long events, long startupMs, Map<String, Long> stages, long sessions, long conversions,
                    Map<String, Map<String, Double>> credits, long[] funnel, long peakRssBytes, long shuffleBytes,
                    long spillBytes) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Wall time users wait for: start-up (JVM to a ready engine) and every stage. */
    long totalMs() {
        return startupMs + stages.values().stream().mapToLong(Long::longValue).sum();
    }

    String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("engine", engine).put("events", events).put("startup_ms", startupMs).put("total_ms", totalMs())
                .put("sessions", sessions).put("conversions", conversions).put("peak_rss_bytes", peakRssBytes)
                .put("shuffle_bytes", shuffleBytes).put("spill_bytes", spillBytes);
        o.set("stages", MAPPER.valueToTree(stages));
        o.set("credits", MAPPER.valueToTree(new TreeMap<>(credits)));
        o.set("funnel", MAPPER.valueToTree(funnel));
        return o.toString();
    }

    @SuppressWarnings("unchecked")
    static EngineResult fromJson(String json) throws java.io.IOException {
        var n = MAPPER.readTree(json);
        Map<String, Long> stages = new LinkedHashMap<>();
        n.get("stages").fields().forEachRemaining(e -> stages.put(e.getKey(), e.getValue().asLong()));
        Map<String, Map<String, Double>> credits = MAPPER.convertValue(n.get("credits"), Map.class);
        long[] funnel = MAPPER.convertValue(n.get("funnel"), long[].class);
        return new EngineResult(n.get("engine").asText(), n.get("events").asLong(), n.get("startup_ms").asLong(), stages,
                n.get("sessions").asLong(), n.get("conversions").asLong(), credits, funnel, n.get("peak_rss_bytes").asLong(),
                n.get("shuffle_bytes").asLong(), n.get("spill_bytes").asLong());
    }

    /** Peak resident memory of this process (Linux VmHWM), 0 where unknown. */
    static long peakRss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
