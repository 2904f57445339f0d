package io.flightdeck.model;

import java.util.List;

/**
 * Everything the centre and bottom of the live screen show for one Deployment: its summary, its pods (grouped by
 * revision through {@link PodSnapshot#podTemplateHash()}), and its events newest first. Immutable.
 */
public record WorkloadDetail(WorkloadSnapshot workload, List<PodSnapshot> pods, List<EventSnapshot> events) {
}
