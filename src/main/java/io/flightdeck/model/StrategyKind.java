package io.flightdeck.model;

/** How a release replaces the old version with the new one. */
public enum StrategyKind {
    /** Patch the Deployment's template; the Deployment controller replaces pods in place. */
    ROLLING,
    /** A second Deployment for the new version; the active Service switches over with one selector patch. */
    BLUE_GREEN,
    /** A canary Deployment beside the stable one; traffic by replica ratio or HTTPRoute weights. */
    CANARY
}
