package io.touchpoint.jobs;

import io.touchpoint.core.error.TouchpointException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code touchpoint} command line: {@code bin/touchpoint} runs it in embedded Spark, and
 * {@code spark-submit --class io.touchpoint.jobs.Main touchpoint-jobs.jar ...} on a cluster.
 *
 * <p>Exit codes: 0 success, 2 bad arguments or config (before any Spark work), 3 input problem, 4 output folder in use by another run,
 * 1 anything else.
 */
@Command(name = "touchpoint", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Marketing attribution and funnel analytics on Apache Spark.",
        subcommands = {RunCommand.class, SessioniseCommand.class, SqlCommand.class, ModelsCommand.class,
            ReportCommand.class, GenerateCommand.class, EraseCommand.class, RetentionCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) throws Exception {
        int code = execute(args);
        if (code == 0) {
            return; // not System.exit(0): YARN cluster mode counts an exit before main returns as a failure
        }
        if (System.getProperty("spark.master") != null) {
            // Under spark-submit: Spark passes this code on as the driver's exit code (client, YARN, Kubernetes).
            throw new org.apache.spark.SparkUserAppException(code, null);
        }
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            TouchpointException te = userError(e);
            if (te != null) {
                cmd.getErr().println("touchpoint: " + te.getMessage());
                return te.kind().exitCode();
            }
            cmd.getErr().println("touchpoint: unexpected failure: " + e);
            e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }

    /** The user-facing error behind e, also when Spark wrapped it in a task failure. */
    static TouchpointException userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TouchpointException te) {
                return te;
            }
        }
        return null;
    }
}
