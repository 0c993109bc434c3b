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

    @Option(names = "--from", paramLabel = "DATE", description = "First conversion date to (re)compute, YYYY-MM-DD"
            + " (touchpoint.range.from); only the range's date partitions are rewritten.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last conversion date, inclusive (touchpoint.range.to).")
    String to;
}
