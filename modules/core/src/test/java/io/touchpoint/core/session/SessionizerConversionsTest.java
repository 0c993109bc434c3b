package io.touchpoint.core.session;

import static io.touchpoint.core.session.TestEvents.hit;
import static io.touchpoint.core.session.TestEvents.rules;
import static io.touchpoint.core.session.TestEvents.run;
import static io.touchpoint.core.session.TestEvents.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.touchpoint.core.attribution.AttributionPipeline;
import io.touchpoint.core.attribution.Touchpoint;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.ingest.Event;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionizerConversionsTest {
    private static final String PURCHASE = "[ { name = purchase, event-name = purchase } ]";
    private static final String PURCHASE_AND_THANKS =
            "[ { name = purchase, event-name = purchase }, { name = thanks, page-url { regex = \"/thanks\" }, value = 1 } ]";

    @Test
    void conversionCarriesItsSessionPersonEventValueAndLocalDate() {
        // 23:50 and 00:10 in New York: the session starts on the 14th, the conversion is on the 15th.
        SessionPipeline.Result r = run(rules(ZoneId.of("America/New_York"), PURCHASE),
                hit("2024-05-15T03:50:00Z").ref("https://www.google.com/"),
                hit("2024-05-15T04:10:00Z").id("e2").user("u1").purchase(59.9).order("o1"));
        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.sessionDate()).isEqualTo(LocalDate.of(2024, 5, 14));
        assertThat(r.conversions()).hasSize(1);
        Conversion c = r.conversions().get(0);
        assertThat(c.goal()).isEqualTo("purchase");
        assertThat(c.visitorId()).isEqualTo("v1");
        assertThat(c.personId()).isEqualTo("u1");
        assertThat(c.eventId()).isEqualTo("e2");
        assertThat(c.orderId()).isEqualTo("o1");
        assertThat(c.timeMicros()).isEqualTo(micros("2024-05-15T04:10:00Z"));
        assertThat(c.value()).isEqualTo(59.9);
        assertThat(c.conversionDate()).isEqualTo(LocalDate.of(2024, 5, 15));
        assertThat(c.session()).isEqualTo(new Touchpoint(s.sessionId(), micros("2024-05-15T03:50:00Z"),
                "Organic Search", "google", "organic", "(not set)", "u1"));
        assertThat(c.session()).isEqualTo(AttributionPipeline.touchpoint(s));
        assertThat(c.conversionId()).isNotBlank();
        assertThat(s.conversions()).isEqualTo(1);
        assertThat(s.revenue()).isEqualTo(59.9);
    }

    @Test
    void eventMatchingTwoGoalsIsOneConversionPerGoalInGoalOrder() {
        SessionPipeline.Result r = run(rules(PURCHASE_AND_THANKS), hit("10:00").purchase(30));
        assertThat(r.conversions()).extracting(Conversion::goal, Conversion::value, Conversion::eventId)
                .containsExactly(tuple("purchase", 30.0, "e-10:00"), tuple("thanks", 1.0, "e-10:00"));
        assertThat(r.conversions()).extracting(Conversion::conversionId).doesNotHaveDuplicates();
        assertThat(r.sessions()).singleElement().satisfies(s -> {
            assertThat(s.conversions()).isEqualTo(2);
            assertThat(s.revenue()).isEqualTo(31.0);
        });
    }

    @Test
    void sessionCountsAndSumsOnlyItsOwnConversions() {
        SessionPipeline.Result r = run(rules(PURCHASE),
                hit("10:00"),
                hit("10:05").purchase(10),
                hit("10:06").name("purchase").revenue(null),
                hit("10:07").purchase(20.5),
                hit("12:00"),
                hit("14:00").purchase(5));
        assertThat(r.sessions()).extracting(Session::startMicros, Session::conversions, Session::revenue)
                .containsExactly(tuple(micros("10:00"), 3L, 30.5), tuple(micros("12:00"), 0L, 0.0),
                        tuple(micros("14:00"), 1L, 5.0));
        assertThat(r.conversions()).extracting(Conversion::value).containsExactly(10.0, 0.0, 20.5, 5.0);
        assertThat(r.conversions()).extracting(c -> c.session().sessionId()).containsExactly(
                r.sessions().get(0).sessionId(), r.sessions().get(0).sessionId(), r.sessions().get(0).sessionId(),
                r.sessions().get(2).sessionId());
    }

    @Test
    void withoutGoalsNothingConverts() {
        SessionPipeline.Result r = run(rules("[]"), hit("10:00").purchase(10));
        assertThat(r.conversions()).isEmpty();
        assertThat(r.sessions()).singleElement().extracting(Session::conversions, Session::revenue)
                .containsExactly(0L, 0.0);
    }

    /**
     * A first purchase by v1 (order o1, 10:00), then a second event 3 hours later (a new session).
     * Second event: visitor, order ("" = none), what it is (purchase | thanks-page), conversions in all.
     */
    @ParameterizedTest(name = "[{index}] then {0} {1} {2} -> {3} conversions")
    @CsvSource({
            "v1, o1, purchase,    1",  // the same order again: not a new conversion
            "v1, o2, purchase,    2",  // another order
            "v2, o1, purchase,    2",  // another visitor
            "v1, o1, thanks-page, 2",  // the same order but another goal
            "v1, '', purchase,    2",  // no order id: every purchase counts
    })
    void repeatedOrderOfTheSameGoalByTheSameVisitorIsNotANewConversion(String visitor, String order, String what,
                                                                        int expected) {
        String goals = "[ { name = purchase, event-name = purchase }, { name = thanks, page-url { equals = \""
                + TestEvents.SITE + "/thanks\" } } ]";
        TestEvents.Hit second = hit("13:00").visitor(visitor).order(order.isEmpty() ? null : order);
        second = what.equals("purchase") ? second.name("purchase").page("/order/done").revenue(7.0)
                : second.page("/thanks");
        SessionPipeline.Result r = run(rules(goals), hit("10:00").name("purchase").page("/order/done").revenue(40.0).order("o1"),
                second);
        assertThat(r.conversions()).hasSize(expected);
        assertThat(r.sessions()).extracting(Session::conversions).containsExactly(1L, (long) expected - 1);
    }

    @Test
    void orderRepeatedInTheSameSessionCountsOnceAndItsRevenueOnce() {
        SessionPipeline.Result r = run(rules(PURCHASE_AND_THANKS),
                hit("10:00").purchase(40).order("o1"),
                hit("10:01").purchase(40).order("o1"));
        assertThat(r.conversions()).extracting(Conversion::goal, Conversion::eventId)
                .containsExactly(tuple("purchase", "e-10:00"), tuple("thanks", "e-10:00"));
        assertThat(r.sessions()).singleElement().extracting(Session::conversions, Session::revenue)
                .containsExactly(2L, 41.0);
    }

    @Test
    void duplicateEventIdRowsNeverConvertTwice() {
        SessionPipeline.Result r = run(rules(PURCHASE),
                hit("10:00").id("p1").purchase(25),
                hit("10:00").id("p1").purchase(25),
                hit("10:02").id("p1").purchase(25));
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.conversions()).singleElement().extracting(Conversion::eventId, Conversion::value)
                .containsExactly("p1", 25.0);
        assertThat(r.sessions()).singleElement().extracting(Session::conversions, Session::revenue)
                .containsExactly(1L, 25.0);
    }

    @Test
    void conversionIdsAreDistinctAtTheSameInstantWithoutEventIdsAndStableAcrossRuns() {
        List<String> first = ids(run(rules(PURCHASE_AND_THANKS),
                hit("10:00").id(null).purchase(1), hit("10:00").id(null).purchase(2),
                hit("10:00").id(null).visitor("v2").purchase(3)));
        List<String> again = ids(run(rules(PURCHASE_AND_THANKS),
                hit("10:00").id(null).visitor("v2").purchase(3),
                hit("10:00").id(null).purchase(1), hit("10:00").id(null).purchase(2)));
        assertThat(first).hasSize(6).doesNotHaveDuplicates();
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void conversionIdDoesNotDependOnOtherVisitors() {
        String alone = ids(run(rules(PURCHASE), hit("10:00").purchase(1))).get(0);
        String withOthers = run(rules(PURCHASE), hit("09:00").visitor("v0").purchase(1), hit("10:00").purchase(1))
                .conversions().stream().filter(c -> c.visitorId().equals("v1")).findFirst().orElseThrow().conversionId();
        assertThat(withOthers).isEqualTo(alone);
    }

    @Test
    void conversionGoesToTheSinkRightAfterItsEvent() {
        List<String> calls = new ArrayList<>();
        Sessionizer s = new Sessionizer(rules(PURCHASE_AND_THANKS), new Sessionizer.Sink() {
            @Override
            public void event(SessionizedEvent e) {
                calls.add("E:" + e.event().eventId());
            }

            @Override
            public void session(Session session) {
                calls.add("S:" + session.conversions());
            }

            @Override
            public void conversion(Conversion c) {
                calls.add("C:" + c.goal());
            }
        });
        for (Event e : List.of(hit("10:00").id("a").build(), hit("10:01").id("b").purchase(9).build(),
                hit("10:02").id("c").build())) {
            s.accept(e, "v1");
        }
        s.finish();
        assertThat(calls).containsExactly("E:a", "E:b", "C:purchase", "C:thanks", "E:c", "S:2");
    }

    private static List<String> ids(SessionPipeline.Result r) {
        return r.conversions().stream().map(Conversion::conversionId).toList();
    }
}
