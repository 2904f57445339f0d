package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.sim.ContainerSim.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Takes over a pod that already has a kubelet status (the sandbox's kubelet was restarted on a store that has running
 * pods): IP, start time, conditions and each container's restarts and running state are kept, probes resume, and
 * containers that were not running start again. Stateless; called on the kubelet thread.
 */
final class PodAdoption {

    private PodAdoption() {
    }

    static void adopt(PodSim pod, JsonNode status, NodePool nodes, long t) {
        pod.stage = PodSim.Stage.ACTIVE;
        pod.startTime = parseTime(status.path("startTime"), t);
        pod.podIp = status.path("podIP").asString("");
        if (pod.podIp.isEmpty()) {
            pod.sandboxAt = t;
        } else {
            nodes.reserveIp(pod.podIp);
            pod.sandboxReady = true;
        }
        for (JsonNode c : status.path("conditions")) {
            String type = c.path("type").asString();
            pod.conditions.put(type, new PodSim.Condition(c.path("status").asString("False"),
                    parseTime(c.path("lastTransitionTime"), t), c.path("reason").asString(null),
                    c.path("message").asString(null)));
        }
        for (ContainerSim c : pod.containers) {
            JsonNode cs = find(status.path("containerStatuses"), c.name);
            if (cs == null) {
                c.state = State.WAITING;
                c.dueAt = pod.sandboxReady ? t : pod.sandboxAt;
                continue;
            }
            adoptContainer(c, cs, t);
        }
        pod.refreshReadiness(t);
        pod.lastStatus = status.isObject() ? ((ObjectNode) status).deepCopy() : null;
        pod.dirty = true;
    }

    private static void adoptContainer(ContainerSim c, JsonNode cs, long t) {
        c.restartCount = cs.path("restartCount").asInt(0);
        c.containerId = cs.path("containerID").asString("");
        c.imageId = cs.path("imageID").asString("");
        JsonNode last = cs.path("lastState").path("terminated");
        if (last.isObject()) {
            c.latest = new ContainerSim.Terminated(last.path("reason").asString("Error"),
                    last.path("exitCode").asInt(1), parseTime(last.path("startedAt"), t),
                    parseTime(last.path("finishedAt"), t), last.path("containerID").asString(""));
        }
        JsonNode running = cs.path("state").path("running");
        if (!running.isObject()) {
            c.state = State.WAITING;
            c.dueAt = t;
            return;
        }
        c.state = State.RUNNING;
        c.startedAt = parseTime(running.path("startedAt"), t);
        c.started = cs.path("started").asBoolean(c.startup == null);
        c.ready = cs.path("ready").asBoolean(false);
        if (!c.started && c.startup != null) {
            c.startupRun.nextAt = t + PodLifecycle.FIRST_PROBE_MILLIS;
        } else {
            c.started = true;
            if (c.readiness == null) {
                c.ready = true;
            } else {
                c.readinessRun.nextAt = t + PodLifecycle.FIRST_PROBE_MILLIS;
            }
            if (c.liveness != null) {
                c.livenessRun.nextAt = t + c.liveness.periodMillis();
            }
        }
        if (c.behaviour.has(ImageBehaviour.Trait.CRASH) && c.liveness == null) {
            c.selfExitAt = Math.max(t, c.startedAt + c.behaviour.hangAfterMillis());
        }
    }

    private static JsonNode find(JsonNode statuses, String name) {
        for (JsonNode cs : statuses) {
            if (name.equals(cs.path("name").asString())) {
                return cs;
            }
        }
        return null;
    }

    static long parseTime(JsonNode text, long dflt) {
        String s = text.asString("");
        if (s.isEmpty()) {
            return dflt;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return dflt;
        }
    }
}
