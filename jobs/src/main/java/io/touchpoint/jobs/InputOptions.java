package io.touchpoint.jobs;

import picocli.CommandLine.Option;

/** Options of the commands that read the raw visit log. */
public final class InputOptions {
    @Option(names = {"-i", "--input"}, paramLabel = "PATH", description = "Overrides touchpoint.input.path.")
    String input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Overrides touchpoint.input.format: csv, jsonl, parquet, access-log.")
    String format;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "Overrides touchpoint.input.time-zone.")
    String timeZone;
}
