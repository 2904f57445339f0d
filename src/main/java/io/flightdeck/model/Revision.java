package io.flightdeck.model;

import java.time.Instant;
import java.util.List;

/**
 * One revision of a Deployment: its ReplicaSet with the revision number, images, pod-template-hash and replica
 * counts. Immutable.
 */
public record Revision(String replicaSet, long number, String podTemplateHash, List<String> images, int desired,
                       int current, int ready, int available, Instant created) {
}
