package io.touchpoint.spark;

import io.touchpoint.core.config.TouchpointConfig;
import io.touchpoint.core.ingest.Event;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.RawRecord;
import io.touchpoint.core.ingest.TextInputs;
import io.touchpoint.core.session.SessionPipeline;
import io.touchpoint.core.session.SessionRules;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The core's own result on a CSV file, without Spark: what the Spark binding must equal. */
final class CoreReference {
    private CoreReference() {
    }

    static SessionPipeline.Result sessions(TouchpointConfig config, File csv) throws IOException {
        EventNormalizer normalizer = new EventNormalizer(config.input().timeZone(), config.sessions(),
                EventNormalizer.Limits.of(config.input(), java.time.Instant.now()));
        List<Event> accepted = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv.toPath(), StandardCharsets.UTF_8)) {
            Iterator<RawRecord> it = TextInputs.records(config.input(), csv.getPath(), r);
            while (it.hasNext()) {
                EventNormalizer.Outcome o = normalizer.normalize(it.next());
                if (o.event() != null) {
                    accepted.add(o.event());
                }
            }
        }
        return SessionPipeline.run(accepted, new SessionRules(config.sessions(), config.input().timeZone(),
                config.channelRules(), config.goals()));
    }
}
