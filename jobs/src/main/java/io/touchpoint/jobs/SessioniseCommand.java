package io.touchpoint.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code touchpoint sessionise}: raw log to the quarantine, events and sessions tables only. */
@Command(name = "sessionise", aliases = "sessionize", mixinStandardHelpOptions = true,
        description = "Reads the raw log and writes the quarantine, events and sessions tables.")
final class SessioniseCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        return PipelineRunner.run(options, input, "sessionise", false, System.out);
    }
}
