package io.flightdeck.release;

import java.util.List;

/**
 * A release was refused before anything changed: missing permissions (each named, e.g. "patch deployments.apps in
 * shop") or a target that cannot be released (missing, paused, already in a release, no change).
 */
public final class PreflightException extends RuntimeException {

    private final List<String> missingPermissions;

    public PreflightException(String message, List<String> missingPermissions) {
        super(message);
        this.missingPermissions = List.copyOf(missingPermissions);
    }

    public List<String> missingPermissions() {
        return missingPermissions;
    }
}
