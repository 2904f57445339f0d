package io.flightdeck.ui.fx;

import javafx.application.Platform;

/** Checks that a method meant for the JavaFX application thread runs there. Called from any thread. */
public final class FxThread {

    private FxThread() {
    }

    /** Throws unless the caller is on the JavaFX application thread. */
    public static void check() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must run on the JavaFX application thread, not on "
                    + Thread.currentThread().getName());
        }
    }
}
