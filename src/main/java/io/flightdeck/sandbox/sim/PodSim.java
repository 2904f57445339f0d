package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The simulated state of one pod on its fake node: its stage (waiting for the scheduler, for the kubelet, active,
 * terminating), node and IPs, pod conditions with their transition times, and its containers. Plain mutable data,
 * confined to the kubelet thread; {@link PodLifecycle} moves it on and {@link PodStatusRenderer} writes it out.
 */
final class PodSim {

    enum Stage { UNSCHEDULED, SCHEDULED, ACTIVE, TERMINATING, REMOVED }

    /** One pod condition; the transition time changes only when the status does. */
    record Condition(String status, long lastTransition, String reason, String message) {
    }

    static final String READY_TO_START = "PodReadyToStartContainers";
    static final String INITIALIZED = "Initialized";
    static final String READY = "Ready";
    static final String CONTAINERS_READY = "ContainersReady";
    static final String SCHEDULED = "PodScheduled";
    static final List<String> CONDITION_ORDER = List.of(READY_TO_START, INITIALIZED, READY, CONTAINERS_READY,
            SCHEDULED);

    final String namespace;
    final String name;
    final String uid;
    Stored stored;
    Stage stage;
    long stageDueAt = ContainerSim.NEVER;
    String node = "";
    String hostIp = "";
    String podIp = "";
    long startTime;
    boolean sandboxReady;
    long sandboxAt = ContainerSim.NEVER;
    String restartPolicy;
    String qosClass;
    boolean forcedUnready;
    final List<ContainerSim> containers = new ArrayList<>();
    final Map<String, Condition> conditions = new LinkedHashMap<>();

    long seq;
    boolean dirty;
    long lastWrittenRv;
    ObjectNode lastStatus;

    PodSim(Stored stored) {
        this.stored = stored;
        this.namespace = stored.namespace();
        this.name = stored.name();
        this.uid = stored.uid();
        JsonNode spec = stored.object().path("spec");
        this.restartPolicy = spec.path("restartPolicy").asString("Always");
        for (JsonNode c : spec.path("containers")) {
            containers.add(new ContainerSim(c));
        }
        this.qosClass = qosClass(spec);
    }

    String key() {
        return namespace + "/" + name;
    }

    /** "name_namespace(uid)", as the kubelet's messages name a pod. */
    String formatted() {
        return name + "_" + namespace + "(" + uid + ")";
    }

    boolean terminating() {
        return stage == Stage.TERMINATING;
    }

    long nextDue() {
        return switch (stage) {
            case UNSCHEDULED, SCHEDULED, TERMINATING -> stageDueAt;
            case REMOVED -> ContainerSim.NEVER;
            case ACTIVE -> {
                long due = sandboxReady ? ContainerSim.NEVER : sandboxAt;
                for (ContainerSim c : containers) {
                    due = Math.min(due, c.nextDue());
                }
                yield due;
            }
        };
    }

    void setCondition(String type, boolean status, long t, String reason, String message) {
        String s = status ? "True" : "False";
        Condition old = conditions.get(type);
        long since = old != null && old.status().equals(s) ? old.lastTransition() : t;
        conditions.put(type, new Condition(s, since, reason, message));
    }

    /** Recomputes Ready and ContainersReady from the containers (never ready while terminating). */
    void refreshReadiness(long t) {
        StringJoiner unready = new StringJoiner(" ", "[", "]");
        boolean all = true;
        for (ContainerSim c : containers) {
            if (!c.ready) {
                all = false;
                unready.add(c.name);
            }
        }
        String message = "containers with unready status: " + unready;
        setCondition(CONTAINERS_READY, all, t, all ? null : "ContainersNotReady", all ? null : message);
        boolean ready = all && !terminating();
        setCondition(READY, ready, t, ready ? null : "ContainersNotReady", ready ? null : message);
    }

    /** The phase: Pending until every container ran once, Succeeded/Failed when all exited for good, else Running. */
    String phase() {
        if (stage != Stage.ACTIVE && stage != Stage.TERMINATING) {
            return "Pending";
        }
        boolean allExited = !containers.isEmpty();
        boolean allZero = true;
        for (ContainerSim c : containers) {
            if (c.state != ContainerSim.State.RUNNING && c.latest == null) {
                return "Pending";
            }
            if (c.state != ContainerSim.State.EXITED) {
                allExited = false;
            } else if (c.latest.exitCode() != 0) {
                allZero = false;
            }
        }
        if (allExited) {
            return allZero ? "Succeeded" : "Failed";
        }
        return "Running";
    }

    private static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (JsonNode c : spec.path("containers")) {
            JsonNode req = c.path("resources").path("requests");
            JsonNode lim = c.path("resources").path("limits");
            any |= !req.isEmpty() || !lim.isEmpty();
            for (String r : List.of("cpu", "memory")) {
                String l = lim.path(r).asString("");
                String q = req.path(r).asString(l);
                guaranteed &= !l.isEmpty() && l.equals(q);
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
