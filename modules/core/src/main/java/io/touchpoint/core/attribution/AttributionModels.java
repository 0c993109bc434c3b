package io.touchpoint.core.attribution;

import io.touchpoint.core.error.TouchpointException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registry of attribution models and the parser of model specs (docs/models.md).
 *
 * <p>A spec is {@code name} or {@code name(k=v, k=v)}: whitespace is ignored around names, values,
 * commas and parentheses, parameters come in any order and missing ones take their defaults. A
 * name containing a dot is the class name of a custom model. Every problem is a
 * {@link TouchpointException#config} error naming the config key and the spec.
 */
public final class AttributionModels {

    private record BuiltIn(ModelInfo info, Function<ModelParams, AttributionModel> factory) {
    }

    /** The built-ins, in the order of {@code touchpoint models}; one line each. */
    private static final List<BuiltIn> BUILT_INS = List.of(
            new BuiltIn(FirstModel.INFO, FirstModel::create),
            new BuiltIn(LastModel.INFO, LastModel::create),
            new BuiltIn(LastNonDirectModel.INFO, LastNonDirectModel::create),
            new BuiltIn(LinearModel.INFO, LinearModel::create),
            new BuiltIn(PositionBasedModel.INFO, PositionBasedModel::create),
            new BuiltIn(TimeDecayModel.INFO, TimeDecayModel::create),
            new BuiltIn(PositionDecayModel.INFO, PositionDecayModel::create),
            new BuiltIn(UShapedModel.INFO, UShapedModel::create),
            new BuiltIn(WShapedModel.INFO, WShapedModel::create),
            new BuiltIn(FullPathModel.INFO, FullPathModel::create),
            new BuiltIn(HybridModel.INFO, HybridModel::create));

    /** Matomo's six models, in Matomo's order: the default of {@code touchpoint.attribution.models}. */
    private static final List<String> DEFAULTS =
            List.of("first", "last", "last_non_direct", "linear", "position_based", "time_decay");

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

    private AttributionModels() {
    }

    /**
     * Parses a model spec.
     *
     * @param key the config key the spec came from, for error messages, e.g.
     *     {@code touchpoint.attribution.models[2]}
     * @param spec e.g. {@code linear}, {@code time_decay(half_life=3d)},
     *     {@code com.acme.MyModel(alpha=0.5)}
     * @throws TouchpointException (config) on any problem with the spec
     */
    public static AttributionModel parse(String key, String spec) {
        Spec s = Spec.parse(key, spec);
        ModelParams params = ModelParams.of(key, spec, s.name(), s.params());
        if (s.name().indexOf('.') >= 0) {
            return custom(params);
        }
        for (BuiltIn b : BUILT_INS) {
            if (b.info().name().equals(s.name())) {
                List<String> known = b.info().params().stream().map(ParamInfo::name).toList();
                params.rejectUnknown(known, takes(b.info()));
                return b.factory().apply(params);
            }
        }
        throw TouchpointException.config(key, spec, "Unknown attribution model '" + s.name() + "'",
                "Use one of " + builtInNames() + ", or the full class name of a custom model (e.g. com.acme.MyModel).");
    }

    /** The default models: first, last, last_non_direct, linear, position_based, time_decay. */
    public static List<AttributionModel> defaults() {
        return DEFAULTS.stream().map(n -> parse("touchpoint.attribution.models", n)).toList();
    }

    /** Every built-in model, for {@code touchpoint models}. */
    public static List<ModelInfo> builtIns() {
        return BUILT_INS.stream().map(BuiltIn::info).toList();
    }

    /**
     * The built-in named {@code name} with its default parameters, for {@code hybrid}'s base; null
     * when there is no such built-in or it is {@code hybrid} itself.
     */
    static AttributionModel baseModel(String name) {
        for (BuiltIn b : BUILT_INS) {
            if (b.info().name().equals(name) && !HybridModel.NAME.equals(name)) {
                return b.factory().apply(ModelParams.of("", name, name, Map.of()));
            }
        }
        return null;
    }

    /** The names {@link #baseModel} accepts. */
    static String baseNames() {
        return BUILT_INS.stream().map(b -> b.info().name()).filter(n -> !HybridModel.NAME.equals(n))
                .collect(Collectors.joining(", "));
    }

    private static String builtInNames() {
        return BUILT_INS.stream().map(b -> b.info().name()).collect(Collectors.joining(", "));
    }

    private static String takes(ModelInfo info) {
        if (info.params().isEmpty()) {
            return info.name() + " takes no parameters; write just " + info.name() + ".";
        }
        return info.name() + " takes " + info.params().stream()
                .map(p -> p.name() + " (default " + p.defaultValue() + ")")
                .collect(Collectors.joining(", ")) + ".";
    }

    // ---- custom models --------------------------------------------------------------------------

    private static AttributionModel custom(ModelParams params) {
        String className = params.model();
        if (!CLASS_NAME.matcher(className).matches()) {
            throw params.invalid("Not a valid class name for a custom attribution model: '" + className + "'",
                    "Write the full class name, e.g. com.acme.MyModel, or one of " + builtInNames() + ".");
        }
        Class<?> c = load(className);
        if (c == null) {
            throw params.invalid("Custom attribution model class not found: " + className,
                    "Check the spelling and put its jar on the class path (--jars or spark.jars with spark-submit,"
                            + " or the launcher's class path); built-in models are " + builtInNames() + ".");
        }
        if (!AttributionModel.class.isAssignableFrom(c)) {
            throw params.invalid("Class " + className + " is not an attribution model",
                    "It must implement " + AttributionModel.class.getName() + ".");
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
            throw params.invalid("Class " + className + " is not a public, concrete class",
                    "Name a public, non-abstract class implementing " + AttributionModel.class.getName() + ".");
        }
        Object model;
        Constructor<?> ctor;
        try {
            if ((ctor = constructor(c, ModelParams.class)) != null) {
                model = ctor.newInstance(params);
                List<String> unread = params.values().keySet().stream()
                        .filter(k -> !params.asked().contains(k)).toList();
                if (!unread.isEmpty()) {
                    throw params.invalid("Unknown parameter '" + unread.get(0) + "' of " + className,
                            params.asked().isEmpty() ? className + " takes no parameters."
                                    : className + " takes " + String.join(", ", params.asked()) + ".");
                }
            } else if ((ctor = constructor(c, Map.class)) != null) {
                model = ctor.newInstance(params.values());
            } else if ((ctor = constructor(c)) != null) {
                if (!params.values().isEmpty()) {
                    throw params.invalid("Unknown parameter '" + params.values().keySet().iterator().next()
                            + "' of " + className, className + " takes no parameters; write just " + className + ".");
                }
                model = ctor.newInstance();
            } else {
                throw params.invalid("Class " + className + " has no public constructor taking ModelParams, "
                                + "Map<String,String> or nothing",
                        "Add a public constructor " + c.getSimpleName() + "(ModelParams params) (or one taking "
                                + "Map<String,String>, or a public no-argument one).");
            }
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof TouchpointException te) {
                throw te;
            }
            throw params.invalid("Custom attribution model " + className + " failed to start ("
                    + e.getCause() + ")", "Check its parameters and its documentation.");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw params.invalid("Custom attribution model " + className + " cannot be created (" + e + ")",
                    "Make the class and its constructor public, and put every jar it needs on the class path.");
        }
        AttributionModel m = (AttributionModel) model;
        String name = m.name();
        if (name == null || name.isBlank()) {
            throw params.invalid("Custom attribution model " + className + " has no name",
                    "Its name() must return its canonical spec, e.g. " + className + "(alpha=0.5).");
        }
        return m;
    }

    private static Class<?> load(String className) {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(AttributionModels.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    private static Constructor<?> constructor(Class<?> c, Class<?>... types) {
        try {
            return c.getConstructor(types);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    // ---- spec syntax ----------------------------------------------------------------------------

    /** A spec split into name and parameters as written (trimmed), in spec order. */
    record Spec(String name, Map<String, String> params) {

        static Spec parse(String key, String spec) {
            if (spec == null || spec.isBlank()) {
                throw TouchpointException.config(key, spec == null ? "null" : "\"" + spec + "\"",
                        "Empty attribution model", "Write a model name, e.g. linear or time_decay(half_life=7d).");
            }
            String s = spec.strip();
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            long opens = s.chars().filter(ch -> ch == '(').count();
            long closes = s.chars().filter(ch -> ch == ')').count();
            String example = " Write name or name(k=v, k=v), e.g. position_based(first=0.2, last=0.6).";
            if (opens != closes || (open >= 0 && close < open)) {
                throw TouchpointException.config(key, spec, "Unbalanced parentheses in attribution model",
                        "Close every '(' with one ')'." + example);
            }
            if (opens > 1) {
                throw TouchpointException.config(key, spec, "Nested parentheses in attribution model",
                        "Give the parameters as one list." + example);
            }
            if (open >= 0 && close != s.length() - 1) {
                throw TouchpointException.config(key, spec, "Text after ')' in attribution model",
                        "End the spec with ')'." + example);
            }
            String name = (open < 0 ? s : s.substring(0, open)).strip();
            if (name.isEmpty()) {
                throw TouchpointException.config(key, spec, "Missing model name in attribution model",
                        "Start with the model name." + example);
            }
            if (name.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == ',' || ch == '=')) {
                throw TouchpointException.config(key, spec, "Unknown attribution model '" + name + "'",
                        "Use one of " + builtInNames() + ", or the full class name of a custom model."
                                + " Parameters go in parentheses:" + example);
            }
            Map<String, String> params = new LinkedHashMap<>();
            String body = open < 0 ? "" : s.substring(open + 1, close).strip();
            if (!body.isEmpty()) {
                for (String part : body.split(",", -1)) {
                    int eq = part.indexOf('=');
                    String k = (eq < 0 ? part : part.substring(0, eq)).strip();
                    String v = eq < 0 ? "" : part.substring(eq + 1).strip();
                    if (part.isBlank()) {
                        throw TouchpointException.config(key, spec, "Empty parameter in attribution model",
                                "Separate parameters with single commas." + example);
                    }
                    if (eq < 0 || k.isEmpty() || v.isEmpty() || v.indexOf('=') >= 0) {
                        throw TouchpointException.config(key, spec,
                                "Parameter '" + part.strip() + "' of " + name + " is not name=value",
                                "Write each parameter as name=value." + example);
                    }
                    if (params.putIfAbsent(k, v) != null) {
                        throw TouchpointException.config(key, spec,
                                "Parameter '" + k + "' of " + name + " is given twice", "Give it once.");
                    }
                }
            }
            return new Spec(name, params);
        }
    }
}
