package io.flightdeck.sandbox.store;

/**
 * What a delete asks for: the grace period (null = the kind's default), the propagation policy for dependents
 * ("Background", "Foreground" or "Orphan"), and optional uid/resourceVersion preconditions. Immutable.
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            String preconditionResourceVersion) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null);

    public static DeleteOptions now() {
        return new DeleteOptions(0L, null, null, null);
    }
}
