package io.flightdeck.ui.workloads;

import io.flightdeck.model.PodSnapshot;

import java.util.Set;

/**
 * How a pod cell is marked at a glance; each tone has a colour and a shape of its own in the grid, so that it does
 * not rest on colour alone: ready (filled dot), running but not ready (ring), pending (ring with a centre),
 * failing (cross), terminating (bar), finished (check).
 */
public enum PodTone {
    READY, NOT_READY, PENDING, FAILING, TERMINATING, FINISHED;

    private static final Set<String> FAILING_STATUS = Set.of("CrashLoopBackOff", "Error", "OOMKilled",
            "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "CreateContainerError",
            "InvalidImageName", "ContainerCannotRun", "RunContainerError", "Evicted", "Unknown");

    public static PodTone of(PodSnapshot pod) {
        if (pod.terminating()) {
            return TERMINATING;
        }
        String phase = pod.phase() == null ? "" : pod.phase();
        if (phase.equals("Failed") || FAILING_STATUS.contains(pod.status())) {
            return FAILING;
        }
        if (phase.equals("Succeeded")) {
            return FINISHED;
        }
        if (phase.equals("Pending")) {
            return PENDING;
        }
        return pod.ready() ? READY : NOT_READY;
    }
}
