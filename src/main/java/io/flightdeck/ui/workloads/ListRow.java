package io.flightdeck.ui.workloads;

import io.flightdeck.model.WorkloadSnapshot;

/** One row of the Deployment list: a namespace heading or a Deployment. Immutable. */
public sealed interface ListRow {

    /** A namespace heading with how many of its Deployments are shown and how many of those are not healthy. */
    record NamespaceRow(String namespace, int shown, int unhealthy) implements ListRow {
    }

    /** One Deployment. */
    record DeploymentRow(WorkloadSnapshot workload) implements ListRow {
    }
}
