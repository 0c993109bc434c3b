package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.TestJourneys.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchpoint.core.attribution.example.FirstTwoModel;
import io.touchpoint.core.error.TouchpointException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Custom models: a spec whose name contains a dot is a class name. */
class CustomModelsTest {

    private static final String KEY = "touchpoint.attribution.models[6]";
    private static final String FIRST_TWO = FirstTwoModel.class.getName();
    private static final String SELF = CustomModelsTest.class.getName();

    // ---- test models of every constructor kind, and broken ones -----------------------------------

    /** Takes its parameters as a map and checks them itself. */
    public record MapModel(String mode) implements AttributionModel {
        public MapModel(Map<String, String> params) {
            this(params.getOrDefault("mode", "even"));
        }

        @Override
        public String name() {
            return ModelParams.canonicalName(MapModel.class.getName(), "mode", mode);
        }

        @Override
        public double[] credits(Journey journey) {
            return new LinearModel().credits(journey);
        }
    }

    /** No parameters. */
    public record NoArgModel() implements AttributionModel {
        @Override
        public String name() {
            return NoArgModel.class.getName();
        }

        @Override
        public double[] credits(Journey journey) {
            return new LastModel().credits(journey);
        }
    }

    public static final class NotAModel {
    }

    public abstract static class AbstractModel implements AttributionModel {
    }

    public record IntModel(int k) implements AttributionModel {
        @Override
        public String name() {
            return "int";
        }

        @Override
        public double[] credits(Journey journey) {
            return new LastModel().credits(journey);
        }
    }

    public record FailingModel(double x) implements AttributionModel {
        public FailingModel(ModelParams params) {
            this(params.getDouble("x", 0));
            throw new IllegalStateException("no licence for x=" + x);
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public double[] credits(Journey journey) {
            return new LastModel().credits(journey);
        }
    }

    public record NamelessModel() implements AttributionModel {
        @Override
        public String name() {
            return " ";
        }

        @Override
        public double[] credits(Journey journey) {
            return new LastModel().credits(journey);
        }
    }

    record HiddenModel() implements AttributionModel {
        @Override
        public String name() {
            return "hidden";
        }

        @Override
        public double[] credits(Journey journey) {
            return new LastModel().credits(journey);
        }
    }

    // ---- the docs example ---------------------------------------------------------------------------

    @Test
    void firstTwoModelOfTheDocs() {
        AttributionModel m = AttributionModels.parse(KEY, FIRST_TWO + "(first = 0.7)");
        assertThat(m).isEqualTo(new FirstTwoModel(0.7));
        assertThat(m.name()).isEqualTo("io.touchpoint.core.attribution.example.FirstTwoModel(first=0.7)");
        assertThat(m.credits(ofSize(1))).containsExactly(1.0);
        assertThat(m.credits(ofSize(3))).containsExactly(0.7, 1 - 0.7, 0.0);
        assertThat(AttributionModels.parse(KEY, FIRST_TWO).name()).isEqualTo(FIRST_TWO + "(first=0.5)");
        assertThat(AttributionModels.parse(KEY, FIRST_TWO).credits(ofSize(4))).containsExactly(0.5, 0.5, 0, 0);
    }

    @Test
    void constructorKinds() {
        assertThat(AttributionModels.parse(KEY, SELF + "$MapModel(mode=fast)")).isEqualTo(new MapModel("fast"));
        assertThat(AttributionModels.parse(KEY, SELF + "$MapModel")).isEqualTo(new MapModel("even"));
        assertThat(AttributionModels.parse(KEY, SELF + "$NoArgModel")).isEqualTo(new NoArgModel());
        assertThat(AttributionModels.parse(KEY, SELF + "$NoArgModel()")).isEqualTo(new NoArgModel());
    }

    @Test
    void loadsThroughTheContextClassLoaderFirst() {
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        withContextLoader(recording, () -> AttributionModels.parse(KEY, FIRST_TWO));
        assertThat(asked).contains(FIRST_TWO);
        // a context loader that cannot see the class, or none: this class's loader finds it
        ClassLoader blind = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };
        withContextLoader(blind, () -> assertThat(AttributionModels.parse(KEY, FIRST_TWO)).isEqualTo(new FirstTwoModel(0.5)));
        withContextLoader(null, () -> assertThat(AttributionModels.parse(KEY, FIRST_TWO)).isEqualTo(new FirstTwoModel(0.5)));
    }

    private static void withContextLoader(ClassLoader loader, Runnable r) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            r.run();
        } finally {
            t.setContextClassLoader(before);
        }
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

    @Test
    void classNotFound() {
        TouchpointException e = error("com.acme.MyModel(alpha=0.5)");
        assertThat(e.getMessage()).startsWith("Custom attribution model class not found: com.acme.MyModel:");
        assertThat(e.fix()).contains("--jars", "spark.jars", "class path", "first, last, last_non_direct");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$NotAModel      | is not an attribution model                  | It must implement io.touchpoint.core.attribution.AttributionModel.",
        "$AbstractModel  | is not a public, concrete class              | Name a public, non-abstract class",
        "$HiddenModel    | is not a public, concrete class              | Name a public, non-abstract class",
        "$IntModel       | has no public constructor taking ModelParams, Map<String,String> or nothing | Add a public constructor IntModel(ModelParams params)",
    })
    void unusableClasses(String suffix, String problem, String fix) {
        TouchpointException e = error(SELF + suffix);
        assertThat(e.getMessage()).startsWith("Class " + SELF + suffix + " " + problem + ":");
        assertThat(e.fix()).startsWith(fix);
    }

    @Test
    void blankName() {
        TouchpointException e = error(SELF + "$NamelessModel");
        assertThat(e.getMessage()).startsWith("Custom attribution model " + SELF + "$NamelessModel has no name:");
        assertThat(e.fix()).startsWith("Its name() must return its canonical spec");
    }

    @Test
    void notAModelMessageInFull() {
        assertThat(error("java.lang.String").getMessage()).isEqualTo("Class java.lang.String is not an attribution model: "
                + KEY + " = java.lang.String. It must implement io.touchpoint.core.attribution.AttributionModel.");
    }

    @Test
    void unknownParameterOfACustomModel() {
        TouchpointException e = error(FIRST_TWO + "(first=0.3, frist=0.2)");
        assertThat(e.getMessage()).startsWith("Unknown parameter 'frist' of " + FIRST_TWO + ":");
        assertThat(e.fix()).isEqualTo(FIRST_TWO + " takes first.");
        TouchpointException noArg = error(SELF + "$NoArgModel(x=1)");
        assertThat(noArg.getMessage()).startsWith("Unknown parameter 'x' of " + SELF + "$NoArgModel:");
        assertThat(noArg.fix()).isEqualTo(SELF + "$NoArgModel takes no parameters; write just " + SELF + "$NoArgModel.");
    }

    @Test
    void errorsOfTheCustomModelItselfPassThrough() {
        assertThat(error(FIRST_TWO + "(first=1.5)").getMessage()).startsWith("first must be between 0 and 1:");
        assertThat(error(FIRST_TWO + "(first=half)").getMessage())
                .startsWith("Parameter 'first' of " + FIRST_TWO + " is not a number ('half'):");
        TouchpointException e = error(SELF + "$FailingModel(x=2)");
        assertThat(e.getMessage()).startsWith("Custom attribution model " + SELF + "$FailingModel failed to start"
                + " (java.lang.IllegalStateException: no licence for x=2.0)");
    }

    @Test
    void invalidClassName() {
        TouchpointException e = error("com.acme.(x=1)");
        assertThat(e.getMessage()).startsWith("Not a valid class name for a custom attribution model: 'com.acme.'");
        assertThat(error("com..acme.M").getMessage()).startsWith("Not a valid class name");
        assertThat(error("1com.acme.M").getMessage()).startsWith("Not a valid class name");
    }
}
