package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Writes a simulated pod's state out as a core/v1 PodStatus, field by field as the kubelet reports it (phase,
 * conditions with transition times, IPs, start time, QoS class, containerStatuses with state and lastState).
 * Stateless; called on the kubelet thread.
 */
final class PodStatusRenderer {

    private PodStatusRenderer() {
    }

    static ObjectNode render(PodSim pod) {
        ObjectNode st = Json.object();
        st.put("phase", pod.phase());
        ArrayNode conds = st.putArray("conditions");
        for (String type : PodSim.CONDITION_ORDER) {
            PodSim.Condition c = pod.conditions.get(type);
            if (c == null) {
                continue;
            }
            ObjectNode n = conds.addObject();
            n.put("type", type);
            n.put("status", c.status());
            n.putNull("lastProbeTime");
            n.put("lastTransitionTime", time(c.lastTransition()));
            if (c.reason() != null) {
                n.put("reason", c.reason());
            }
            if (c.message() != null) {
                n.put("message", c.message());
            }
        }
        if (!pod.hostIp.isEmpty()) {
            st.put("hostIP", pod.hostIp);
            st.putArray("hostIPs").addObject().put("ip", pod.hostIp);
        }
        if (!pod.podIp.isEmpty()) {
            st.put("podIP", pod.podIp);
            st.putArray("podIPs").addObject().put("ip", pod.podIp);
        }
        if (pod.startTime > 0) {
            st.put("startTime", time(pod.startTime));
        }
        if (pod.stage == PodSim.Stage.ACTIVE || pod.stage == PodSim.Stage.TERMINATING) {
            ArrayNode statuses = st.putArray("containerStatuses");
            for (ContainerSim c : pod.containers) {
                statuses.add(container(pod, c));
            }
        }
        st.put("qosClass", pod.qosClass);
        return st;
    }

    private static ObjectNode container(PodSim pod, ContainerSim c) {
        ObjectNode n = Json.object();
        n.put("name", c.name);
        ObjectNode state = n.putObject("state");
        ObjectNode last = n.putObject("lastState");
        switch (c.state) {
            case RUNNING -> {
                state.putObject("running").put("startedAt", time(c.startedAt));
                terminated(last, c.latest);
            }
            case BACKOFF -> {
                state.putObject("waiting").put("reason", "CrashLoopBackOff").put("message", c.waitingMessage);
                terminated(last, c.latest);
            }
            default -> {
                if (c.showTerminated && c.latest != null) {
                    terminated(state, c.latest);
                    terminated(last, c.previous);
                } else {
                    state.putObject("waiting").put("reason", "ContainerCreating");
                    terminated(last, c.latest);
                }
            }
        }
        n.put("ready", c.ready && !pod.terminating());
        n.put("restartCount", c.restartCount);
        n.put("image", c.image);
        n.put("imageID", c.imageId);
        if (!c.containerId.isEmpty()) {
            n.put("containerID", c.containerId);
        }
        n.put("started", c.started);
        return n;
    }

    private static void terminated(ObjectNode holder, ContainerSim.Terminated t) {
        if (t == null) {
            return;
        }
        ObjectNode n = holder.putObject("terminated");
        n.put("exitCode", t.exitCode());
        n.put("reason", t.reason());
        n.put("startedAt", time(t.startedAt()));
        n.put("finishedAt", time(t.finishedAt()));
        n.put("containerID", t.containerId());
    }

    static String time(long epochMillis) {
        return Json.time(Instant.ofEpochMilli(epochMillis));
    }
}
