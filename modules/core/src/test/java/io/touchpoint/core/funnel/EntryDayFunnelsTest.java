package io.touchpoint.core.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Results per entry day: what makes day-by-day runs add up to one long run. */
class EntryDayFunnelsTest {
    private static final long HOUR = 3_600_000_000L;
    private static final FunnelSpec ABC = new FunnelSpec("abc", 3, 2 * HOUR, Set.of(), List.of());

    private static long at(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L;
    }

    @Test
    void oneResultPerEntryDayWithItsOwnAttempt() {
        EntryDayFunnels f = new EntryDayFunnels(ABC, ZoneOffset.UTC);
        f.accept(at("2026-09-01T10:00:00Z"), 0b001, 0, "email");
        f.accept(at("2026-09-01T10:05:00Z"), 0b010, 0, null);
        f.accept(at("2026-09-02T09:00:00Z"), 0b001, 0, "search");
        f.accept(at("2026-09-02T09:10:00Z"), 0b010, 0, null);
        f.accept(at("2026-09-02T09:20:00Z"), 0b100, 0, null);
        List<FunnelResult> r = f.results();
        assertThat(r).extracting(FunnelResult::level).containsExactly(2, 3);
        assertThat(r).extracting(FunnelResult::breakdown).containsExactly("email", "search");
    }

    @Test
    void daysFollowTheZoneAcrossADaylightSavingChange() {
        // Europe/Berlin leaves summer time on 2026-10-25: that day has 25 hours. Local days are looked
        // up once and then reused while events stay inside them; the bounds must be the zone's.
        EntryDayFunnels f = new EntryDayFunnels(ABC, java.time.ZoneId.of("Europe/Berlin"));
        f.accept(at("2026-10-24T21:30:00Z"), 0b001, 0, "a"); // 23:30 on the 24th, local
        f.accept(at("2026-10-24T22:30:00Z"), 0b001, 0, "b"); // 00:30 on the 25th: a new entry day
        f.accept(at("2026-10-25T22:30:00Z"), 0b001, 0, "c"); // 23:30 on the 25th (UTC+1 now): same day as b
        f.accept(at("2026-10-25T23:30:00Z"), 0b001, 0, "d"); // 00:30 on the 26th: a new entry day
        assertThat(f.results()).extracting(FunnelResult::breakdown).containsExactly("a", "b", "d");
    }

    @Test
    void aResetForgetsTheLastDayAndItsMatchers() {
        EntryDayFunnels f = new EntryDayFunnels(ABC, ZoneOffset.UTC);
        f.accept(at("2026-09-01T10:00:00Z"), 0b001, 0, "first unit");
        f.reset();
        f.accept(at("2026-09-01T11:00:00Z"), 0b001, 0, "second unit");
        f.accept(at("2026-09-01T11:10:00Z"), 0b010, 0, null);
        assertThat(f.results()).extracting(FunnelResult::breakdown).containsExactly("second unit");
    }

    @Test
    void anAttemptEnteredLateInTheDayFinishesAfterMidnight() {
        EntryDayFunnels f = new EntryDayFunnels(ABC, ZoneOffset.UTC);
        f.accept(at("2026-09-01T23:50:00Z"), 0b001, 0, null);
        f.accept(at("2026-09-02T00:20:00Z"), 0b010, 0, null);
        f.accept(at("2026-09-02T01:40:00Z"), 0b100, 0, null);
        List<FunnelResult> r = f.results();
        assertThat(r).hasSize(1);
        assertThat(r.get(0).level()).isEqualTo(3);
        assertThat(r.get(0).stepTime(1)).isEqualTo(at("2026-09-01T23:50:00Z"));
    }

    @Test
    void aUnitsBestEntryDayIsItsBestAttempt() {
        Random rnd = new Random(11);
        for (int unit = 0; unit < 2_000; unit++) {
            EntryDayFunnels days = new EntryDayFunnels(ABC, ZoneOffset.UTC);
            FunnelMatcher whole = new FunnelMatcher(ABC);
            long t = at("2026-09-01T00:00:00Z");
            for (int e = 0; e < 12; e++) {
                t += (long) (rnd.nextDouble() * 10 * HOUR);
                long mask = 1L << rnd.nextInt(3);
                days.accept(t, mask, 0, null);
                whole.accept(t, mask, 0, null);
            }
            int best = days.results().stream().mapToInt(FunnelResult::level).max().orElse(0);
            assertThat(best).isEqualTo(whole.result().level());
        }
    }

    @Test
    void eventsAtTheSameTimeAsTheFirstStepCountWhateverTheirOrder() {
        EntryDayFunnels f = new EntryDayFunnels(ABC, ZoneOffset.UTC);
        long t = at("2026-09-01T10:00:00Z");
        f.accept(t, 0b100, 0, null);
        f.accept(t, 0b010, 0, null);
        f.accept(t, 0b001, 0, null);
        assertThat(f.results()).extracting(FunnelResult::level).containsExactly(3);
    }

    @Test
    void oneInstanceResetBetweenUnitsAnswersAsAFreshOnePerUnit() {
        // The person pass keeps one instance per funnel and recycles its matchers from unit to unit
        // and day to day; nothing of one unit may leak into the next. Windows of two days keep
        // several entry days open at once; equal times exercise the same-time group.
        for (FunnelSpec spec : List.of(ABC, new FunnelSpec("strict", 3, 48 * HOUR, Set.of(FunnelMode.STRICT_ORDER), List.of()),
                new FunnelSpec("increase", 4, 48 * HOUR, Set.of(FunnelMode.STRICT_INCREASE), List.of()))) {
            Random rnd = new Random(23);
            EntryDayFunnels reused = new EntryDayFunnels(spec, ZoneOffset.UTC);
            for (int unit = 0; unit < 3_000; unit++) {
                EntryDayFunnels fresh = new EntryDayFunnels(spec, ZoneOffset.UTC);
                long t = at("2026-09-01T00:00:00Z") + (long) (rnd.nextDouble() * 24 * HOUR);
                int events = rnd.nextInt(20);
                for (int e = 0; e < events; e++) {
                    t += rnd.nextInt(4) == 0 ? 0 : (long) (rnd.nextDouble() * 14 * HOUR);
                    long mask = rnd.nextInt(5) == 0 ? 0 : 1L << rnd.nextInt(spec.steps());
                    String breakdown = "b" + rnd.nextInt(3);
                    reused.accept(t, mask, 0, breakdown);
                    fresh.accept(t, mask, 0, breakdown);
                }
                List<FunnelResult> expected = fresh.results();
                if (rnd.nextBoolean()) { // FunnelUnits asks for results, then resets; a reset alone must do too
                    assertThat(reused.results()).as("%s unit %d", spec.name(), unit).isEqualTo(expected);
                }
                reused.reset();
            }
        }
    }

    @Test
    void eventsMatchingNothingChangeNoFunnelButAStrictOrderOne() {
        // The person pass does not feed such events to funnels without strict_order; this is why.
        FunnelSpec plain = new FunnelSpec("plain", 3, 48 * HOUR, Set.of(), List.of());
        FunnelSpec increase = new FunnelSpec("increase", 3, 48 * HOUR, Set.of(FunnelMode.STRICT_INCREASE), List.of());
        FunnelSpec dedup = new FunnelSpec("dedup", 3, 48 * HOUR, Set.of(FunnelMode.STRICT_DEDUPLICATION), List.of());
        FunnelSpec strict = new FunnelSpec("strict", 3, 48 * HOUR, Set.of(FunnelMode.STRICT_ORDER), List.of());
        Random rnd = new Random(5);
        int strictDiffers = 0;
        for (int unit = 0; unit < 3_000; unit++) {
            EntryDayFunnels[] all = {new EntryDayFunnels(plain, ZoneOffset.UTC), new EntryDayFunnels(increase, ZoneOffset.UTC),
                new EntryDayFunnels(dedup, ZoneOffset.UTC), new EntryDayFunnels(strict, ZoneOffset.UTC)};
            EntryDayFunnels[] matching = {new EntryDayFunnels(plain, ZoneOffset.UTC), new EntryDayFunnels(increase, ZoneOffset.UTC),
                new EntryDayFunnels(dedup, ZoneOffset.UTC), new EntryDayFunnels(strict, ZoneOffset.UTC)};
            long t = at("2026-09-01T00:00:00Z") + (long) (rnd.nextDouble() * 24 * HOUR);
            for (int e = 0, n = rnd.nextInt(16); e < n; e++) {
                t += rnd.nextInt(3) == 0 ? 0 : (long) (rnd.nextDouble() * 6 * HOUR);
                long mask = rnd.nextInt(3) == 0 ? 0 : 1L << rnd.nextInt(3);
                for (int f = 0; f < all.length; f++) {
                    all[f].accept(t, mask, 0, null);
                    if (mask != 0) {
                        matching[f].accept(t, mask, 0, null);
                    }
                }
            }
            for (int f = 0; f < 3; f++) {
                assertThat(matching[f].results()).as("unit %d, funnel %d", unit, f).isEqualTo(all[f].results());
            }
            strictDiffers += matching[3].results().equals(all[3].results()) ? 0 : 1;
        }
        assertThat(strictDiffers).as("strict_order does depend on them").isPositive();
    }
}
