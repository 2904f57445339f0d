package io.flightdeck.model;

import java.time.Instant;

/**
 * One probe of a pod's main container: what is configured (e.g. "HTTP GET :8080/ready every 5s, 3 failures"),
 * its current health, and its most recent failure from the pod's Events (message and time, or null). Immutable.
 */
public record ProbeState(ProbeKind kind, ProbeHealth health, String configured, String lastFailure,
                         Instant lastFailureAt) {
}
