package io.touchpoint.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchpoint.core.error.TouchpointException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec parser, canonical names, the registry and every error message. */
class AttributionModelsTest {

    private static final String KEY = "touchpoint.attribution.models[2]";

    private static String name(String spec) {
        return AttributionModels.parse(KEY, spec).name();
    }

    // ---- registry -----------------------------------------------------------------------------------

    @Test
    void defaultsAreMatomosSixInMatomosOrder() {
        assertThat(AttributionModels.defaults()).extracting(AttributionModel::name).containsExactly(
                "first", "last", "last_non_direct", "linear", "position_based(first=0.4,last=0.4)",
                "time_decay(half_life=7d)");
    }

    @Test
    void builtInsListEveryModelWithItsParameters() {
        assertThat(AttributionModels.builtIns()).extracting(ModelInfo::name).containsExactly(
                "first", "last", "last_non_direct", "linear", "position_based", "time_decay", "position_decay",
                "u_shaped", "w_shaped", "full_path", "hybrid");
        assertThat(AttributionModels.builtIns()).allSatisfy(info -> assertThat(info.description()).isNotBlank());
        ModelInfo pb = AttributionModels.builtIns().get(4);
        assertThat(pb.params()).extracting(ParamInfo::name, ParamInfo::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "0.4"),
                        org.assertj.core.groups.Tuple.tuple("last", "0.4"));
    }

    @Test
    void theBareNameOfEachBuiltInHasTheCanonicalNameOfItsDefaults() {
        for (ModelInfo info : AttributionModels.builtIns()) {
            String expected = info.params().isEmpty() ? info.name() : info.name() + "(" + String.join(",",
                    info.params().stream().map(p -> p.name() + "=" + p.defaultValue()).toList()) + ")";
            assertThat(name(info.name())).isEqualTo(expected);
            assertThat(info.params()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
        }
    }

    @Test
    void builtInsAreRecordsWithValueEquality() {
        assertThat(AttributionModels.parse(KEY, "time_decay")).isEqualTo(new TimeDecayModel(Duration.ofDays(7)));
        assertThat(AttributionModels.parse(KEY, "position_based(first=0.2,last=0.6)"))
                .isEqualTo(new PositionBasedModel(0.2, 0.6)).isNotEqualTo(new PositionBasedModel(0.6, 0.2));
        assertThat(AttributionModels.parse(KEY, "first")).isEqualTo(new FirstModel()).isNotEqualTo(new LastModel());
        assertThat(AttributionModels.parse(KEY, "w_shaped")).isEqualTo(new WShapedModel(0.3, 0.3, 0.3));
        assertThat(AttributionModels.parse(KEY, "u_shaped")).isEqualTo(new UShapedModel(0.5, 0.5));
        assertThat(AttributionModels.parse(KEY, "full_path")).isEqualTo(new FullPathModel(0.225, 0.225, 0.225, 0.225));
        assertThat(AttributionModels.parse(KEY, "time_decay(half_life=168h)"))
                .isEqualTo(AttributionModels.parse(KEY, "time_decay(half_life=7d)"));
    }

    // ---- syntax and canonical names ---------------------------------------------------------------

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "first                                          | first",
        "'  first  '                                    | first",
        "first()                                        | first",
        "'first ( )'                                    | first",
        "last_non_direct                                | last_non_direct",
        "position_based                                 | position_based(first=0.4,last=0.4)",
        "position_based()                               | position_based(first=0.4,last=0.4)",
        "position_based(first=0.2,last=0.6)             | position_based(first=0.2,last=0.6)",
        "position_based(last=0.6,first=0.2)             | position_based(first=0.2,last=0.6)",
        "' position_based ( last = 0.6 , first = .2 ) ' | position_based(first=0.2,last=0.6)",
        "position_based(last=0.6)                       | position_based(first=0.4,last=0.6)",
        "position_based(first=0.60)                     | position_based(first=0.6,last=0.4)",
        "position_based(first=1.0,last=0)               | position_based(first=1,last=0)",
        "position_based(first=-0,last=0.000)            | position_based(first=0,last=0)",
        "position_based(first=2.5e-1,last=0.25)         | position_based(first=0.25,last=0.25)",
        "position_based(first=0.30000000000000001)      | position_based(first=0.3,last=0.4)",
        "time_decay                                     | time_decay(half_life=7d)",
        "time_decay(half_life=7d)                       | time_decay(half_life=7d)",
        "time_decay(half_life=168h)                     | time_decay(half_life=7d)",
        "time_decay(half_life=1.5d)                     | time_decay(half_life=36h)",
        "time_decay(half_life=36h)                      | time_decay(half_life=36h)",
        "time_decay(half_life=90m)                      | time_decay(half_life=90m)",
        "time_decay(half_life=5400s)                    | time_decay(half_life=90m)",
        "time_decay(half_life=1.5h)                     | time_decay(half_life=90m)",
        "time_decay(half_life=1500ms)                   | time_decay(half_life=1500ms)",
        "time_decay(half_life=2.5s)                     | time_decay(half_life=2500ms)",
        "time_decay(half_life=60000ms)                  | time_decay(half_life=1m)",
        "time_decay(half_life=14 d)                     | time_decay(half_life=14d)",
        "time_decay(half_life=3D)                       | time_decay(half_life=3d)",
        "time_decay(half_life=1us)                      | time_decay(half_life=1us)",
        "position_decay                                 | position_decay",
        "u_shaped                                       | u_shaped(first=0.5,lead=0.5)",
        "u_shaped(lead=0.4, first=0.4)                  | u_shaped(first=0.4,lead=0.4)",
        "w_shaped                                       | w_shaped(first=0.3,lead=0.3,opportunity=0.3)",
        "w_shaped()                                     | w_shaped(first=0.3,lead=0.3,opportunity=0.3)",
        "' w_shaped ( opportunity = .25 , first=0.30 ) '| w_shaped(first=0.3,lead=0.3,opportunity=0.25)",
        "full_path                                      | full_path(first=0.225,lead=0.225,opportunity=0.225,won=0.225)",
        "full_path(won=0.4,first=0.2,lead=0.2,opportunity=0.2) | full_path(first=0.2,lead=0.2,opportunity=0.2,won=0.4)",
        "full_path(first=-0)                            | full_path(first=0,lead=0.225,opportunity=0.225,won=0.225)",
        "hybrid                                         | hybrid(base=linear,self_reported=0.5)",
        "' hybrid ( self_reported = .30 , base = time_decay ) ' | hybrid(base=time_decay,self_reported=0.3)",
        "hybrid(base=u_shaped)                          | hybrid(base=u_shaped,self_reported=0.5)",
        "hybrid(self_reported=1.0)                      | hybrid(base=linear,self_reported=1)",
        "hybrid(self_reported=-0)                       | hybrid(base=linear,self_reported=0)",
    })
    void canonicalNames(String spec, String canonical) {
        assertThat(name(spec)).isEqualTo(canonical);
        assertThat(AttributionModels.parse(KEY, canonical)).isEqualTo(AttributionModels.parse(KEY, spec));
    }

    @Test
    void formattingHelpers() {
        assertThat(ModelParams.formatNumber(0.4)).isEqualTo("0.4");
        assertThat(ModelParams.formatNumber(1.0)).isEqualTo("1");
        assertThat(ModelParams.formatNumber(100.0)).isEqualTo("100");
        assertThat(ModelParams.formatNumber(-0.0)).isEqualTo("0");
        assertThat(ModelParams.formatNumber(1e-7)).isEqualTo("0.0000001");
        assertThat(ModelParams.formatNumber(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ModelParams.formatDuration(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(ModelParams.formatDuration(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(ModelParams.formatDuration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(ModelParams.formatDuration(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(ModelParams.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ModelParams.formatDuration(Duration.ofNanos(1500))).isEqualTo("1500ns");
        assertThat(ModelParams.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(ModelParams.formatDuration(Duration.ofDays(-2))).isEqualTo("-2d");
        assertThat(ModelParams.canonicalName("m")).isEqualTo("m");
        assertThat(ModelParams.canonicalName("com.acme.M", "alpha", 0.50, "window", Duration.ofHours(48), "k", 3,
                "mode", "fast")).isEqualTo("com.acme.M(alpha=0.5,window=2d,k=3,mode=fast)");
    }

    @Test
    void modelParamsGetters() {
        ModelParams p = ModelParams.of(KEY, "x.M(a=0.5, w=90m, k=3, s=hi)", "x.M",
                Map.of("a", "0.5", "w", "90m", "k", "3", "s", "hi"));
        assertThat(p.getDouble("a", 1)).isEqualTo(0.5);
        assertThat(p.getDouble("missing", 1)).isEqualTo(1);
        assertThat(p.getDuration("w", Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
        assertThat(p.getDuration("missing", Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
        assertThat(p.getLong("k", 0)).isEqualTo(3);
        assertThat(p.getString("s", "")).isEqualTo("hi");
        assertThat(p.has("s")).isTrue();
        assertThat(p.has("t")).isFalse();
        assertThat(p.asked()).containsExactlyInAnyOrder("a", "missing", "w", "k", "s", "t");
        TouchpointException e = p.invalid("Bad", "Fix it.");
        assertThat(e.getMessage()).isEqualTo("Bad: " + KEY + " = x.M(a=0.5, w=90m, k=3, s=hi). Fix it.");
        assertThatThrownBy(() -> p.getLong("a", 0)).hasMessageContaining("not a whole number ('0.5')");
    }

    // ---- errors -------------------------------------------------------------------------------------

    private static TouchpointException error(String spec) {
        TouchpointException e = catchThrowableOfType(TouchpointException.class, () -> AttributionModels.parse(KEY, spec));
        assertThat(e).as("error for %s", spec).isNotNull();
        assertThat(e.kind()).isEqualTo(TouchpointException.Kind.CONFIG);
        assertThat(e.where()).isEqualTo(KEY);
        assertThat(e.value()).isEqualTo(spec);
        assertThat(e.getMessage()).contains(KEY + " = " + spec);
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"frist", "First", "shapley", "time-decay", "U_shaped", "w-shaped", "last non direct"})
    void unknownModel(String spec) {
        TouchpointException e = error(spec);
        assertThat(e.getMessage()).startsWith("Unknown attribution model '");
        assertThat(e.fix()).contains("first, last, last_non_direct, linear, position_based, time_decay, position_decay,"
                + " u_shaped, w_shaped, full_path, hybrid")
                .contains("class name");
    }

    @Test
    void unknownModelMessageInFull() {
        assertThat(error("frist").getMessage()).isEqualTo(
                "Unknown attribution model 'frist': " + KEY + " = frist. Use one of first, last, last_non_direct,"
                        + " linear, position_based, time_decay, position_decay, u_shaped, w_shaped, full_path, hybrid, or the full class"
                        + " name of a custom model"
                        + " (e.g. com.acme.MyModel).");
    }

    @Test
    void unknownParameter() {
        TouchpointException e = error("time_decay(half_lfe=3d)");
        assertThat(e.getMessage()).startsWith("Unknown parameter 'half_lfe' of time_decay:");
        assertThat(e.fix()).isEqualTo("time_decay takes half_life (default 7d).");
        assertThat(error("position_based(first=0.3, middle=0.2)").fix())
                .isEqualTo("position_based takes first (default 0.4), last (default 0.4).");
        assertThat(error("linear(n=3)").fix()).isEqualTo("linear takes no parameters; write just linear.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "position_based(first=abc)     | Parameter 'first' of position_based is not a number ('abc')",
        "position_based(first=0,4)     | Parameter '4' of position_based is not name=value",
        "position_based(last=40%)      | Parameter 'last' of position_based is not a number ('40%')",
        "position_based(last=NaN)      | Parameter 'last' of position_based is not a number ('NaN')",
        "position_based(last=Infinity) | Parameter 'last' of position_based is not a number ('Infinity')",
        "position_based(last=1e999)    | Parameter 'last' of position_based is not a number ('1e999')",
        "position_based(last=0x1)      | Parameter 'last' of position_based is not a number ('0x1')",
    })
    void badNumber(String spec, String problem) {
        TouchpointException e = error(spec);
        assertThat(e.getMessage()).startsWith(problem + ":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"time_decay(half_life=7)", "time_decay(half_life=7x)", "time_decay(half_life=d)",
        "time_decay(half_life=7 days)", "time_decay(half_life=P7D)", "time_decay(half_life=0.5ns)",
        "time_decay(half_life=99999999999999999999d)"})
    void badDuration(String spec) {
        TouchpointException e = error(spec);
        assertThat(e.getMessage()).startsWith("Parameter 'half_life' of time_decay is not a duration ('");
        assertThat(e.fix()).isEqualTo("Write a number and a unit (d, h, m, s or ms), e.g. half_life=7d or half_life=36h.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "position_based(first=1.1)          | position_based first must be between 0 and 1 (was 1.1)",
        "position_based(first=-0.1)         | position_based first must be between 0 and 1 (was -0.1)",
        "position_based(last=2)             | position_based last must be between 0 and 1 (was 2)",
        "position_based(first=0.6,last=0.5) | position_based first + last must be at most 1 (was 0.6 + 0.5)",
        "position_based(first=1,last=0.01)  | position_based first + last must be at most 1 (was 1 + 0.01)",
        "time_decay(half_life=0d)           | time_decay half_life must be greater than 0 (was 0s)",
        "time_decay(half_life=-1h)          | time_decay half_life must be greater than 0 (was -1h)",
        "u_shaped(first=1.5)                | u_shaped first must be between 0 and 1 (was 1.5)",
        "u_shaped(first=0.6)                | u_shaped first + lead must be at most 1 (was 0.6 + 0.5)",
        "w_shaped(lead=-0.1)                | w_shaped lead must be between 0 and 1 (was -0.1)",
        "w_shaped(opportunity=0.5)          | w_shaped first + lead + opportunity must be at most 1 (was 0.3 + 0.3 + 0.5)",
        "full_path(won=2)                   | full_path won must be between 0 and 1 (was 2)",
        "full_path(first=0.4)               | full_path first + lead + opportunity + won must be at most 1 (was 0.4 + 0.225 + 0.225 + 0.225)",
        "hybrid(self_reported=1.5)          | hybrid self_reported must be between 0 and 1 (was 1.5)",
        "hybrid(self_reported=-0.1)         | hybrid self_reported must be between 0 and 1 (was -0.1)",
        "hybrid(base=hybrid)                | hybrid cannot be the base of hybrid",
        "hybrid(base=shapley)               | Unknown base model 'shapley' of hybrid",
        "hybrid(base=Linear)                | Unknown base model 'Linear' of hybrid",
        "hybrid(base=com.acme.MyModel)      | Unknown base model 'com.acme.MyModel' of hybrid",
    })
    void outOfRange(String spec, String problem) {
        TouchpointException e = error(spec);
        assertThat(e.getMessage()).startsWith(problem + ":");
        assertThat(e.fix()).isNotBlank();
    }

    @Test
    void boundariesAreAllowed() {
        assertThat(name("position_based(first=0.7,last=0.3)")).isEqualTo("position_based(first=0.7,last=0.3)");
        assertThat(name("position_based(first=0.9,last=0.1)")).isEqualTo("position_based(first=0.9,last=0.1)");
        assertThat(name("position_based(first=1,last=0)")).isEqualTo("position_based(first=1,last=0)");
        assertThat(name("time_decay(half_life=1ms)")).isEqualTo("time_decay(half_life=1ms)");
        assertThat(name("u_shaped(first=1,lead=0)")).isEqualTo("u_shaped(first=1,lead=0)");
        assertThat(name("w_shaped(first=0.3,lead=0.3,opportunity=0.4)")).isEqualTo("w_shaped(first=0.3,lead=0.3,opportunity=0.4)");
        assertThat(name("full_path(first=0.25,lead=0.25,opportunity=0.25,won=0.25)"))
                .isEqualTo("full_path(first=0.25,lead=0.25,opportunity=0.25,won=0.25)");
    }

    @Test
    void milestoneModelErrorsInFull() {
        TouchpointException e = error("w_shaped(first=0.5)");
        assertThat(e.getMessage()).isEqualTo("w_shaped first + lead + opportunity must be at most 1 (was 0.5 + 0.3 + 0.3): "
                + KEY + " = w_shaped(first=0.5). Give first, lead and opportunity as shares between 0 and 1 that add up"
                + " to at most 1, e.g. w_shaped(first=0.3,lead=0.3,opportunity=0.3).");
        assertThat(error("u_shaped(first=2)").fix()).isEqualTo(
                "Give first and lead as shares between 0 and 1 that add up to at most 1, e.g. u_shaped(first=0.5,lead=0.5).");
        assertThat(error("full_path(opportunity=x)").getMessage())
                .startsWith("Parameter 'opportunity' of full_path is not a number ('x'):");
        assertThat(error("w_shaped(won=0.1)").getMessage()).startsWith("Unknown parameter 'won' of w_shaped:");
        assertThat(error("w_shaped(won=0.1)").fix())
                .isEqualTo("w_shaped takes first (default 0.3), lead (default 0.3), opportunity (default 0.3).");
        assertThatThrownBy(() -> new WShapedModel(0.5, 0.5, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1");
    }

    @Test
    void hybridErrorsInFull() {
        assertThat(error("hybrid(base=shapley)").getMessage()).isEqualTo("Unknown base model 'shapley' of hybrid: " + KEY
                + " = hybrid(base=shapley). Name one of first, last, last_non_direct, linear, position_based, time_decay,"
                + " position_decay, u_shaped, w_shaped, full_path (it takes its default parameters), e.g."
                + " hybrid(base=linear,self_reported=0.5) or hybrid(base=time_decay,self_reported=0.3).");
        assertThat(error("hybrid(self_reported=2)").fix()).isEqualTo("Give self_reported as a share between 0 and 1, e.g."
                + " hybrid(base=linear,self_reported=0.5) or hybrid(base=time_decay,self_reported=0.3).");
        assertThat(error("hybrid(self_reported=half)").getMessage())
                .startsWith("Parameter 'self_reported' of hybrid is not a number ('half'):");
        assertThat(error("hybrid(share=0.5)").fix())
                .isEqualTo("hybrid takes base (default linear), self_reported (default 0.5).");
        assertThat(error("hybrid(base=time_decay(half_life=3d))").getMessage())
                .startsWith("Nested parentheses in attribution model:");
        assertThat(AttributionModels.parse(KEY, "hybrid(base=time_decay)"))
                .isEqualTo(new HybridModel(new TimeDecayModel(Duration.ofDays(7)), 0.5));
        assertThatThrownBy(() -> new HybridModel(new TimeDecayModel(Duration.ofDays(3)), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default parameters");
        assertThatThrownBy(() -> new HybridModel(new HybridModel(new LinearModel(), 0.5), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HybridModel(new LinearModel(), 1.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "position_based(first=0.2               | Unbalanced parentheses in attribution model",
        "position_based first=0.2)              | Unbalanced parentheses in attribution model",
        "position_based)first=0.2(              | Unbalanced parentheses in attribution model",
        "position_based((first=0.2)             | Unbalanced parentheses in attribution model",
        "position_based((first=0.2))            | Nested parentheses in attribution model",
        "position_based(first=0.2)(last=0.6)    | Nested parentheses in attribution model",
        "position_based(first=0.2) x            | Text after ')' in attribution model",
        "(first=0.2)                            | Missing model name in attribution model",
        "position_based(first=0.2,,last=0.6)    | Empty parameter in attribution model",
        "position_based(first=0.2,)             | Empty parameter in attribution model",
        "position_based(first)                  | Parameter 'first' of position_based is not name=value",
        "position_based(=0.2)                   | Parameter '=0.2' of position_based is not name=value",
        "position_based(first=)                 | Parameter 'first=' of position_based is not name=value",
        "position_based(first=0.2=3)            | Parameter 'first=0.2=3' of position_based is not name=value",
        "position_based(first=0.2,first=0.3)    | Parameter 'first' of position_based is given twice",
    })
    void badSyntax(String spec, String problem) {
        TouchpointException e = error(spec);
        assertThat(e.getMessage()).startsWith(problem + ":");
        assertThat(e.fix()).isNotBlank();
    }

    @Test
    void unbalancedParenthesesMessageInFull() {
        assertThat(error("time_decay(half_life=7d").getMessage()).isEqualTo("Unbalanced parentheses in attribution model: "
                + KEY + " = time_decay(half_life=7d. Close every '(' with one ')'. Write name or name(k=v, k=v),"
                + " e.g. position_based(first=0.2, last=0.6).");
    }

    @Test
    void emptySpec() {
        for (String spec : new String[] {"", "   "}) {
            TouchpointException e = catchThrowableOfType(TouchpointException.class, () -> AttributionModels.parse(KEY, spec));
            assertThat(e.getMessage()).isEqualTo("Empty attribution model: " + KEY + " = \"" + spec
                    + "\". Write a model name, e.g. linear or time_decay(half_life=7d).");
        }
        assertThatThrownBy(() -> AttributionModels.parse(KEY, null)).isInstanceOf(TouchpointException.class)
                .hasMessageStartingWith("Empty attribution model: " + KEY + " = null.");
    }

    // ---- records ------------------------------------------------------------------------------------

    @Test
    void journeyIsNeverEmptyAndImmutable() {
        assertThatThrownBy(() -> new Journey("c1", "purchase", 0, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        java.util.ArrayList<Touchpoint> tps = new java.util.ArrayList<>(List.of(TestJourneys.tp("s1", 0, "Email")));
        Journey j = new Journey("c1", "purchase", 0, 1, tps);
        tps.add(TestJourneys.tp("s2", 1, "Email"));
        assertThat(j.touchpoints()).hasSize(1);
        assertThatThrownBy(() -> j.touchpoints().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void touchpointIsDirectOnlyForTheDirectChannel() {
        assertThat(TestJourneys.tp("s", 0, "Direct").isDirect()).isTrue();
        assertThat(TestJourneys.tp("s", 0, "direct").isDirect()).isFalse();
        assertThat(TestJourneys.tp("s", 0, "Email").isDirect()).isFalse();
        assertThat(TestJourneys.tp("s", 0, null).isDirect()).isFalse();
    }

    @Test
    void modelConstructorsRejectWhatTheParserRejects() {
        assertThatThrownBy(() -> new PositionBasedModel(0.6, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PositionBasedModel(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeDecayModel(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeDecayModel(null)).isInstanceOf(NullPointerException.class);
        assertThat(new PositionBasedModel(-0.0, 0)).isEqualTo(new PositionBasedModel(0, 0));
    }
}
