package io.touchpoint.core.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.touchpoint.core.error.TouchpointException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing {@code touchpoint.funnels}: shorthand, defaults, every field, every error. */
class FunnelsConfigTest {
    private static final String K = "touchpoint.funnels";

    private static Funnels parse(String hocon) {
        return Funnels.fromConfig(ConfigFactory.parseString("funnels = " + hocon).getValue("funnels"), K);
    }

    @Test
    void shorthandStepsAndDefaults() {
        FunnelDefinition f = parse("[ { name = f, steps = [view, cart] } ]").all().get(0);
        assertThat(f.steps()).extracting(FunnelDefinition.Step::name).containsExactly("view", "cart");
        assertThat(f.steps().get(1).match()).isEqualTo(new StepMatch("cart", null, null, null, null));
        assertThat(f.window()).isEqualTo(Duration.ofDays(1));
        assertThat(f.unit()).isEqualTo(FunnelDefinition.Unit.PERSON);
        assertThat(f.modes()).isEmpty();
        assertThat(f.exclusions()).isEmpty();
        assertThat(f.breakdown()).isNull();
        assertThat(f.spec().windowMicros()).isEqualTo(86_400_000_000L);
    }

    @Test
    void anAccountUnit() {
        assertThat(parse("[ { name = deals, unit = account, steps = [demo, signup] } ]").all().get(0).unit())
                .isEqualTo(FunnelDefinition.Unit.ACCOUNT);
    }

    @Test
    void everyField() {
        FunnelDefinition f = parse("""
                [ { name = checkout, window = 2h, unit = session, mode = [strict_order, strict_increase],
                    breakdown = device,
                    steps = [ { name = landing, page-url { regex = "^https://shop\\\\.example\\\\.com/$" } },
                              { name = cart, page-url { contains = "/cart" }, event-name = page_view },
                              { name = paid, expression = "revenue > 0" } ],
                    exclusions = [ { event-name = refund, from-step = 2, to-step = 3 }, { page-url { equals = "/x" } } ] } ]
                """).all().get(0);
        assertThat(f.unit()).isEqualTo(FunnelDefinition.Unit.SESSION);
        assertThat(f.window()).isEqualTo(Duration.ofHours(2));
        assertThat(f.modes()).isEqualTo(Set.of(FunnelMode.STRICT_ORDER, FunnelMode.STRICT_INCREASE));
        assertThat(f.breakdown()).isEqualTo("device");
        assertThat(f.steps().get(0).match().pageUrlRegex()).isEqualTo("^https://shop\\.example\\.com/$");
        assertThat(f.steps().get(1).match()).isEqualTo(new StepMatch("page_view", null, "/cart", null, null));
        assertThat(f.steps().get(2).match().expression()).isEqualTo("revenue > 0");
        assertThat(f.exclusions()).extracting(FunnelDefinition.ExclusionDefinition::fromStep,
                FunnelDefinition.ExclusionDefinition::toStep).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 3), org.assertj.core.groups.Tuple.tuple(1, 3));
        assertThat(f.spec().exclusions()).containsExactly(new Exclusion(2, 3), new Exclusion(1, 3));
    }

    static Stream<Arguments> errors() {
        String steps = "steps = [a, b]";
        return Stream.of(
                Arguments.of("{ name = f }", K, "Expected a list"),
                Arguments.of("[ { " + steps + " } ]", K + "[0].name", "A funnel needs a name"),
                Arguments.of("[ { name = f } ]", K + "[0].steps", "A funnel needs steps"),
                Arguments.of("[ { name = f, steps = [] } ]", K + "[0].steps", "1 to 63 steps"),
                Arguments.of("[ { name = f, " + steps + " }, { name = f, " + steps + " } ]", K + "[1].name", "Duplicate funnel name"),
                Arguments.of("[ { name = f, " + steps + ", windw = 1d } ]", K + "[0].windw", "Unknown funnel key"),
                Arguments.of("[ { name = f, " + steps + ", window = soon } ]", K + "[0].window", "Bad duration"),
                Arguments.of("[ { name = f, " + steps + ", window = 0s } ]", K + "[0].window", "must be positive"),
                Arguments.of("[ { name = f, " + steps + ", unit = device } ]", K + "[0].unit", "Unknown funnel unit"),
                Arguments.of("[ { name = f, " + steps + ", breakdown = colour } ]", K + "[0].breakdown", "Unknown breakdown"),
                Arguments.of("[ { name = f, steps = [ { name = x } ] } ]", K + "[0].steps[0]", "Nothing to match"),
                Arguments.of("[ { name = f, steps = [ { page-url { contains = a, equals = b } } ] } ]",
                        K + "[0].steps[0].page-url", "exactly one of equals, contains or regex"),
                Arguments.of("[ { name = f, steps = [ { name = x, page-url { regex = \"(\" } } ] } ]",
                        K + "[0].steps[0].page-url.regex", "Invalid regular expression"),
                Arguments.of("[ { name = f, steps = [ { name = x, event = a } ] } ]", K + "[0].steps[0].event", "Unknown step key"),
                Arguments.of("[ { name = f, steps = [ { page-url { contains = a } } ] } ]", K + "[0].steps[0].name",
                        "A step needs a name"),
                Arguments.of("[ { name = f, " + steps + ", exclusions = [ { event-name = r, from-step = 2, to-step = 2 } ] } ]",
                        K + "[0].exclusions[0]", "1 <= from-step < to-step <= 2"),
                Arguments.of("[ { name = f, " + steps + ", exclusions = [ { from-step = 1 } ] } ]",
                        K + "[0].exclusions[0]", "Nothing to match"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameTheKey(String hocon, String key, String problem) {
        assertThatThrownBy(() -> parse(hocon)).isInstanceOfSatisfying(TouchpointException.class, e -> {
            assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
            assertThat(e.where()).isEqualTo(key);
            assertThat(e.getMessage()).contains(problem);
        });
    }
}
