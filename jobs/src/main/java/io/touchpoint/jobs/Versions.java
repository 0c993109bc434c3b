package io.touchpoint.jobs;

import picocli.CommandLine;

/** Version strings for {@code --version} and the run manifest. */
public final class Versions implements CommandLine.IVersionProvider {
    public static String touchpoint() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"touchpoint " + touchpoint() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
    }
}
