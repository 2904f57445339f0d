package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.sim.ContainerSim.State;
import io.flightdeck.sandbox.sim.ProbeSpec.Kind;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves simulated pods through their lives on simulated time, as the scheduler and the kubelet do: binding to a node,
 * sandbox and pod IP, image pulls, container start, startup/readiness/liveness probes with their thresholds, kills,
 * restarts with the kubelet's back-off (10 s doubling to 5 min), and graceful termination. Records the components'
 * Events with their real reasons and texts, and writes status only when it changed. Called on the kubelet thread only.
 */
final class PodLifecycle {

    static final long ACCEPT_DELAY_MILLIS = 200;
    static final long SANDBOX_DELAY_MILLIS = 500;
    static final long CREATE_DELAY_MILLIS = 100;
    static final long FIRST_PROBE_MILLIS = 1_000;
    static final long INITIAL_BACKOFF_MILLIS = 10_000;
    static final long MAX_BACKOFF_MILLIS = 300_000;
    static final long MAX_TERMINATION_MILLIS = 2_000;

    private static final String KUBELET = "kubelet";
    private static final String SCHEDULER = "default-scheduler";

    private final ObjectStore store;
    private final EventRecorder events;
    private final NodePool nodes;

    PodLifecycle(ObjectStore store, EventRecorder events, NodePool nodes) {
        this.store = store;
        this.events = events;
        this.nodes = nodes;
    }

    /** Starts simulating a pod first seen at {@code t}: to schedule, to start, or adopted as its status says. */
    PodSim admit(Stored stored, long t, boolean forcedUnready) {
        PodSim pod = new PodSim(stored);
        pod.forcedUnready = forcedUnready;
        String node = stored.object().path("spec").path("nodeName").asString("");
        if (node.isEmpty()) {
            pod.stage = PodSim.Stage.UNSCHEDULED;
            pod.stageDueAt = t;
        } else {
            bindTo(pod, node, t);
            if (stored.object().path("status").path("containerStatuses").isArray()) {
                PodAdoption.adopt(pod, stored.object().path("status"), nodes, t);
            }
        }
        observe(pod, stored, t);
        return pod;
    }

    /** Takes a newer version of the pod written by someone else: deletion, binding or a changed image. */
    void observe(PodSim pod, Stored s, long t) {
        pod.stored = s;
        JsonNode obj = s.object();
        if (obj.path("metadata").has("deletionTimestamp")) {
            terminate(pod, t);
            return;
        }
        JsonNode spec = obj.path("spec");
        if (pod.stage == PodSim.Stage.UNSCHEDULED && !spec.path("nodeName").asString("").isEmpty()) {
            bindTo(pod, spec.path("nodeName").asString(), t);
        }
        if (pod.stage != PodSim.Stage.ACTIVE) {
            return;
        }
        for (JsonNode cs : spec.path("containers")) {
            for (ContainerSim c : pod.containers) {
                if (c.name.equals(cs.path("name").asString()) && !c.image.equals(cs.path("image").asString(""))) {
                    c.define(cs);
                    if (c.running()) {
                        kill(pod, c, t, "Container " + c.name + " definition changed, will be restarted", 143);
                    }
                }
            }
        }
    }

    /** Runs everything due for the pod up to {@code now}, in time order. */
    void advance(PodSim pod, long now) {
        for (int i = 0; i < 100_000; i++) {
            long due = pod.nextDue();
            if (due > now || pod.stage == PodSim.Stage.REMOVED) {
                return;
            }
            step(pod, due);
        }
    }

    private void step(PodSim pod, long t) {
        switch (pod.stage) {
            case UNSCHEDULED -> schedule(pod, t);
            case SCHEDULED -> accept(pod, t);
            case TERMINATING -> remove(pod);
            case ACTIVE -> {
                if (!pod.sandboxReady && pod.sandboxAt <= t) {
                    sandbox(pod, t);
                } else {
                    ContainerSim next = null;
                    for (ContainerSim c : pod.containers) {
                        if (next == null || c.nextDue() < next.nextDue()) {
                            next = c;
                        }
                    }
                    if (next != null) {
                        stepContainer(pod, next, t);
                    }
                }
                pod.refreshReadiness(t);
            }
            case REMOVED -> { }
        }
    }

    private void schedule(PodSim pod, long t) {
        String chosen = nodes.pick();
        Stored s;
        try {
            s = store.modify(Kinds.POD, pod.namespace, pod.name, o -> {
                ObjectNode spec = Json.child(o, "spec");
                if (spec.path("nodeName").asString("").isEmpty()) {
                    spec.put("nodeName", chosen);
                }
                return o;
            }, false, false);
        } catch (ApiException gone) {
            pod.stage = PodSim.Stage.REMOVED;
            return;
        }
        pod.lastWrittenRv = s.resourceVersion();
        pod.stored = s;
        String node = s.object().path("spec").path("nodeName").asString(chosen);
        events.record(s, null, SCHEDULER, "Normal", "Scheduled",
                "Successfully assigned " + pod.namespace + "/" + pod.name + " to " + node);
        bindTo(pod, node, t);
    }

    private void bindTo(PodSim pod, String node, long t) {
        pod.node = node;
        pod.hostIp = nodes.hostIp(node);
        nodes.podAdded(node);
        pod.setCondition(PodSim.SCHEDULED, true, t, null, null);
        pod.stage = PodSim.Stage.SCHEDULED;
        pod.stageDueAt = t + ACCEPT_DELAY_MILLIS;
    }

    private void accept(PodSim pod, long t) {
        pod.stage = PodSim.Stage.ACTIVE;
        pod.startTime = t;
        pod.sandboxAt = t + SANDBOX_DELAY_MILLIS;
        pod.setCondition(PodSim.READY_TO_START, false, t, null, null);
        pod.setCondition(PodSim.INITIALIZED, true, t, null, null);
        pod.refreshReadiness(t);
        for (ContainerSim c : pod.containers) {
            c.state = State.WAITING;
            c.dueAt = pod.sandboxAt;
        }
        pod.dirty = true;
    }

    private void sandbox(PodSim pod, long t) {
        pod.podIp = nodes.allocateIp(pod.node);
        pod.sandboxReady = true;
        pod.setCondition(PodSim.READY_TO_START, true, t, null, null);
        pod.dirty = true;
    }

    private void stepContainer(PodSim pod, ContainerSim c, long t) {
        switch (c.state) {
            case WAITING -> startPull(pod, c, t);
            case PULLING -> pulled(pod, c, t);
            case STARTING -> start(pod, c, t);
            case BACKOFF -> {
                c.backoffMillis = Math.min(2 * c.backoffMillis, MAX_BACKOFF_MILLIS);
                c.backoffUpdatedAt = t;
                restart(c, t);
            }
            case RUNNING -> {
                if (c.selfExitAt <= t) {
                    exit(pod, c, t, 1, "Error");
                } else if (c.startupRun.nextAt <= t) {
                    probe(pod, c, c.startup, c.startupRun, t);
                } else if (c.livenessRun.nextAt <= t) {
                    probe(pod, c, c.liveness, c.livenessRun, t);
                } else if (c.readinessRun.nextAt <= t) {
                    probe(pod, c, c.readiness, c.readinessRun, t);
                }
            }
            case EXITED -> { }
        }
    }

    private void startPull(PodSim pod, ContainerSim c, long t) {
        NodePool.Pull pull = nodes.pull(pod.node, c.image, c.pullPolicy, t);
        c.imageSize = pull.sizeBytes();
        if (pull.present()) {
            event(pod, c, "Normal", "Pulled", "Container image \"" + c.image + "\" already present on machine");
            c.state = State.STARTING;
            c.dueAt = t + CREATE_DELAY_MILLIS;
        } else {
            event(pod, c, "Normal", "Pulling", "Pulling image \"" + c.image + "\"");
            c.state = State.PULLING;
            c.pullStartedAt = t;
            c.pullMillis = pull.pullMillis();
            c.dueAt = pull.readyAt();
        }
    }

    private void pulled(PodSim pod, ContainerSim c, long t) {
        event(pod, c, "Normal", "Pulled", "Successfully pulled image \"" + c.image + "\" in "
                + GoDuration.format(c.pullMillis) + " (" + GoDuration.format(t - c.pullStartedAt)
                + " including waiting). Image size: " + c.imageSize + " bytes.");
        c.state = State.STARTING;
        c.dueAt = t + CREATE_DELAY_MILLIS;
    }

    private void start(PodSim pod, ContainerSim c, long t) {
        byte[] id = new byte[32];
        ThreadLocalRandom.current().nextBytes(id);
        c.containerId = "containerd://" + HexFormat.of().formatHex(id);
        c.imageId = NodePool.imageId(c.image);
        event(pod, c, "Normal", "Created", "Created container: " + c.name);
        event(pod, c, "Normal", "Started", "Started container " + c.name);
        c.state = State.RUNNING;
        c.startedAt = t;
        if (c.restarting) {
            c.restartCount++;
            c.restarting = false;
        }
        c.showTerminated = false;
        c.ready = false;
        c.stopProbes();
        if (c.startup != null) {
            c.started = false;
            c.startupRun.nextAt = t + firstDelay(c.startup);
        } else {
            started(pod, c, t);
        }
        if (c.behaviour.has(ImageBehaviour.Trait.CRASH) && c.liveness == null) {
            c.selfExitAt = t + c.behaviour.hangAfterMillis();
        }
        pod.dirty = true;
    }

    /** The container counts as started: readiness runs at once (as the kubelet triggers it), liveness follows. */
    private void started(PodSim pod, ContainerSim c, long t) {
        c.started = true;
        c.startupRun.stop();
        if (c.readiness == null) {
            c.ready = !pod.forcedUnready;
        } else {
            c.readinessRun.nextAt = Math.max(t, c.startedAt + firstDelay(c.readiness));
        }
        if (c.liveness != null) {
            long first = c.startedAt + firstDelay(c.liveness);
            c.livenessRun.nextAt = t == c.startedAt ? first : Math.max(first, t + c.liveness.periodMillis());
        }
        pod.dirty = true;
    }

    private static long firstDelay(ProbeSpec p) {
        return Math.max(p.initialDelayMillis(), FIRST_PROBE_MILLIS);
    }

    private void probe(PodSim pod, ContainerSim c, ProbeSpec p, ContainerSim.ProbeRun run, long t) {
        long uptime = t - c.startedAt;
        boolean readiness = p.kind() == Kind.READINESS;
        boolean forced = readiness && pod.forcedUnready;
        int status = readiness ? c.behaviour.readinessStatus(uptime, forced) : c.behaviour.livenessStatus(uptime);
        String failure = p.failure(status, forced, pod.podIp);
        run.nextAt = t + p.periodMillis();
        if (failure == null) {
            run.successes++;
            run.failures = 0;
        } else {
            run.failures++;
            run.successes = 0;
            event(pod, c, "Warning", "Unhealthy", p.kind().word + " probe failed: " + failure);
        }
        switch (p.kind()) {
            case STARTUP -> {
                if (failure == null) {
                    started(pod, c, t);
                } else if (run.failures >= p.failureThreshold()) {
                    kill(pod, c, t, "Container " + c.name + " failed startup probe, will be restarted", 137);
                }
            }
            case LIVENESS -> {
                if (failure != null && run.failures >= p.failureThreshold()) {
                    kill(pod, c, t, "Container " + c.name + " failed liveness probe, will be restarted", 137);
                }
            }
            case READINESS -> {
                if (failure == null && run.successes >= p.successThreshold() && !c.ready) {
                    c.ready = true;
                    pod.dirty = true;
                } else if (failure != null && (run.failures >= p.failureThreshold() || forced) && c.ready) {
                    c.ready = false;
                    pod.dirty = true;
                }
            }
        }
    }

    private void kill(PodSim pod, ContainerSim c, long t, String message, int exitCode) {
        event(pod, c, "Normal", "Killing", message);
        exit(pod, c, t, exitCode, "Error");
    }

    /** The container ended: restart it now, after the back-off, or never, as the restart policy says. */
    private void exit(PodSim pod, ContainerSim c, long t, int exitCode, String reason) {
        c.previous = c.latest;
        c.latest = new ContainerSim.Terminated(reason, exitCode, c.startedAt, t, c.containerId);
        c.ready = false;
        c.started = false;
        c.stopProbes();
        pod.dirty = true;
        if ("Never".equals(pod.restartPolicy) || "OnFailure".equals(pod.restartPolicy) && exitCode == 0) {
            c.state = State.EXITED;
            c.showTerminated = true;
            return;
        }
        if (c.backoffMillis > 0 && t - c.backoffUpdatedAt > 2 * MAX_BACKOFF_MILLIS) {
            c.backoffMillis = 0;
        }
        if (c.backoffMillis == 0) {
            c.backoffMillis = INITIAL_BACKOFF_MILLIS;
            c.backoffUpdatedAt = t;
            c.showTerminated = true;
            restart(c, t);
            return;
        }
        c.state = State.BACKOFF;
        c.dueAt = t + c.backoffMillis;
        c.waitingMessage = "back-off " + GoDuration.format(c.backoffMillis) + " restarting failed container="
                + c.name + " pod=" + pod.formatted();
        event(pod, c, "Warning", "BackOff",
                "Back-off restarting failed container " + c.name + " in pod " + pod.formatted());
    }

    private static void restart(ContainerSim c, long t) {
        c.restarting = true;
        c.state = State.WAITING;
        c.dueAt = t;
    }

    /** The pod is being deleted: containers stop (Ready goes False) and the pod goes after its grace period. */
    void terminate(PodSim pod, long t) {
        if (pod.stage == PodSim.Stage.TERMINATING || pod.stage == PodSim.Stage.REMOVED) {
            return;
        }
        if (pod.stage != PodSim.Stage.ACTIVE) {
            pod.stage = PodSim.Stage.TERMINATING;
            pod.stageDueAt = t;
            return;
        }
        for (ContainerSim c : pod.containers) {
            if (c.running()) {
                event(pod, c, "Normal", "Killing", "Stopping container " + c.name);
            }
            c.ready = false;
            c.stopProbes();
        }
        long grace = pod.stored.object().path("metadata").path("deletionGracePeriodSeconds").asLong(30);
        pod.stage = PodSim.Stage.TERMINATING;
        pod.stageDueAt = t + Math.min(grace * 1000, MAX_TERMINATION_MILLIS);
        pod.refreshReadiness(t);
        pod.dirty = true;
    }

    private void remove(PodSim pod) {
        try {
            store.delete(Kinds.POD, pod.namespace, pod.name, new DeleteOptions(0L, null, pod.uid, null));
        } catch (ApiException gone) {
            // already deleted, or replaced by a new pod of the same name: nothing of ours to remove
        }
        pod.stage = PodSim.Stage.REMOVED;
    }

    /** Fault hook: readiness fails (or passes again) from now on; a failing pod turns not-ready at the next probe. */
    void failReadiness(PodSim pod, boolean fail, long t) {
        pod.forcedUnready = fail;
        if (pod.stage != PodSim.Stage.ACTIVE) {
            return;
        }
        for (ContainerSim c : pod.containers) {
            if (!c.running() || !c.started) {
                continue;
            }
            if (c.readiness == null) {
                c.ready = !fail;
            } else {
                c.readinessRun.nextAt = t;
            }
        }
        pod.refreshReadiness(t);
        pod.dirty = true;
    }

    /** Fault hook: every running container of the pod exits with code 1 now. */
    void crash(PodSim pod, long t) {
        if (pod.stage != PodSim.Stage.ACTIVE) {
            return;
        }
        for (ContainerSim c : pod.containers) {
            if (c.running()) {
                exit(pod, c, t, 1, "Error");
            }
        }
        pod.refreshReadiness(t);
    }

    /** Writes the pod's status if it changed since the last write; a newer pod seen in the answer is observed. */
    void flush(PodSim pod, long t) {
        if (!pod.dirty || pod.stage == PodSim.Stage.REMOVED) {
            return;
        }
        pod.dirty = false;
        ObjectNode status = PodStatusRenderer.render(pod);
        if (status.equals(pod.lastStatus)) {
            return;
        }
        Stored s;
        try {
            s = store.modify(Kinds.POD, pod.namespace, pod.name, o -> {
                o.set("status", status);
                return o;
            }, true, false);
        } catch (ApiException gone) {
            return;
        }
        pod.lastStatus = status;
        pod.lastWrittenRv = s.resourceVersion();
        if (!s.uid().equals(pod.uid)) {
            return;
        }
        observe(pod, s, t);
    }

    /** Gives back the pod's node place and IP. */
    void release(PodSim pod) {
        if (!pod.node.isEmpty()) {
            nodes.podRemoved(pod.node);
        }
        if (!pod.podIp.isEmpty()) {
            nodes.releaseIp(pod.podIp);
        }
        pod.stage = PodSim.Stage.REMOVED;
    }

    private void event(PodSim pod, ContainerSim c, String type, String reason, String message) {
        events.record(pod.stored, "spec.containers{" + c.name + "}", KUBELET, type, reason, message);
    }
}
