package io.flightdeck.model;

import java.time.Instant;

/**
 * A release found in the cluster's journals, as a list of releases in flight shows it: id, target, strategy, phase,
 * the current step, when it started, and who drives it ("" when nobody holds the lock, or it expired). Immutable.
 */
public record ReleaseSummary(String id, WorkloadKey target, StrategyKind strategy, ReleasePhase phase,
                             boolean aborting, int stepIndex, String step, Instant started, String holder,
                             boolean holderExpired) {
}
