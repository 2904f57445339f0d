package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Builds the immutable snapshots of pods and events from fabric8's objects, reading them only. Stateless; any thread.
 */
final class Snapshots {

    private Snapshots() {
    }

    static PodSnapshot pod(Pod pod, Collection<EventSnapshot> podEvents, Instant now) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<Container> containers = PodStatusText.list(spec.getContainers());
        Container main = containers.isEmpty() ? null : containers.get(0);
        ContainerStatus mainStatus = null;
        for (ContainerStatus cs : PodStatusText.list(status.getContainerStatuses())) {
            if (main != null && main.getName() != null && main.getName().equals(cs.getName())) {
                mainStatus = cs;
            }
        }
        return new PodSnapshot(Meta.namespace(pod), Meta.name(pod), Meta.uid(pod),
                Meta.label(pod, Meta.TEMPLATE_HASH), status.getPhase() == null ? "" : status.getPhase(),
                PodStatusText.of(pod), PodStatusText.conditionTrue(status, "Ready"), PodStatusText.restarts(pod),
                spec.getNodeName(), status.getPodIP(), Meta.created(pod), Meta.deleting(pod),
                ProbeStates.of(main, mainStatus, podEvents, now), lastTermination(mainStatus),
                main == null ? null : main.getImage(),
                pod.getMetadata() == null ? null : pod.getMetadata().getResourceVersion());
    }

    /** The reason the main container last ended ("Error", "OOMKilled", "Completed"), or null. */
    private static String lastTermination(ContainerStatus cs) {
        if (cs == null) {
            return null;
        }
        ContainerStateTerminated now = cs.getState() == null ? null : cs.getState().getTerminated();
        if (now != null) {
            return now.getReason() != null ? now.getReason() : "ExitCode:" + Meta.orZero(now.getExitCode());
        }
        ContainerStateTerminated last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        if (last != null) {
            return last.getReason() != null ? last.getReason() : "ExitCode:" + Meta.orZero(last.getExitCode());
        }
        return null;
    }

    static EventSnapshot event(Event e) {
        ObjectReference about = e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
        String namespace = about.getNamespace() != null && !about.getNamespace().isEmpty() ? about.getNamespace()
                : Meta.namespace(e);
        return new EventSnapshot(namespace, about.getKind(), about.getName(), e.getType(), e.getReason(),
                e.getMessage(), e.getCount() == null || e.getCount() < 1 ? 1 : e.getCount(), lastSeen(e), Meta.uid(e));
    }

    /** When the event last happened: lastTimestamp, else eventTime, else firstTimestamp, else its creation. */
    static Instant lastSeen(Event e) {
        Instant t = Meta.time(e.getLastTimestamp());
        if (t == null && e.getEventTime() != null) {
            t = Meta.time(e.getEventTime().getTime());
        }
        if (t == null) {
            t = Meta.time(e.getFirstTimestamp());
        }
        return t == null ? Meta.created(e) : t;
    }
}
