package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.WorkloadSnapshot;

import java.util.List;

/** The Deployments of one namespace that pass the filter, in name order. Immutable. */
public record NamespaceGroup(String namespace, List<WorkloadSnapshot> workloads) {

    public NamespaceGroup {
        workloads = List.copyOf(workloads);
    }

    public ListRow.NamespaceRow heading() {
        int unhealthy = (int) workloads.stream().filter(w -> w.health() == Health.DEGRADED).count();
        return new ListRow.NamespaceRow(namespace, workloads.size(), unhealthy);
    }
}
