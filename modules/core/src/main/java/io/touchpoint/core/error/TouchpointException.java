package io.touchpoint.core.error;

import java.util.Objects;

/**
 * The one user-facing error of Touchpoint: what is wrong, the offending value and how to fix it.
 *
 * <p>Every message a user reads about bad configuration, bad options or bad input is built here,
 * so they all read the same way: {@code <problem>: <where> = <value>. <fix>}. The {@link Kind}
 * decides the process exit code of the command-line jobs.
 */
public final class TouchpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What class of problem this is; the CLI maps it to an exit code. */
    public enum Kind {
        /** A bad option or configuration value, reported before any Spark work (exit 2). */
        CONFIG(2),
        /** Missing, unreadable or unusable input (exit 3). */
        INPUT(3),
        /** The output folder is in use by another run (exit 4), reported before any Spark work. */
        BUSY(4),
        /** Anything else the user can act on (exit 1). */
        OTHER(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final String where;
    private final String value;
    private final String fix;

    private TouchpointException(Kind kind, String problem, String where, String value, String fix, Throwable cause) {
        super(format(problem, where, value, fix), cause);
        this.kind = Objects.requireNonNull(kind);
        this.where = where;
        this.value = value;
        this.fix = fix;
    }

    /** A configuration key or CLI option holds a value Touchpoint cannot use. */
    public static TouchpointException config(String key, Object value, String problem, String fix) {
        return new TouchpointException(Kind.CONFIG, problem, key, String.valueOf(value), fix, null);
    }

    /** The input at {@code path} cannot be used. */
    public static TouchpointException input(String path, String problem, String fix, Throwable cause) {
        return new TouchpointException(Kind.INPUT, problem, "input", path, fix, cause);
    }

    /** An input other than the events (e.g. the spend file) cannot be used: {@code where} names its setting. */
    public static TouchpointException input(String where, String path, String problem, String fix, Throwable cause) {
        return new TouchpointException(Kind.INPUT, problem, where, path, fix, cause);
    }

    /** The output folder at {@code path} is locked by another run. */
    public static TouchpointException busy(String path, String problem, String fix) {
        return new TouchpointException(Kind.BUSY, problem, "output", path, fix, null);
    }

    /** Any other problem the user can fix. */
    public static TouchpointException other(String problem, String fix, Throwable cause) {
        return new TouchpointException(Kind.OTHER, problem, null, null, fix, cause);
    }

    private static String format(String problem, String where, String value, String fix) {
        StringBuilder sb = new StringBuilder(problem);
        if (where != null) {
            sb.append(": ").append(where).append(" = ").append(value);
        }
        sb.append('.');
        if (fix != null && !fix.isBlank()) {
            sb.append(' ').append(fix);
        }
        return sb.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The config key, option or place the problem is in, or null. */
    public String where() {
        return where;
    }

    /** The offending value as the user wrote it, or null. */
    public String value() {
        return value;
    }

    /** What the user should do. */
    public String fix() {
        return fix;
    }
}
