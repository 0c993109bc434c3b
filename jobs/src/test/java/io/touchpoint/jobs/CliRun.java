package io.touchpoint.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM, as a user would type it, capturing what it prints. */
final class CliRun {
    private CliRun() {
    }

    record Outcome(int code, String out, String err) {
    }

    /** Stops the Spark session the commands started (a test class's last step: the next class starts its own). */
    static void stopSpark() {
        org.apache.spark.sql.SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    static Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
