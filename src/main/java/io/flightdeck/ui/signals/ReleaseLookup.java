package io.flightdeck.ui.signals;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;

import java.util.Optional;

/**
 * Finds the release in flight on a Deployment (or the one that has just finished there), for its weight, pod counts
 * and gates. Called on a background thread every few seconds; may block for a few API calls.
 */
@FunctionalInterface
public interface ReleaseLookup {

    Optional<ReleaseSnapshot> inFlight(WorkloadKey target);

    ReleaseLookup NONE = target -> Optional.empty();
}
