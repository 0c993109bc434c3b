package io.touchpoint.spark.output;

/**
 * Crash-test points: with {@code -Dtouchpoint.test.pause-at=NAME}, the run prints
 * {@code PAUSED NAME} and sleeps at that point, so a test can kill the process exactly there
 * (see RunKillTest). Without the property it does nothing.
 */
public final class Pause {
    static final String PROPERTY = "touchpoint.test.pause-at";

    private Pause() {
    }

    public static void at(String name) {
        if (name.equals(System.getProperty(PROPERTY))) {
            System.out.println("PAUSED " + name);
            System.out.flush();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
