package io.flightdeck.model;

import java.util.List;

/**
 * A release as a view shows it at one moment: the plan, the phase, whether the engine is running the forward steps
 * or the abort steps, every step with its state, what it waits for, the last error, who drives it, pod counts per
 * version and the canary weight, and the events so far. Immutable; safe to hand to any thread.
 *
 * @param driving whether this engine holds the lock and drives; false for a read-only view
 * @param holder  the lock holder's identity, "" when nobody drives
 * @param weight  the canary weight in percent, or -1 when the strategy has none
 */
public record ReleaseSnapshot(String id, ReleasePlan plan, ReleasePhase phase, boolean aborting, int stepIndex,
                              List<StepView> steps, String message, String error, boolean driving, String holder,
                              List<VersionPods> versions, int weight, List<ReleaseEvent> events) {

    public ReleaseSnapshot {
        steps = List.copyOf(steps);
        versions = List.copyOf(versions);
        events = List.copyOf(events);
        message = message == null ? "" : message;
        error = error == null ? "" : error;
        holder = holder == null ? "" : holder;
    }

    /** A step of the strip: done, current, waiting, failed. */
    public record StepView(String name, StepState state) {
    }

    public enum StepState { DONE, CURRENT, WAITING, FAILED }

    /** Pods of one version: the Deployment that runs it, its track (stable, canary, green), desired and ready. */
    public record VersionPods(String deployment, String track, String image, int desired, int ready, int available) {
    }
}
