package io.flightdeck.model;

import java.time.Instant;

/**
 * One Kubernetes Event about a Deployment, one of its ReplicaSets or pods: the object (kind/name), type (Normal or
 * Warning), reason, message, count and last time. Immutable.
 */
public record EventSnapshot(String namespace, String objectKind, String objectName, String type, String reason,
                            String message, int count, Instant lastSeen, String uid) {

    public boolean warning() {
        return "Warning".equals(type);
    }
}
