package io.touchpoint.core.conversion;

import com.typesafe.config.ConfigFactory;

/** Parses goals written as in a config file, under the real key. */
public final class TestGoals {
    public static final String KEY = "touchpoint.conversions.goals";

    private TestGoals() {
    }

    /** @param hocon the right-hand side of {@code goals = ...}, e.g. {@code [ { name = a, event-name = a } ]} */
    public static Goals parse(String hocon) {
        return Goals.fromConfig(ConfigFactory.parseString("goals = " + hocon).getValue("goals"), KEY);
    }

    /** A single goal, e.g. {@code name = a, event-name = a}. */
    public static Goal goal(String fields) {
        return parse("[ { " + fields + " } ]").all().get(0);
    }
}
