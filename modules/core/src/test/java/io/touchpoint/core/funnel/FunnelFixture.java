package io.touchpoint.core.funnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A small language for funnel test cases. Steps are event names ({@code "a b c"}; a name may repeat,
 * {@code "pv pv"}). Events are tokens {@code name[+name...]@time[#breakdown]}: the event matches every
 * step and exclusion with one of those names; time is in seconds, or {@code 10s+1us}, {@code 7us}.
 * A result is written {@code "-"} (level 0) or as its step times {@code "0 1 2#google"}.
 */
final class FunnelFixture {
    static final long S = 1_000_000L;

    final List<String> steps;
    final long window;
    final Set<FunnelMode> modes;
    final List<String> exclusionNames = new ArrayList<>();
    final List<Exclusion> exclusions = new ArrayList<>();

    private FunnelFixture(List<String> steps, long window, Set<FunnelMode> modes) {
        this.steps = steps;
        this.window = window;
        this.modes = modes;
    }

    /** Steps {@code "a b c"}, window e.g. {@code "10s"}, modes by config name. */
    static FunnelFixture funnel(String steps, String window, String... modes) {
        Set<FunnelMode> m = EnumSet.noneOf(FunnelMode.class);
        for (String s : modes) {
            m.add(FunnelMode.parse("test", s));
        }
        return new FunnelFixture(List.of(steps.trim().split("\\s+")), time(window), m);
    }

    /** Adds an exclusion: events named {@code name} between steps from and to. */
    FunnelFixture exclude(String name, int from, int to) {
        exclusionNames.add(name);
        exclusions.add(new Exclusion(from, to));
        return this;
    }

    FunnelSpec spec() {
        return new FunnelSpec("test", steps.size(), window, modes, exclusions);
    }

    record Ev(long time, long stepMask, long exclusionMask, String breakdown) {
    }

    List<Ev> events(String events) {
        List<Ev> out = new ArrayList<>();
        if (events.isBlank()) {
            return out;
        }
        for (String token : events.trim().split("\\s+")) {
            String bd = null;
            int hash = token.indexOf('#');
            if (hash >= 0) {
                bd = token.substring(hash + 1);
                token = token.substring(0, hash);
            }
            int at = token.indexOf('@');
            long stepMask = 0;
            long exMask = 0;
            for (String name : token.substring(0, at).split("\\+")) {
                for (int k = 0; k < steps.size(); k++) {
                    if (steps.get(k).equals(name)) {
                        stepMask |= 1L << k;
                    }
                }
                for (int x = 0; x < exclusionNames.size(); x++) {
                    if (exclusionNames.get(x).equals(name)) {
                        exMask |= 1L << x;
                    }
                }
            }
            out.add(new Ev(time(token.substring(at + 1)), stepMask, exMask, bd));
        }
        return out;
    }

    FunnelResult run(String events) {
        return run(new FunnelMatcher(spec()), events(events));
    }

    static FunnelResult run(FunnelMatcher m, List<Ev> events) {
        m.reset();
        for (Ev e : events) {
            m.accept(e.time(), e.stepMask(), e.exclusionMask(), e.breakdown());
        }
        return m.result();
    }

    /** {@code "-"} or {@code "0 1 2#bd"}, times as in events. */
    static FunnelResult result(String expected) {
        String s = expected.trim();
        String bd = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            bd = s.substring(hash + 1);
            s = s.substring(0, hash).trim();
        }
        if (s.equals("-")) {
            return FunnelResult.none();
        }
        long[] times = Arrays.stream(s.split("\\s+")).mapToLong(FunnelFixture::time).toArray();
        return new FunnelResult(times.length, times, bd);
    }

    /** {@code 5} or {@code 5s} seconds, {@code 7us}, {@code 3ms}, {@code 2d}, {@code 10s+1us}. */
    static long time(String s) {
        long total = 0;
        for (String part : s.split("\\+")) {
            if (part.endsWith("us")) {
                total += Long.parseLong(part.substring(0, part.length() - 2));
            } else if (part.endsWith("ms")) {
                total += Long.parseLong(part.substring(0, part.length() - 2)) * 1000;
            } else if (part.endsWith("d")) {
                total += Long.parseLong(part.substring(0, part.length() - 1)) * 86_400 * S;
            } else if (part.endsWith("s")) {
                total += Long.parseLong(part.substring(0, part.length() - 1)) * S;
            } else {
                total += Long.parseLong(part) * S;
            }
        }
        return total;
    }
}
