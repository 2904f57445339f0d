package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The STATUS column of {@code kubectl get pods}: Running, Pending, ContainerCreating, CrashLoopBackOff, Completed,
 * Error, Init:0/2, Init:CrashLoopBackOff, NotReady, Terminating, ... Follows printPod in
 * pkg/printers/internalversion/printers.go (Kubernetes 1.32), on fabric8's typed Pod. Stateless; any thread.
 */
final class PodStatusText {

    private PodStatusText() {
    }

    static String of(Pod pod) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null ? "" : status.getPhase();
        String reason = phase;
        if (notEmpty(status.getReason())) {
            reason = status.getReason();
        }
        for (PodCondition c : list(status.getConditions())) {
            if ("PodScheduled".equals(c.getType()) && "SchedulingGated".equals(c.getReason())) {
                reason = "SchedulingGated";
            }
        }
        Map<String, Container> inits = new HashMap<>();
        for (Container c : list(spec.getInitContainers())) {
            inits.put(c.getName(), c);
        }
        boolean initializing = false;
        List<ContainerStatus> initStatuses = list(status.getInitContainerStatuses());
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus c = initStatuses.get(i);
            ContainerStateTerminated terminated = c.getState() == null ? null : c.getState().getTerminated();
            ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
            boolean sidecar = restartable(inits.get(c.getName()));
            if (terminated != null && Meta.orZero(terminated.getExitCode()) == 0) {
                continue;
            } else if (sidecar && Boolean.TRUE.equals(c.getStarted())) {
                continue;
            } else if (terminated != null) {
                if (notEmpty(terminated.getReason())) {
                    reason = "Init:" + terminated.getReason();
                } else {
                    int signal = Meta.orZero(terminated.getSignal());
                    reason = signal != 0 ? "Init:Signal:" + signal
                            : "Init:ExitCode:" + Meta.orZero(terminated.getExitCode());
                }
            } else if (waiting != null && notEmpty(waiting.getReason())
                    && !"PodInitializing".equals(waiting.getReason())) {
                reason = "Init:" + waiting.getReason();
            } else {
                reason = "Init:" + i + "/" + list(spec.getInitContainers()).size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            boolean hasRunning = false;
            List<ContainerStatus> statuses = list(status.getContainerStatuses());
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus c = statuses.get(i);
                ContainerStateTerminated terminated = c.getState() == null ? null : c.getState().getTerminated();
                ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
                if (waiting != null && notEmpty(waiting.getReason())) {
                    reason = waiting.getReason();
                } else if (terminated != null && notEmpty(terminated.getReason())) {
                    reason = terminated.getReason();
                } else if (terminated != null) {
                    int signal = Meta.orZero(terminated.getSignal());
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + Meta.orZero(terminated.getExitCode());
                } else if (Boolean.TRUE.equals(c.getReady()) && c.getState() != null
                        && c.getState().getRunning() != null) {
                    hasRunning = true;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        if (Meta.deleting(pod) && "NodeLost".equals(status.getReason())) {
            reason = "Unknown";
        } else if (Meta.deleting(pod) && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        return reason;
    }

    /** The sum of the restart counts, counting restartable init containers (sidecars) as kubectl does. */
    static int restarts(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return 0;
        }
        Map<String, Container> inits = new HashMap<>();
        for (Container c : list(pod.getSpec() == null ? null : pod.getSpec().getInitContainers())) {
            inits.put(c.getName(), c);
        }
        int n = 0;
        for (ContainerStatus c : list(status.getInitContainerStatuses())) {
            if (restartable(inits.get(c.getName()))) {
                n += Meta.orZero(c.getRestartCount());
            }
        }
        for (ContainerStatus c : list(status.getContainerStatuses())) {
            n += Meta.orZero(c.getRestartCount());
        }
        return n;
    }

    static boolean conditionTrue(PodStatus status, String type) {
        for (PodCondition c : list(status.getConditions())) {
            if (type.equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static boolean restartable(Container c) {
        return c != null && "Always".equals(c.getRestartPolicy());
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
