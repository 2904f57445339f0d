package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;

import java.util.List;

/**
 * Where the timeline reads a Deployment's kept revisions and its releases with their events. Blocking; called on a
 * background thread. {@link ReplicaSetRevisions} reads them from the cluster (ReplicaSets and release journals); tests
 * use lists.
 */
public interface RevisionSource {

    List<RevisionDetail> revisions(WorkloadKey target);

    /** Every release of the target, finished ones included, oldest first, each with all its events. */
    List<ReleaseSnapshot> releases(WorkloadKey target);
}
