package io.touchpoint.core.generate;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writing a generated file from inside a lambda: its IOException travels as unchecked, and is unwrapped by the caller. */
final class Unchecked {
    private Unchecked() {
    }

    /** An action that writes. */
    interface IoAction {
        void run() throws IOException;
    }

    static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
