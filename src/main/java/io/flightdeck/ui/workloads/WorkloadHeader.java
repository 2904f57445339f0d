package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.WorkloadSnapshot;

/**
 * The heading of the centre: the selected Deployment's name, health, replica counts, image and the message of its
 * condition when it is not healthy; {@code gone} when it was deleted. Immutable.
 */
public record WorkloadHeader(String title, Health health, String counts, String image, String message, boolean gone) {

    static WorkloadHeader of(WorkloadSnapshot w) {
        String counts = w.desired() + " desired · " + w.updated() + " updated · " + w.ready() + " ready · "
                + w.available() + " available";
        return new WorkloadHeader(w.key().toString(), w.health(), counts, w.image() == null ? "" : w.image(),
                w.message() == null ? "" : w.message(), false);
    }

    static WorkloadHeader gone(String title) {
        return new WorkloadHeader(title, Health.DEGRADED, "", "", "This Deployment no longer exists.", true);
    }
}
