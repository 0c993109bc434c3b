package io.touchpoint.core.attribution;

import java.util.List;

/**
 * Description of a built-in model, for {@code touchpoint models} and docs.
 *
 * @param name the model name as written in a spec, e.g. {@code time_decay}
 * @param description one sentence on how the credit is split
 * @param params the parameters in declared (canonical) order
 */
public record ModelInfo(String name, String description, List<ParamInfo> params) {

    public ModelInfo {
        params = List.copyOf(params);
    }
}
