package io.flightdeck.model;

import java.util.List;

/**
 * One Deployment as the workload list shows it: health, replica counts (desired, updated, ready, available), the
 * image tag of its main container, paused, its revisions newest first, and the message of its Progressing or
 * Available condition when it is not healthy. {@code version} changes whenever anything shown changes, so a view can
 * skip unchanged rows. Immutable.
 */
public record WorkloadSnapshot(WorkloadKey key, Health health, int desired, int updated, int ready, int available,
                               String image, String imageTag, boolean paused, List<Revision> revisions,
                               String message, long version) {
}
