package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.analysis.TableFunctionRegistry;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The function allow-list against Spark's own registries: a Spark upgrade that adds a built-in
 * fails here until someone decides whether touchpoint sql may call it.
 */
class ReadOnlyFunctionsTest {
    private static final Set<String> SCALAR = CollectionConverters.asJava(FunctionRegistry.builtin().listFunction()).stream()
            .map(f -> f.funcName()).collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> TABLE = CollectionConverters.asJava(TableFunctionRegistry.builtin().listFunction()).stream()
            .map(f -> f.funcName()).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everyBuiltInFunctionIsAllowedOrRefusedOnPurpose() {
        Set<String> unclassified = new TreeSet<>(SCALAR);
        unclassified.removeAll(ReadOnlyFunctions.ALLOWED);
        unclassified.removeAll(ReadOnlyFunctions.REFUSED.keySet());
        assertThat(unclassified).as("built-ins neither allowed nor refused").isEmpty();
        Set<String> tables = new TreeSet<>(TABLE);
        tables.removeAll(ReadOnlyFunctions.ALLOWED_TABLE_FUNCTIONS);
        tables.removeAll(ReadOnlyFunctions.REFUSED.keySet());
        assertThat(tables).as("table functions neither allowed nor refused").isEmpty();
    }

    @Test
    void everyListedNameIsASparkBuiltIn() {
        assertThat(SCALAR).containsAll(ReadOnlyFunctions.ALLOWED);
        assertThat(TABLE).containsAll(ReadOnlyFunctions.ALLOWED_TABLE_FUNCTIONS);
        Set<String> all = new HashSet<>(SCALAR);
        all.addAll(TABLE);
        assertThat(all).containsAll(ReadOnlyFunctions.REFUSED.keySet());
    }

    @Test
    void codeFilesAndTheEnvironmentAreRefused() {
        assertThat(ReadOnlyFunctions.ALLOWED).doesNotContainAnyElementsOf(ReadOnlyFunctions.REFUSED.keySet())
                .contains("count", "sum", "row_number", "date_trunc", "explode", "input_file_name");
        assertThat(ReadOnlyFunctions.REFUSED).containsKeys("reflect", "java_method", "try_reflect", "current_user",
                "from_protobuf", "xpath", "python_worker_logs");
        assertThat(ReadOnlyFunctions.ALLOWED_TABLE_FUNCTIONS).doesNotContain("python_worker_logs").contains("range");
    }
}
