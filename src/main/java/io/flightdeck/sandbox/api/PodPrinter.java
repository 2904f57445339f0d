package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pod row of the apiserver's table: READY, the STATUS reason (Running, ContainerCreating, CrashLoopBackOff,
 * Init:0/2, Completed, Terminating, ...), RESTARTS with its "(5m ago)" suffix, AGE, and the wide IP, NODE,
 * NOMINATED NODE and READINESS GATES cells. A line-by-line port of printPod in
 * pkg/printers/internalversion/printers.go (Kubernetes 1.32). Stateless; any thread.
 */
final class PodPrinter {

    private static final String NODE_UNREACHABLE_REASON = "NodeLost";

    private PodPrinter() {
    }

    static TablePrinters.Row row(ObjectNode pod, Instant now) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        int restarts = 0;
        int restartableInitRestarts = 0;
        int totalContainers = spec.path("containers").size();
        int readyContainers = 0;
        Instant lastRestart = null;
        Instant lastRestartableInitRestart = null;

        String phase = status.path("phase").asString("");
        String reason = phase;
        if (!status.path("reason").asString("").isEmpty()) {
            reason = status.path("reason").asString();
        }
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asString("").equals("PodScheduled")
                    && c.path("reason").asString("").equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }

        ArrayNode conditions = null;
        if (phase.equals("Succeeded")) {
            conditions = completed("Succeeded", "The pod has completed successfully.");
        } else if (phase.equals("Failed")) {
            conditions = completed("Failed", "The pod failed.");
        }

        Map<String, JsonNode> initContainers = new HashMap<>();
        for (JsonNode c : spec.path("initContainers")) {
            initContainers.put(c.path("name").asString(""), c);
            if (restartable(c)) {
                totalContainers++;
            }
        }

        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            restarts += container.path("restartCount").asInt(0);
            Instant finished = Timestamps.parse(container.path("lastState").path("terminated").path("finishedAt"));
            lastRestart = later(lastRestart, finished);
            boolean sidecar = restartable(initContainers.get(container.path("name").asString("")));
            if (sidecar) {
                restartableInitRestarts += container.path("restartCount").asInt(0);
                lastRestartableInitRestart = later(lastRestartableInitRestart, finished);
            }
            JsonNode terminated = container.path("state").path("terminated");
            JsonNode waiting = container.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
                continue;
            } else if (sidecar && container.path("started").asBoolean(false)) {
                if (container.path("ready").asBoolean(false)) {
                    readyContainers++;
                }
                continue;
            } else if (terminated.isObject()) {
                String r = terminated.path("reason").asString("");
                if (r.isEmpty()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Init:Signal:" + signal
                            : "Init:ExitCode:" + terminated.path("exitCode").asInt(0);
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !waiting.path("reason").asString("").isEmpty()
                    && !waiting.path("reason").asString("").equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asString();
            } else {
                reason = "Init:" + i + "/" + spec.path("initContainers").size();
            }
            initializing = true;
            break;
        }

        if (!initializing || initialized(status)) {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += container.path("restartCount").asInt(0);
                lastRestart = later(lastRestart,
                        Timestamps.parse(container.path("lastState").path("terminated").path("finishedAt")));
                JsonNode waiting = container.path("state").path("waiting");
                JsonNode terminated = container.path("state").path("terminated");
                if (waiting.isObject() && !waiting.path("reason").asString("").isEmpty()) {
                    reason = waiting.path("reason").asString();
                } else if (terminated.isObject() && !terminated.path("reason").asString("").isEmpty()) {
                    reason = terminated.path("reason").asString();
                } else if (terminated.isObject()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
                } else if (container.path("ready").asBoolean(false) && container.path("state").path("running")
                        .isObject()) {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = ready(status) ? "Running" : "NotReady";
            }
        }

        boolean deleting = TablePrinters.isSet(pod.path("metadata").path("deletionTimestamp"));
        if (deleting && status.path("reason").asString("").equals(NODE_UNREACHABLE_REASON)) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }

        String restartsCell = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartsCell = restarts + " (" + Durations.human(java.time.Duration.between(lastRestart, now)) + " ago)";
        }

        TablePrinters.Row row = new TablePrinters.Row(conditions);
        row.add(pod.path("metadata").path("name").asString(""))
                .add(readyContainers + "/" + totalContainers)
                .add(reason)
                .add(restartsCell)
                .add(Durations.since(pod.path("metadata").path("creationTimestamp").asString(null), now))
                .add(orNone(podIP(status)))
                .add(orNone(spec.path("nodeName").asString("")))
                .add(orNone(status.path("nominatedNodeName").asString("")))
                .add(readinessGates(spec, status));
        return row;
    }

    /** The internal type's PodIPs[0]; v1-to-internal conversion fills PodIPs from a lone podIP. */
    private static String podIP(JsonNode status) {
        JsonNode ips = status.path("podIPs");
        if (ips.isArray() && !ips.isEmpty()) {
            return ips.get(0).path("ip").asString("");
        }
        return status.path("podIP").asString("");
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        JsonNode gates = spec.path("readinessGates");
        if (!gates.isArray() || gates.isEmpty()) {
            return "<none>";
        }
        int trueConditions = 0;
        for (JsonNode gate : gates) {
            String type = gate.path("conditionType").asString("");
            for (JsonNode c : status.path("conditions")) {
                if (c.path("type").asString("").equals(type)) {
                    if (c.path("status").asString("").equals("True")) {
                        trueConditions++;
                    }
                    break;
                }
            }
        }
        return trueConditions + "/" + gates.size();
    }

    /** podutil.IsRestartableInitContainer: a sidecar, restartPolicy Always. */
    private static boolean restartable(JsonNode initContainer) {
        return initContainer != null && initContainer.path("restartPolicy").asString("").equals("Always");
    }

    /** isPodInitializedConditionTrue: the first Initialized condition decides. */
    private static boolean initialized(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asString("").equals("Initialized")) {
                return c.path("status").asString("").equals("True");
            }
        }
        return false;
    }

    /** hasPodReadyCondition: any Ready condition that is True. */
    private static boolean ready(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asString("").equals("Ready") && c.path("status").asString("").equals("True")) {
                return true;
            }
        }
        return false;
    }

    private static Instant later(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || current.isBefore(candidate) ? candidate : current;
    }

    private static ArrayNode completed(String reason, String message) {
        ArrayNode conditions = Json.NODES.arrayNode();
        conditions.addObject().put("type", "Completed").put("status", "True").put("reason", reason)
                .put("message", message);
        return conditions;
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "<none>" : s;
    }
}
