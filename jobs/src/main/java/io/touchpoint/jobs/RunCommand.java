package io.touchpoint.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code touchpoint run}: the whole pipeline; later stages join it as they are built. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline: ingest, sessions, channels, people, conversions, journeys and every"
                + " attribution model; writes the tables and a manifest and prints the model comparison.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        return PipelineRunner.run(options, input, "run", true, System.out);
    }
}
