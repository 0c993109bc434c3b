package io.touchpoint.core.conversion;

import static io.touchpoint.core.conversion.TestGoals.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.touchpoint.core.error.TouchpointException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad goal stops with a CONFIG error naming the key path and the value as written. */
class GoalsConfigErrorsTest {
    private static final String OK = "{ name = ok, event-name = ok }";
    private static final String G = "touchpoint.conversions.goals";

    static Stream<Arguments> errors() {
        return Stream.of(
                // goals = ..., key path, value, problem
                arguments("purchase", G, "purchase", "Goals must be a list"),
                arguments("{ name = purchase, event-name = purchase }", G, "{event-name=purchase, name=purchase}",
                        "Goals must be a list"),
                arguments("[ " + OK + ", purchase ]", G + "[1]", "purchase", "A goal must be an object"),
                arguments("[ " + OK + ", [ a ] ]", G + "[1]", "[a]", "A goal must be an object"),
                arguments("[ { name = a, event-name = a, event = b } ]", G + "[0].event", "b", "Unknown goal key"),
                arguments("[ { name = a, event-name = a, page_url { equals = x } } ]", G + "[0].page_url", "{equals=x}",
                        "Unknown goal key"),
                arguments("[ " + OK + ", { event-name = a } ]", G + "[1].name", "null", "A goal needs a name"),
                arguments("[ { name = \"\", event-name = a } ]", G + "[0].name", "\"\"", "Value must not be empty"),
                arguments("[ { name = a, event-name = \"\" } ]", G + "[0].event-name", "\"\"", "Value must not be empty"),
                arguments("[ { name = a, page-url { regex = \"\" } } ]", G + "[0].page-url.regex", "\"\"",
                        "Value must not be empty"),
                arguments("[ { name = \"   \", event-name = a } ]", G + "[0].name", "   ", "A goal needs a name"),
                arguments("[ { name = 7, event-name = a } ]", G + "[0].name", "7", "Expected a string"),
                arguments("[ { name = a, event-name = a }, { name = b, event-name = b }, { name = a, event-name = c } ]",
                        G + "[2].name", "a", "Duplicate goal name"),
                arguments("[ { name = a, value = 3 } ]", G + "[0]", "{name=a, value=3}", "A goal needs event-name, page-url or crm-stage"),
                arguments("[ { name = a, page-url { equals = x, regex = y } } ]", G + "[0].page-url", "{equals=x, regex=y}",
                        "page-url needs exactly one of equals or regex"),
                arguments("[ { name = a, page-url {} } ]", G + "[0].page-url", "{}",
                        "page-url needs exactly one of equals or regex"),
                arguments("[ { name = a, page-url { contains = x } } ]", G + "[0].page-url", "{contains=x}",
                        "page-url needs exactly one of equals or regex"),
                arguments("[ { name = a, page-url = \"/thanks\" } ]", G + "[0].page-url", "/thanks",
                        "page-url needs exactly one of equals or regex"),
                arguments("[ " + OK + ", { name = a, page-url { regex = \"/thanks(\" } } ]", G + "[1].page-url.regex",
                        "/thanks(", "Invalid regular expression"),
                arguments("[ " + OK + ", { name = a, page-url { regex = \"[a-\" } } ]", G + "[1].page-url.regex",
                        "[a-", "Invalid regular expression"),
                arguments("[ { name = a, event-name = a, value = lots } ]", G + "[0].value", "lots",
                        "Goal value must be a number"),
                arguments("[ { name = a, event-name = a, value = \"5\" } ]", G + "[0].value", "5",
                        "Goal value must be a number"),
                arguments("[ { name = a, event-name = a, value = true } ]", G + "[0].value", "true",
                        "Goal value must be a number"),
                arguments("[ { name = a, event-name = a, value = [1] } ]", G + "[0].value", "[1]",
                        "Goal value must be a number"));
    }

    @ParameterizedTest(name = "[{index}] goals = {0}")
    @MethodSource("errors")
    void badGoalIsAConfigErrorNamingKeyAndValue(String goals, String key, String value, String problem) {
        TouchpointException e = catchThrowableOfType(() -> parse(goals), TouchpointException.class);
        assertThat(e).as("expected an error for goals = %s", goals).isNotNull();
        assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
        assertThat(e.where()).isEqualTo(key);
        assertThat(entries(e.value())).isEqualTo(entries(value));
        assertThat(e.getMessage()).startsWith(problem).contains(": " + key + " = " + e.value() + ".");
        assertThat(e.fix()).isNotBlank();
    }

    /** A map value in any entry order ("{b=2, a=1}" = "{a=1, b=2}"); other values as they are. */
    private static java.util.List<String> entries(String value) {
        if (!value.startsWith("{") || !value.endsWith("}") || value.length() == 2) {
            return java.util.List.of(value);
        }
        return java.util.Arrays.stream(value.substring(1, value.length() - 1).split(", ")).sorted().toList();
    }
}
