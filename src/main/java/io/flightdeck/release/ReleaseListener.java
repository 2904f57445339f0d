package io.flightdeck.release;

import io.flightdeck.model.ReleaseSnapshot;

/**
 * Told when a release's snapshot changed. Called on the engine's thread: keep it short, never touch JavaFX objects
 * from it; store the snapshot and let the UI pick it up on its next frame.
 */
@FunctionalInterface
public interface ReleaseListener {

    void changed(ReleaseSnapshot snapshot);
}
