package io.flightdeck.cluster;

import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * What the live views read: the cluster's Deployments with their ReplicaSets, pods and events, kept current by
 * informers, as immutable snapshots. Writers (informer threads) only mark what changed; readers (the UI's batcher,
 * once per tick) ask {@link #version()} and rebuild only when it moved. Thread-safe.
 */
public interface ClusterState {

    /** Grows with every change of anything this state holds. */
    long version();

    /** All Deployments, sorted by namespace then name. Rows of unchanged Deployments are the same instances. */
    List<WorkloadSnapshot> workloads();

    /** One Deployment with its pods and events, or empty when it is gone. */
    Optional<WorkloadDetail> detail(WorkloadKey key);

    ConnectionStatus connection();
}
