package io.flightdeck.model;

/** A Deployment's health at a glance, as the workload list marks it. */
public enum Health {
    /** All desired replicas updated and available. */
    HEALTHY,
    /** A rollout or scale is under way and within its progress deadline. */
    PROGRESSING,
    /** Fewer replicas available than desired outside a rollout, or the progress deadline was exceeded. */
    DEGRADED,
    /** spec.paused is set. */
    PAUSED
}
