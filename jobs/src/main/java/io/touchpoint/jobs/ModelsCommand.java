package io.touchpoint.jobs;

import io.touchpoint.core.attribution.AttributionModels;
import io.touchpoint.core.attribution.ModelInfo;
import io.touchpoint.core.attribution.ParamInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code touchpoint models}: the attribution models with their parameters and defaults. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the attribution models with their parameters and defaults (docs/models.md).")
final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Attribution models (name them in touchpoint.attribution.models; defaults: "
                + String.join(", ", AttributionModels.defaults().stream().map(m -> m.name()).toList()) + ")");
        for (ModelInfo m : AttributionModels.builtIns()) {
            System.out.printf("%n  %s%n      %s%n", m.name(), m.description());
            for (ParamInfo p : m.params()) {
                System.out.printf("      %s = %s  %s%n", p.name(), p.defaultValue(), p.description());
            }
        }
        System.out.println();
        System.out.println("A class name (com.example.MyModel(param=value)) loads a custom model from the class path.");
        return 0;
    }
}
