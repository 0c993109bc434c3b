package io.touchpoint.jobs;

import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.generate.GeneratorSpec;
import io.touchpoint.core.generate.GeneratorStats;
import io.touchpoint.core.generate.SyntheticLogGenerator;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code touchpoint generate}: a seeded synthetic visit log (the bundled sample-data is made by it). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a seeded, realistic synthetic visit log as CSV (.csv.gz compresses). "
                + "With no sizing options it writes the bundled sample: bin/touchpoint generate -o sample-data/events.csv")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "CSV file to write.")
    File output;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the sample's).")
    Long seed;

    @Option(names = "--visitors", paramLabel = "N", description = "Number of visitors (default: the sample's).")
    Integer visitors;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, e.g. 2026-09-01 (default: the sample's).")
    LocalDate start;

    @Option(names = "--days", paramLabel = "N", description = "Number of days (default: the sample's).")
    Integer days;

    @Option(names = "--bot-share", paramLabel = "FRACTION", description = "Share of visitors that are bots (default: the sample's).")
    Double botShare;

    @Option(names = "--malformed", paramLabel = "N", description = "Malformed rows to mix in (default: the sample's).")
    Integer malformed;

    @Override
    public Integer call() throws IOException {
        GeneratorSpec s = GeneratorSpec.sample();
        GeneratorSpec spec;
        try {
            spec = new GeneratorSpec(seed != null ? seed : s.seed(), visitors != null ? visitors : s.visitors(),
                    start != null ? start : s.startDate(), days != null ? days : s.days(),
                    botShare != null ? botShare : s.botShare(), malformed != null ? malformed : s.malformedRows());
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config("generate options", e.getMessage(), "Invalid generator options",
                    "See bin/touchpoint generate --help.");
        }
        File parent = output.getAbsoluteFile().getParentFile();
        if (parent != null) {
            Files.createDirectories(parent.toPath());
        }
        GeneratorStats stats;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(output.getName().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(output.toPath()))
                : Files.newOutputStream(output.toPath()), StandardCharsets.UTF_8), 1 << 16)) {
            stats = new SyntheticLogGenerator(spec).writeCsv(w);
        }
        System.out.printf(Locale.ROOT, "Wrote %s: %,d rows (%,d events, %,d malformed), %,d visitors (%,d bots), %,d people, %,d purchases%n",
                output, stats.rows(), stats.events(), stats.malformed(), stats.visitors(), stats.bots(), stats.persons(),
                stats.purchases());
        return 0;
    }
}
