package io.touchpoint.jobs;

import io.touchpoint.core.config.ConfigLoader;
import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.error.TouchpointException;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every data command shares: the config, the output folder, Spark. */
public final class ConfigOptions {
    /** Read when no --config is given, so a project folder carries its own settings. */
    static final File DEFAULT_CONFIG = new File("touchpoint.conf");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file, or classpath:NAME for one packaged with the job (see reference.conf)."
                    + " Default: ./touchpoint.conf when it exists.")
    String config;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Overrides touchpoint.output.path.")
    String output;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides any config key, e.g. --set touchpoint.sessions.timeout=45m (repeatable).")
    List<String> set = List.of();

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not run through spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--verbose", description = "Show Spark's own log output.")
    boolean verbose;

    /** Loads and validates the config; fails before any Spark work. */
    public TouchpointConfig load() {
        return load(null);
    }

    /** As {@link #load()}, with the input options of commands that read the raw log. */
    public TouchpointConfig load(InputOptions in) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String kv : set) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw TouchpointException.config("--set", kv, "Expected KEY=VALUE",
                        "Write e.g. --set touchpoint.sessions.timeout=45m.");
            }
            overrides.put(kv.substring(0, eq).trim(), value(kv.substring(0, eq).trim(), kv.substring(eq + 1)));
        }
        if (in != null) {
            put(overrides, "touchpoint.input.path", in.input);
            put(overrides, "touchpoint.input.format", in.format);
            put(overrides, "touchpoint.input.time-zone", in.timeZone);
            put(overrides, "touchpoint.range.from", in.from);
            put(overrides, "touchpoint.range.to", in.to);
        }
        put(overrides, "touchpoint.output.path", output);
        String source = configFile();
        if (source != null && source.startsWith(CLASSPATH)) {
            return ConfigLoader.loadResource(source.substring(CLASSPATH.length()), overrides);
        }
        return ConfigLoader.load(Optional.ofNullable(source).map(File::new), overrides);
    }

    private static final String CLASSPATH = "classpath:";

    /** The config in use: --config, else ./touchpoint.conf when present, else none. */
    String configFile() {
        return config != null ? config : DEFAULT_CONFIG.isFile() ? DEFAULT_CONFIG.getPath() : null;
    }

    /**
     * A list or object ([...] or {...}) is read as HOCON, so --set touchpoint.funnels=[] works;
     * anything else stays a string (Typesafe Config converts it), so paths like s3a://b/x survive.
     */
    private static Object value(String key, String raw) {
        String v = raw.strip();
        if (!v.startsWith("[") && !v.startsWith("{")) {
            return raw;
        }
        try {
            return com.typesafe.config.ConfigFactory.parseString("v = " + v).getValue("v").unwrapped();
        } catch (com.typesafe.config.ConfigException e) {
            throw TouchpointException.config("--set " + key, raw, "Not a valid HOCON list or object (" + e.getMessage() + ")",
                    "Write e.g. --set 'touchpoint.funnels=[]' or put the value in the config file.");
        }
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
