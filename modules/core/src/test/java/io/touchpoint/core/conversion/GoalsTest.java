package io.touchpoint.core.conversion;

import static io.touchpoint.core.conversion.TestGoals.goal;
import static io.touchpoint.core.conversion.TestGoals.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoalsTest {
    private static final String THANKS = "https://shop.example.com/thanks";
    private static final String EVENT = "name = g, event-name = purchase";
    private static final String EQUALS = "name = g, page-url { equals = \"" + THANKS + "\" }";
    private static final String FOUND = "name = g, page-url { regex = \"/thanks\" }";
    // HOCON triple quotes: the backslashes reach the regex as written.
    private static final String ANCHORED = "name = g, page-url { regex = \"\"\"^https://shop\\.example\\.com/thanks$\"\"\" }";
    private static final String BOTH = "name = g, event-name = purchase, page-url { regex = \"/thanks\" }";

    static Stream<Arguments> matching() {
        return Stream.of(
                // goal, event_name, page_url, matches
                arguments(EVENT, "purchase", THANKS, true),
                arguments(EVENT, "purchase", null, true),
                arguments(EVENT, "Purchase", THANKS, false),
                arguments(EVENT, "page_view", THANKS, false),
                arguments(EVENT, null, THANKS, false),
                arguments(EQUALS, "page_view", THANKS, true),
                arguments(EQUALS, "page_view", THANKS + "?x=1", false),
                arguments(EQUALS, "page_view", THANKS + "/", false),
                arguments(EQUALS, "page_view", null, false),
                arguments(FOUND, "page_view", THANKS, true),
                arguments(FOUND, "page_view", "https://shop.example.com/checkout/thanks?order=7", true),
                arguments(FOUND, "page_view", "https://shop.example.com/thank-you", false),
                arguments(FOUND, "page_view", null, false),
                arguments(ANCHORED, "page_view", THANKS, true),
                arguments(ANCHORED, "page_view", THANKS + "?x=1", false),
                arguments(ANCHORED, "page_view", "https://shopXexample.com/thanks", false),
                arguments(ANCHORED, "page_view", "https://other.com/?next=" + THANKS, false),
                arguments(BOTH, "purchase", THANKS, true),
                arguments(BOTH, "purchase", "https://shop.example.com/cart", false),
                arguments(BOTH, "page_view", THANKS, false));
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} / {2} -> {3}")
    @MethodSource("matching")
    void everyConditionThatIsSetMustHold(String goal, String eventName, String pageUrl, boolean expected) {
        assertThat(goal(goal).matches(eventName, pageUrl)).isEqualTo(expected);
    }

    static Stream<Arguments> values() {
        return Stream.of(
                // goal fields, event revenue, conversion value
                arguments(EVENT + ", value = 5", 100.0, 5.0),
                arguments(EVENT + ", value = 5", null, 5.0),
                arguments(EVENT + ", value = 0", 19.99, 0.0),
                arguments(EVENT + ", value = 2.5", 19.99, 2.5),
                arguments(EVENT, 42.5, 42.5),
                arguments(EVENT, 0.0, 0.0),
                arguments(EVENT, null, 0.0));
    }

    @ParameterizedTest(name = "[{index}] {0} / revenue {1} -> {2}")
    @MethodSource("values")
    void valueIsTheFixedValueElseTheEventRevenueElseZero(String goal, Double revenue, double expected) {
        assertThat(goal(goal).valueOf(revenue)).isEqualTo(expected);
    }

    @Test
    void goalsAreParsedInConfigOrderWithTheirFields() {
        Goals goals = parse("""
                [ { name = purchase, event-name = purchase },
                  { name = newsletter, page-url { regex = "/newsletter/thanks" }, value = 2 },
                  { name = contact, event-name = form_submit, page-url { equals = "https://shop.example.com/contact" } } ]
                """);
        assertThat(goals.all()).extracting(Goal::name).containsExactly("purchase", "newsletter", "contact");
        Goal purchase = goals.all().get(0);
        assertThat(purchase.eventName()).isEqualTo("purchase");
        assertThat(purchase.pageUrlEquals()).isNull();
        assertThat(purchase.pageUrlRegex()).isNull();
        assertThat(purchase.value()).isNull();
        Goal newsletter = goals.all().get(1);
        assertThat(newsletter.eventName()).isNull();
        assertThat(newsletter.pageUrlRegex().pattern()).isEqualTo("/newsletter/thanks");
        assertThat(newsletter.value()).isEqualTo(2.0);
        Goal contact = goals.all().get(2);
        assertThat(contact.eventName()).isEqualTo("form_submit");
        assertThat(contact.pageUrlEquals()).isEqualTo("https://shop.example.com/contact");
    }

    @Test
    void anEmptyListMeansNoGoals() {
        assertThat(parse("[]").all()).isEmpty();
    }

    @Test
    void theReferenceDefaultIsOnePurchaseGoal() {
        com.typesafe.config.Config reference = com.typesafe.config.ConfigFactory.parseResources("reference.conf");
        Goals goals = Goals.fromConfig(reference.getValue(TestGoals.KEY), TestGoals.KEY);
        assertThat(goals.all()).containsExactly(new Goal("purchase", "purchase", null, null, null));
    }
}
