package io.touchpoint.core.funnel;

import static io.touchpoint.core.funnel.FunnelFixture.S;
import static io.touchpoint.core.funnel.FunnelFixture.funnel;
import static io.touchpoint.core.funnel.FunnelFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of docs/funnels.md as a table: funnel, events, expected best attempt (step times and
 * breakdown). Each case is also run with the events of every timestamp reversed (equal times may
 * arrive in any order) and must give the same result.
 */
class FunnelMatcherTest {

    private static final String ABC = "a b c";

    private static void check(FunnelFixture f, String events, String expected) {
        FunnelResult actual = f.run(events);
        assertThat(actual).as("%s", events).isEqualTo(result(expected));
        FunnelResult reversed = FunnelFixture.run(new FunnelMatcher(f.spec()), reverseGroups(f.events(events)));
        assertThat(reversed).as("%s, equal times reversed", events).isEqualTo(actual);
    }

    private static List<FunnelFixture.Ev> reverseGroups(List<FunnelFixture.Ev> events) {
        List<FunnelFixture.Ev> out = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int j = i;
            while (j < events.size() && events.get(j).time() == events.get(i).time()) {
                j++;
            }
            List<FunnelFixture.Ev> group = new ArrayList<>(events.subList(i, j));
            Collections.reverse(group);
            out.addAll(group);
            i = j;
        }
        return out;
    }

    // ---- published ClickHouse windowFunnel cases ------------------------------------------------

    /**
     * ClickHouse's own results, from tests/queries/0_stateless/00632_aggregation_window_funnel.sql and
     * .reference, its pull request 9773 (strict_order) and 99003 (strict_deduplication); the levels
     * Touchpoint reaches are ClickHouse's (the times show which attempt counted).
     */
    static Stream<Arguments> clickHouse() {
        FunnelFixture plain = funnel(ABC, "1d");
        FunnelFixture strictOrder = funnel(ABC, "1d", "strict_order");
        FunnelFixture dedupOrder = funnel(ABC, "1d", "strict_deduplication", "strict_order");
        return Stream.of(
            // events 1000..1008 at 0..8 s, window 2 s, steps 1003..1007
            arguments("window 2s over steps 1003..1007 reaches 3", funnel("e1003 e1004 e1005 e1006 e1007", "2s"),
                "e1000@0 e1001@1 e1002@2 e1003@3 e1004@4 e1005@5 e1006@6 e1007@7 e1008@8", "3 4 5"),
            arguments("abc", plain, "a@0 b@1 c@2", "0 1 2"),
            arguments("adbc", plain, "a@0 d@1 b@2 c@3", "0 2 3"),
            arguments("aabbcc", plain, "a@0 a@1 b@2 b@3 c@4 c@5", "1 2 4"),
            arguments("aaaabbcc", plain, "a@0 a@1 a@2 a@3 b@4 b@5 c@6 c@7", "3 4 6"),
            arguments("aabbdcc", plain, "a@0 a@1 b@2 b@3 d@4 c@5 c@6", "1 2 5"),
            arguments("ccbbaa", plain, "c@0 c@1 b@2 b@3 a@4 a@5", "4"),
            arguments("abc, strict_order", strictOrder, "a@0 b@1 c@2", "0 1 2"),
            arguments("adbc, strict_order", strictOrder, "a@0 d@1 b@2 c@3", "0"),
            arguments("aabbcc, strict_order", strictOrder, "a@0 a@1 b@2 b@3 c@4 c@5", "1 2 4"),
            arguments("aaaabbcc, strict_order", strictOrder, "a@0 a@1 a@2 a@3 b@4 b@5 c@6 c@7", "3 4 6"),
            arguments("aabbdcc, strict_order", strictOrder, "a@0 a@1 b@2 b@3 d@4 c@5 c@6", "1 2"),
            arguments("ccbbaa, strict_order", strictOrder, "c@0 c@1 b@2 b@3 a@4 a@5", "4"),
            // the same units under ('strict_deduplication', 'strict_order'): 3, 1, 2, 2, 2, 1
            arguments("abc, strict_deduplication + strict_order", dedupOrder, "a@0 b@1 c@2", "0 1 2"),
            arguments("adbc, strict_deduplication + strict_order", dedupOrder, "a@0 d@1 b@2 c@3", "0"),
            arguments("aabbcc, strict_deduplication + strict_order: 2", dedupOrder, "a@0 a@1 b@2 b@3 c@4 c@5", "1 2"),
            arguments("aaaabbcc, strict_deduplication + strict_order: 2", dedupOrder,
                "a@0 a@1 a@2 a@3 b@4 b@5 c@6 c@7", "3 4"),
            arguments("aabbdcc, strict_deduplication + strict_order: 2", dedupOrder, "a@0 a@1 b@2 b@3 d@4 c@5 c@6", "1 2"),
            arguments("ccbbaa, strict_deduplication + strict_order", dedupOrder, "c@0 c@1 b@2 b@3 a@4 a@5", "4"),
            // events 1000..1008 ten seconds apart with 1005 twice, steps 1000..1006: 6, and 7 without the mode
            arguments("1005 twice, strict_deduplication: 6",
                funnel("e1000 e1001 e1002 e1003 e1004 e1005 e1006", "10000s", "strict_deduplication"),
                "e1000@0 e1001@10 e1002@20 e1003@30 e1004@40 e1005@50 e1005@51 e1006@60 e1007@70 e1008@80",
                "0 10 20 30 40 50"),
            arguments("1005 twice, plain: 7", funnel("e1000 e1001 e1002 e1003 e1004 e1005 e1006", "10000s"),
                "e1000@0 e1001@10 e1002@20 e1003@30 e1004@40 e1005@50 e1005@51 e1006@60 e1007@70 e1008@80",
                "0 10 20 30 40 50 60"),
            // ClickHouse issue 27469: a repeat of step 2 after step 3
            arguments("abcbd, steps a b c d, strict_deduplication: 3", funnel("a b c d", "1d", "strict_deduplication"),
                "a@1 b@2 c@3 b@4 d@5", "1 2 3"),
            // pull request 99003 (ClickHouse issue 37177), its description's four events: 3 (1 before it)
            arguments("install start login install, strict_deduplication: 3",
                funnel("install start login end", "60s", "strict_deduplication"),
                "install@0 start@5 login@10 install@15", "0 5 10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clickHouse")
    void clickHousePublishedCases(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- window, exact matching, repeated steps, equal timestamps -------------------------------

    static Stream<Arguments> matching() {
        FunnelFixture w10 = funnel(ABC, "10s");
        return Stream.of(
            arguments("last step exactly one window after step 1 counts", w10, "a@0 b@5 c@10", "0 5 10"),
            arguments("one microsecond more is out", w10, "a@0 b@5 c@10s+1us", "0 5"),
            arguments("window is measured from step 1, not from the previous step", w10, "a@0 b@9 c@12", "0 9"),
            arguments("window 0: only equal times chain", funnel(ABC, "0s"), "a@0 b@0 c@1us", "0 0"),
            arguments("exact, not greedy: a later step-1 event gives the longer chain", w10,
                "a@0 b@8 a@9 b@15 c@18", "9 15 18"),
            arguments("ClickHouse issue 52844 (strict_increase): exact answer is 4",
                funnel("p0 p1 p2 p3", "100000s", "strict_increase"),
                "p0@1 p1@2 p2@2 p3@2 p1@3 p2@3 p3@3 p1@4 p2@4 p3@4", "1 2 3 4"),
            arguments("same events without strict_increase: equal times taken in step order",
                funnel("p0 p1 p2 p3", "100000s"),
                "p0@1 p1@2 p2@2 p3@2 p1@3 p2@3 p3@3 p1@4 p2@4 p3@4", "1 2 2 2"),
            arguments("repeated step: pageview -> pageview needs two pageviews", funnel("pv pv", "1d"), "pv@0", "0"),
            arguments("repeated step: two pageviews reach 2", funnel("pv pv", "1d"), "pv@0 pv@5", "0 5"),
            arguments("repeated step: two pageviews at the same time reach 2", funnel("pv pv", "1d"), "pv@0 pv@0", "0 0"),
            arguments("repeated step in the middle", funnel("pv cart pv", "1d"), "pv@0 cart@1 pv@2", "0 1 2"),
            arguments("repeated steps: one pageview fills one step of three", funnel("pv pv pv", "1d"), "pv@0", "0"),
            arguments("one event fills one step", funnel("a b", "1d"), "a+b@0", "0"),
            arguments("one event fills one step, two events fill two", funnel("a b", "1d"), "a+b@0 a+b@1", "0 1"),
            arguments("equal timestamps taken in step order", w10, "c@0 b@0 a@0", "0 0 0"),
            arguments("equal timestamps after step 1", w10, "a@0 c@3 b@3", "0 3 3"),
            arguments("events out of time order within a timestamp group", w10, "a@1 c@2 x@2 b@2 c@3", "1 2 2"),
            arguments("one step", funnel("a", "1d"), "x@1 a@5 a@7", "5"),
            arguments("level 0: no events", w10, "", "-"),
            arguments("level 0: step 1 never matched", w10, "b@0 c@1 x@2", "-"),
            arguments("64-bit times", w10, "a@9000000000000000us b@9000000000000001us", "9000000000000000us 9000000000000001us"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matching(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- modes ----------------------------------------------------------------------------------

    static Stream<Arguments> modes() {
        FunnelFixture plain = funnel(ABC, "10s");
        FunnelFixture order = funnel(ABC, "10s", "strict_order");
        FunnelFixture dedup = funnel(ABC, "10s", "strict_deduplication");
        FunnelFixture increase = funnel(ABC, "10s", "strict_increase");
        return Stream.of(
            arguments("plain: other events in between do not matter", plain, "a@0 x@1 b@2 a@3 c@4", "0 2 4"),
            arguments("plain: another event in between", plain, "a@0 b@1 x@2 c@3", "0 1 3"),
            arguments("plain: an earlier step in between", plain, "a@0 b@1 a@2 c@3", "0 1 3"),
            arguments("plain: the latest start among the earliest completions", plain, "a@0 b@1 x@2 a@3 b@4 c@5", "3 4 5"),
            arguments("plain: an event matching no step at the same time", plain, "a@0 x@1 b@1 c@2", "0 1 2"),
            arguments("plain: equal times chain", plain, "a@0 b@0 c@1", "0 0 1"),
            arguments("plain: equal times chain, earliest steps in between", plain, "a@0 b@0 b@1 c@1 c@2", "0 0 1"),
            arguments("strict_order: another event ends the attempt, its level counts", order, "a@0 b@1 x@2 c@3", "0 1"),
            arguments("strict_order: a step-1 event after step 2 ends it too", order, "a@0 b@1 a@2 c@3", "0 1"),
            arguments("strict_order: repeating the step just reached is allowed", order, "a@0 b@1 b@2 c@3", "0 1 3"),
            arguments("strict_order: events before step 1 do not matter", order, "x@0 a@1 b@2 c@3", "1 2 3"),
            arguments("strict_order: a later attempt starts afresh", order, "a@0 b@1 x@2 a@3 b@4 c@5", "3 4 5"),
            arguments("strict_order: events matching nothing come after the steps of their timestamp", order,
                "a@0 x@1 b@1 c@2", "0 1"),
            arguments("strict_order: the next step out of the window does not end the attempt",
                funnel(ABC, "10s", "strict_order").exclude("x", 1, 2), "a@0 b@11 x@12", "-"),
            arguments("strict_deduplication: other events do not matter", dedup, "a@0 x@1 b@2 c@3", "0 2 3"),
            arguments("strict_increase: equal times cannot chain", increase, "a@0 b@0 c@1", "0"),
            arguments("strict_increase: strictly later times chain", increase, "a@0 b@0 b@1 c@1 c@2", "0 1 2"),
            arguments("strict_increase: repeated step needs two times", funnel("pv pv", "1d", "strict_increase"),
                "pv@0 pv@0", "0"),
            arguments("strict_order + strict_increase: same-time next step neither advances nor ends",
                funnel(ABC, "10s", "strict_order", "strict_increase"), "a@0 b@0 b@1 c@2", "0 1 2"),
            arguments("strict_order + strict_increase: then another event ends it",
                funnel(ABC, "10s", "strict_order", "strict_increase"), "a@0 b@0 c@1", "0"),
            arguments("strict_order + strict_deduplication", funnel(ABC, "10s", "strict_order", "strict_deduplication"),
                "a@0 a@1 b@2 b@3 c@4", "1 2"),
            arguments("all three modes", funnel(ABC, "10s", "strict_order", "strict_deduplication", "strict_increase"),
                "a@0 a@1 b@1 b@2 c@3", "1 2 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void modes(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- strict_deduplication, as ClickHouse defines it -----------------------------------------

    /**
     * strict_deduplication: an attempt takes the earliest event that can fill its next step, and an
     * event repeating one of its steps 2..j (or step 1 before step 2) ends it. "(ClickHouse: n)" is
     * windowFunnel's level on the same events, worked out by hand from its newest source (after pull
     * request 99003); where n differs, docs/funnels.md says why. The "plain" rows give the result
     * without the mode, for contrast.
     */
    static Stream<Arguments> strictDeduplication() {
        FunnelFixture plain = funnel(ABC, "10s");
        FunnelFixture dedup = funnel(ABC, "10s", "strict_deduplication");
        FunnelFixture abcd = funnel("a b c d", "10s");
        FunnelFixture abcdDedup = funnel("a b c d", "10s", "strict_deduplication");
        FunnelFixture order = funnel(ABC, "10s", "strict_order");
        FunnelFixture dedupOrder = funnel(ABC, "10s", "strict_deduplication", "strict_order");
        FunnelFixture increase = funnel(ABC, "10s", "strict_increase");
        FunnelFixture dedupIncrease = funnel(ABC, "10s", "strict_deduplication", "strict_increase");
        String p4 = "p0 p1 p2 p3";
        String issue52844 = "p0@1 p1@2 p2@2 p3@2 p1@3 p2@3 p3@3 p1@4 p2@4 p3@4";
        return Stream.of(
            arguments("plain: an attempt may wait for a later b", plain, "a@0 a@1 b@2 b@3 c@4 c@5", "1 2 4"),
            arguments("the earliest b is taken and the second ends the attempt (ClickHouse: 2)", dedup,
                "a@0 a@1 b@2 b@3 c@4 c@5", "1 2"),
            arguments("plain: the attempt that waited for the second b goes on", plain, "a@0 b@1 b@2 c@3", "0 1 3"),
            arguments("the second b ends the attempt, it could not wait for it (ClickHouse: 2)", dedup,
                "a@0 b@1 b@2 c@3", "0 1"),
            arguments("plain: two attempts reach 3, the later start is reported", plain, "a@0 a@1 b@2 c@3", "1 2 3"),
            arguments("a repeat of step 1 before step 2 ends that attempt, the one it starts goes on", dedup,
                "a@0 a@1 b@2 c@3", "1 2 3"),
            arguments("a step-1 event after step 2 starts another attempt and ends none (ClickHouse: 3)", dedup,
                "a@0 b@1 a@2 c@3", "0 1 3"),
            arguments("plain: the same", plain, "a@0 b@1 a@2 c@3", "0 1 3"),
            arguments("plain: window", plain, "a@0 b@1 a@5 c@9", "0 1 9"),
            arguments("window: the attempt still finishes inside its window", dedup, "a@0 b@1 a@5 c@9", "0 1 9"),
            arguments("plain: window passed", plain, "a@0 b@1 a@5 c@11", "0 1"),
            arguments("window: a next step after it is not taken, the attempt keeps its level", dedup,
                "a@0 b@1 a@5 c@11", "0 1"),
            arguments("plain: window passed, twice", plain, "a@0 b@5 c@11 c@12", "0 5"),
            arguments("window: nor is it a repeat", dedup, "a@0 b@5 c@11 c@12", "0 5"),
            arguments("plain, steps a b c d: the attempt waits for the second b and c", abcd,
                "a@0 b@1 c@2 b@3 c@4 d@5", "0 1 2 5"),
            arguments("a repeat of step 2 after step 3 ends the attempt at 3 (ClickHouse: 3)", abcdDedup,
                "a@0 b@1 c@2 b@3 c@4 d@5", "0 1 2"),
            arguments("plain: an event of steps 2 and 3 fills step 3", plain, "a@0 b@1 b+c@2", "0 1 2"),
            arguments("an event that repeats step 2 ends the attempt even if it matches step 3 (ClickHouse: 2)",
                dedup, "a@0 b@1 b+c@2", "0 1"),
            arguments("plain, exclusion x between steps 2 and 3: the attempt that waited is kept",
                funnel(ABC, "10s").exclude("x", 2, 3), "a@0 b@1 x@2 b@3 c@4", "0 3 4"),
            arguments("exclusion x between steps 2 and 3: no attempt waited",
                funnel(ABC, "10s", "strict_deduplication").exclude("x", 2, 3), "a@0 b@1 x@2 b@3 c@4", "-"),
            arguments("plain, steps pageview -> pageview", funnel("pv pv", "1d"), "pv@0 pv@1", "0 1"),
            arguments("steps pageview -> pageview: the second pageview fills step 2",
                funnel("pv pv", "1d", "strict_deduplication"), "pv@0 pv@1", "0 1"),
            arguments("plain, steps pageview -> pageview -> pageview", funnel("pv pv pv", "1d"), "pv@0 pv@1 pv@2", "0 1 2"),
            arguments("steps pageview -> pageview -> pageview: the third pageview repeats step 2",
                funnel("pv pv pv", "1d", "strict_deduplication"), "pv@0 pv@1 pv@2", "0 1"),
            arguments("plain: the later attempt", plain, "a@0 b@5 a@8 b@9 c@15", "8 9 15"),
            arguments("each step-1 event starts its own attempt (ClickHouse: 2, its scan stops at b@9)", dedup,
                "a@0 b@5 a@8 b@9 c@15", "8 9 15"),
            arguments("ClickHouse issue 37177: the attempt from install@25 reaches 4 (ClickHouse: 3)",
                funnel("install start login end", "60s", "strict_deduplication"),
                "install@0 start@5 login@10 install@15 start@20 install@25 start@30 login@35 end@40", "25 30 35 40"),
            // with strict_order
            arguments("strict_order: repeating the step just reached is allowed", order, "a@0 b@1 b@2 c@3", "0 1 3"),
            arguments("+ strict_order: strict_deduplication still ends the attempt at the repeat (ClickHouse: 2)",
                dedupOrder, "a@0 b@1 b@2 c@3", "0 1"),
            arguments("steps a b c d: an event of step 4 in between does not matter", abcdDedup, "a@0 b@1 d@2 c@3", "0 1 3"),
            arguments("+ strict_order, steps a b c d: an event of step 4 in between ends the attempt (ClickHouse: 2)",
                funnel("a b c d", "10s", "strict_deduplication", "strict_order"), "a@0 b@1 d@2 c@3", "0 1"),
            // with strict_increase
            arguments("+ strict_increase: a b at the time of step 1 neither fills step 2 nor ends the attempt",
                dedupIncrease, "a@0 b@0 b@1 c@2", "0 1 2"),
            arguments("strict_increase: the second b at 1 s may fill step 2", increase, "a@0 b@1 b@1 c@2", "0 1 2"),
            arguments("+ strict_increase: the first b at 1 s fills step 2, the second ends the attempt (ClickHouse: 2)",
                dedupIncrease, "a@0 b@1 b@1 c@2", "0 1"),
            arguments("+ strict_increase: a step-1 event at the time of step 2 ends the attempt still at step 1 (ClickHouse: 1)",
                dedupIncrease, "a@0 a@1 b@1 c@2", "0"),
            arguments("strict_increase, ClickHouse issue 52844's events: the exact chain reaches 4",
                funnel(p4, "100000s", "strict_increase"), issue52844, "1 2 3 4"),
            arguments("+ strict_increase, ClickHouse issue 52844's events: p1@3 repeats step 2 (ClickHouse: 2)",
                funnel(p4, "100000s", "strict_deduplication", "strict_increase"), issue52844, "1 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strictDeduplication")
    void strictDeduplication(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- exclusions -----------------------------------------------------------------------------

    static Stream<Arguments> exclusions() {
        return Stream.of(
            arguments("exclusion between steps 1 and 2 disqualifies the attempt", funnel(ABC, "10s").exclude("x", 1, 2),
                "a@0 x@1 b@2 c@3", "-"),
            arguments("a later attempt survives", funnel(ABC, "10s").exclude("x", 1, 2), "a@0 x@1 a@2 b@3 c@4", "2 3 4"),
            arguments("an exclusion before step 1 does nothing", funnel(ABC, "10s").exclude("x", 1, 2),
                "x@0 a@1 b@2 c@3", "1 2 3"),
            arguments("a disqualified attempt counts for nothing, the one that stayed at step 1 survives",
                funnel(ABC, "10s").exclude("x", 2, 3), "a@0 b@1 x@2 c@3", "0"),
            arguments("the attempt that stayed at step 1 may go on", funnel(ABC, "10s").exclude("x", 2, 3),
                "a@0 b@1 x@2 b@3 c@4", "0 3 4"),
            arguments("from-step 1 to-step 3 covers steps 1 and 2", funnel(ABC, "10s").exclude("x", 1, 3),
                "a@0 b@1 x@2 c@3", "-"),
            arguments("after the last step an exclusion does nothing", funnel(ABC, "10s").exclude("x", 1, 3),
                "a@0 b@1 c@2 x@3", "0 1 2"),
            arguments("after to-step an exclusion does nothing", funnel(ABC, "10s").exclude("x", 1, 2),
                "a@0 b@1 x@2 c@3", "0 1 3"),
            arguments("an attempt ended by strict_order is no longer disqualified",
                funnel(ABC, "10s", "strict_order").exclude("x", 1, 3), "a@0 b@1 y@2 x@3", "0 1"),
            arguments("exclusion wins over a step on the same event", funnel(ABC, "10s").exclude("x", 1, 2),
                "a@0 b+x@1 c@2", "-"),
            arguments("an event may be step 2 and exclude later steps", funnel(ABC, "10s").exclude("x", 2, 3),
                "a@0 b+x@1 c@2", "0 1 2"),
            arguments("an exclusion at step 1's time comes after the steps of that time",
                funnel(ABC, "10s").exclude("x", 1, 2), "x@0 a@0 b@1", "-"),
            arguments("two exclusions", funnel(ABC, "10s").exclude("x", 1, 2).exclude("y", 2, 3),
                "a@0 a@1 b@2 y@3 x@4 c@5", "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exclusions")
    void exclusions(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- best attempt ---------------------------------------------------------------------------

    static Stream<Arguments> bestAttempt() {
        FunnelFixture w10 = funnel(ABC, "10s");
        return Stream.of(
            arguments("highest level wins, however late", w10, "a@0#first b@1 a@100#second b@101 c@102", "100 101 102#second"),
            arguments("then the attempt that reached that level first", w10, "a@0#first b@5 a@6#second b@7", "0 5#first"),
            arguments("then the latest start", w10, "a@0#first a@2#second b@5", "2 5#second"),
            arguments("level 1: the first step-1 event", w10, "a@3#first a@5#second", "3#first"),
            arguments("then the earliest middle steps", w10, "a@0 b@1 b@2 c@3", "0 1 3"),
            arguments("breakdown is the step-1 event's value, not later ones'", w10, "a@0#google b@1#email c@2#direct",
                "0 1 2#google"),
            arguments("null breakdown", w10, "a@0 b@1", "0 1"),
            arguments("equal step-1 events: the smaller breakdown value", w10, "a@0#second a@0#first b@1", "0 1#first"),
            arguments("equal step-1 events: a breakdown value before none", w10, "a@0 a@0#google b@1", "0 1#google"),
            arguments("same time, same step: the event without exclusions first", funnel("a b", "10s").exclude("x", 1, 2),
                "a@0 a+x@1 a+b@1", "0 1"),
            arguments("reached first, then latest start: the quickest completion", funnel(ABC, "1d"),
                "a@0#first a@10#second b@11 c@12 b@13 c@14", "10 11 12#second"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bestAttempt")
    void bestAttempt(String rule, FunnelFixture f, String events, String expected) {
        check(f, events, expected);
    }

    // ---- units, streams, misuse -----------------------------------------------------------------

    @Test
    void resetStartsANewUnit() {
        FunnelFixture f = funnel(ABC, "10s");
        FunnelMatcher m = new FunnelMatcher(f.spec());
        assertThat(FunnelFixture.run(m, f.events("a@100#p1 b@101 c@102"))).isEqualTo(result("100 101 102#p1"));
        // earlier times than the previous unit are fine after a reset
        assertThat(FunnelFixture.run(m, f.events("a@0#p2 b@1"))).isEqualTo(result("0 1#p2"));
        assertThat(FunnelFixture.run(m, f.events(""))).isEqualTo(FunnelResult.none());
        assertThat(FunnelFixture.run(m, f.events("b@5 c@6"))).isEqualTo(FunnelResult.none());
    }

    @Test
    void resultCanBeAskedTwice() {
        FunnelFixture f = funnel(ABC, "10s");
        FunnelMatcher m = new FunnelMatcher(f.spec());
        FunnelResult first = FunnelFixture.run(m, f.events("a@0 a@0 b@1"));
        assertThat(m.result()).isEqualTo(first).isEqualTo(result("0 1"));
    }

    @Test
    void eventsMustComeInTimeOrder() {
        FunnelMatcher m = new FunnelMatcher(funnel(ABC, "10s").spec());
        m.accept(5 * S, 1, 0, null);
        assertThatThrownBy(() -> m.accept(4 * S, 2, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time order");
    }

    @Test
    void maskBitsBeyondTheFunnelAreIgnored() {
        FunnelMatcher m = new FunnelMatcher(funnel("a b", "10s").spec());
        m.accept(0, 1L | 4L | (1L << 62), -1L, "x"); // bits of steps 3 and 63, and of exclusions that do not exist
        m.accept(S, 2L, 0, null);
        assertThat(m.result()).isEqualTo(new FunnelResult(2, new long[] {0, S}, "x"));
    }

    @Test
    void millionEventUnit() {
        // one person, 1,000,000 events a second apart: step-1 events and other events alternating, then a, b, c
        int n = 1_000_000;
        for (String mode : new String[] {"strict_order", "strict_deduplication", "strict_increase", ""}) {
            FunnelMatcher m = new FunnelMatcher(
                    (mode.isEmpty() ? funnel(ABC, "10s") : funnel(ABC, "10s", mode)).spec());
            for (int i = 0; i < n - 2; i++) {
                boolean a = i % 2 == 0 || i == n - 3;
                m.accept(i * S, a ? 1L : 0L, 0, a ? "a" + i : null);
            }
            m.accept((n - 2) * S, 2L, 0, null);
            m.accept((n - 1) * S, 4L, 0, null);
            assertThat(m.result()).as(mode)
                    .isEqualTo(new FunnelResult(3, new long[] {(n - 3) * S, (n - 2) * S, (n - 1) * S}, "a" + (n - 3)));
        }
    }

    @Test
    void millionEventsAtOneTimestamp() {
        FunnelFixture f = funnel(ABC, "0s", "strict_increase");
        FunnelMatcher m = new FunnelMatcher(f.spec());
        for (int i = 0; i < 1_000_000; i++) {
            m.accept(7, 1L << (2 - i % 3), 0, null);
        }
        assertThat(m.result()).isEqualTo(new FunnelResult(1, new long[] {7}, null));
        FunnelMatcher plain = new FunnelMatcher(funnel(ABC, "0s").spec());
        for (int i = 0; i < 1_000_000; i++) {
            plain.accept(7, 1L << (2 - i % 3), 0, null);
        }
        assertThat(plain.result()).isEqualTo(new FunnelResult(3, new long[] {7, 7, 7}, null));
    }

    @Test
    void serializableMidUnit() throws Exception {
        FunnelFixture f = funnel(ABC, "10s", "strict_increase").exclude("x", 2, 3);
        List<FunnelFixture.Ev> events = f.events("a@0#p a@1 b@2 b@2 a@3 c@4");
        FunnelMatcher m = new FunnelMatcher(f.spec());
        for (FunnelFixture.Ev e : events.subList(0, 4)) {
            m.accept(e.time(), e.stepMask(), e.exclusionMask(), e.breakdown());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        FunnelMatcher copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FunnelMatcher) in.readObject();
        }
        for (FunnelFixture.Ev e : events.subList(4, events.size())) {
            copy.accept(e.time(), e.stepMask(), e.exclusionMask(), e.breakdown());
        }
        assertThat(copy.result()).isEqualTo(f.run("a@0#p a@1 b@2 b@2 a@3 c@4")).isEqualTo(result("1 2 4"));
    }
}
