package io.touchpoint.jobs;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.spark.pipeline.Erasures;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code touchpoint erase}: the right to erasure (GDPR Art. 17) over an output folder. */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Removes one person from every table of the output folder, recounts the aggregates of the dates"
                + " they were on, records the erasure in _audit/erasures (a keyed hash, never the id) and adds their ids"
                + " to the erasure list every later run honours. One atomic commit (docs/privacy.md#erasure).")
final class EraseCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user-id", paramLabel = "ID", description = "A user id as the input holds it (e.g. an e-mail address).")
        String userId;

        @Option(names = "--visitor-id", paramLabel = "ID", description = "A visitor (cookie or device) id as the input holds it,"
                + " or as the events table shows it.")
        String visitorId;

        @Option(names = "--person-id", paramLabel = "ID", description = "A person_id as the tables show it.")
        String personId;
    }

    @Override
    public Integer call() throws Exception {
        TouchpointConfig config = options.load(); // every config error surfaces here, before Spark starts
        SparkSession spark = SparkRuntime.start(options);
        io.touchpoint.spark.output.AggregatesPublisher.checkPaths(spark.sparkContext().hadoopConfiguration(), config); // exit 2
        boolean hadReport = MaintenanceOutputs.hasReport(spark, config);
        Erasures.Kind kind = who.userId != null ? Erasures.Kind.USER_ID : who.visitorId != null ? Erasures.Kind.VISITOR_ID
                : Erasures.Kind.PERSON_ID;
        String id = who.userId != null ? who.userId : who.visitorId != null ? who.visitorId : who.personId;
        Erasures.Result r = Erasures.erase(spark, config, kind, id, Versions.touchpoint(), System.out::println);
        System.out.printf(Locale.ROOT, "Erased %d %s (%s given)%n", r.people(), r.people() == 1 ? "person" : "people", kind.column());
        r.removed().forEach((t, n) -> System.out.printf(Locale.ROOT, "  %-20s %,10d rows removed%n", t, n));
        if (r.people() == 0) {
            System.out.println("No row named this id; it is on the erasure list all the same, so no later run brings it in.");
        }
        System.out.println("Audit record: " + RunSummary.display(r.auditPath()));
        MaintenanceOutputs.refresh(spark, config, r.runId(), hadReport, System.out);
        return 0;
    }
}
