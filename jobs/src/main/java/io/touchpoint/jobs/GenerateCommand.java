package io.touchpoint.jobs;

import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.generate.B2bGenerator;
import io.touchpoint.core.generate.B2bSpec;
import io.touchpoint.core.generate.B2bStats;
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

/** {@code touchpoint generate}: a seeded synthetic visit log, or with --b2b a B2B sample (the bundled sample-data is made by it). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a seeded, realistic synthetic visit log as CSV (.csv.gz compresses). "
                + "With no sizing options it writes the bundled sample: bin/touchpoint generate -o sample-data/events.csv",
            "With --b2b, -o is a folder that gets events.csv, crm.csv, accounts.csv and spend.csv (docs/b2b-inputs.md); "
                + "with no sizing options it is the bundled B2B sample: bin/touchpoint generate --b2b -o sample-data/b2b"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "CSV file to write (with --b2b: the folder to write the four files into).")
    File output;

    @Option(names = "--b2b", description = "A B2B sample: accounts with buying committees, a CRM export, an accounts file and ad spend.")
    boolean b2b;

    @Option(names = "--accounts", paramLabel = "N", description = "With --b2b: number of companies (default: the B2B sample's, 150).")
    Integer accounts;

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
        if (b2b) {
            return b2b();
        }
        if (accounts != null) {
            throw TouchpointException.config("generate options", "--accounts", "--accounts needs --b2b",
                    "Add --b2b, or use --visitors for the web-shop log.");
        }
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

    private Integer b2b() throws IOException {
        if (visitors != null) {
            throw TouchpointException.config("generate options", "--visitors", "--b2b sizes by --accounts, not --visitors",
                    "Use --accounts N with --b2b.");
        }
        B2bSpec s = B2bSpec.sample();
        B2bSpec spec;
        try {
            spec = new B2bSpec(seed != null ? seed : s.seed(), accounts != null ? accounts : s.accounts(),
                    start != null ? start : s.startDate(), days != null ? days : s.days(),
                    botShare != null ? botShare : s.botShare(), malformed != null ? malformed : s.malformedRows());
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config("generate options", e.getMessage(), "Invalid generator options",
                    "See bin/touchpoint generate --help.");
        }
        if (output.isFile()) {
            throw TouchpointException.config("generate options", output.toString(), "With --b2b, -o must be a folder, not a file",
                    "Write e.g. -o sample-data/b2b.");
        }
        B2bStats st = new B2bGenerator(spec).writeFiles(output.toPath());
        System.out.printf(Locale.ROOT, "Wrote %s/: events.csv %,d rows (%,d events, %,d malformed), %,d visitors (%,d bots), %,d people (%,d identified, %,d on free mail)%n",
                output, st.eventRows(), st.events(), st.malformed(), st.visitors(), st.bots(), st.people(),
                st.identifiedPeople(), st.freeMailPeople());
        System.out.printf(Locale.ROOT, "  crm.csv %,d rows: %,d leads, %,d opportunities, %,d won (%s %s), %,d lost, %,d unmatched on purpose; "
                        + "%,d self-reported answers (%,d dark social)%n",
                st.crmRows(), st.leads(), st.opportunities(), st.wonAccounts(), money(st.wonValueCents()), B2bGenerator.CURRENCY,
                st.lostAccounts(), st.crmUnmatched(), st.selfReported(), st.darkSocialAnswers());
        System.out.printf(Locale.ROOT, "  accounts.csv %,d accounts; spend.csv %,d rows, %s %s%n",
                st.accounts(), st.spendRows(), money(st.spendCents()), B2bGenerator.CURRENCY);
        return 0;
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "%,d.%02d", cents / 100, cents % 100);
    }
}
