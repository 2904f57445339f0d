package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.WorkloadKey;

import java.util.List;

/**
 * Where the timeline reads a Deployment's kept revisions and its releases' events. Blocking; called on a background
 * thread. {@link ReplicaSetRevisions} reads them from the cluster; tests use a list.
 */
public interface RevisionSource {

    List<RevisionDetail> revisions(WorkloadKey target);

    List<ReleaseEvent> releaseEvents(WorkloadKey target);
}
