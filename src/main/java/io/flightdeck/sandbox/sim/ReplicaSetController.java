package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps as many active pods as spec.replicas, creating
 * {@code <rs>-<5 chars>} pods from the template with a controller ownerReference (in slow-start batches) and deleting
 * surplus ones in Kubernetes' order (unscheduled, pending, not ready, ... newest first); terminating pods do not count.
 * Writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas after minReadySeconds on the sandbox
 * clock, observedGeneration, ReplicaFailure) and events (SuccessfulCreate "Created pod: x", SuccessfulDelete
 * "Deleted pod: x"); a pod relabelled out of the selector is released and replaced (orphans are not adopted). A pod
 * event touches only its owner; availability after minReadySeconds is re-checked when due.
 * Before creating pods for a Deployment's ReplicaSet it first carries out its siblings' pending scale-downs, so that
 * maxSurge bounds the pods that really exist, not only the specs. Runs on its own thread,
 * "sandbox-replicaset-controller".
 */
public final class ReplicaSetController extends ControllerLoop {

    static final String COMPONENT = "replicaset-controller";
    private static final int BURST_REPLICAS = 500;

    private final DependentsIndex pods = new DependentsIndex("ReplicaSet");
    private final DependentsIndex replicaSets = new DependentsIndex("Deployment");
    private boolean syncingSibling;

    public ReplicaSetController(ObjectStore store, SandboxClock clock, EventRecorder events) {
        super("sandbox-replicaset-controller", store, clock, events);
    }

    @Override
    protected void openWatches() {
        watch(Kinds.REPLICA_SET, (type, rs) -> {
            replicaSets.apply(type, rs);
            if (!type.equals("DELETED")) {
                queue.add(key(rs));
            }
        });
        watch(Kinds.POD, (type, pod) -> {
            DependentsIndex.Owner before = pods.apply(type, pod);
            DependentsIndex.Owner now = type.equals("DELETED") ? null
                    : DependentsIndex.controllerOf(pod.object(), "ReplicaSet");
            if (now != null) {
                queue.add(pod.namespace() + "/" + now.name());
            }
            if (before != null) {
                queue.add(pod.namespace() + "/" + before.name());
            }
        });
    }

    @Override
    protected void resetIndexes() {
        pods.clear();
        replicaSets.clear();
    }

    @Override
    protected Iterable<String> resyncKeys() {
        List<String> keys = new ArrayList<>();
        for (Stored rs : store.all(Kinds.REPLICA_SET, null)) {
            keys.add(key(rs));
        }
        return keys;
    }

    @Override
    protected void sync(String namespace, String name) {
        Stored rs = store.get(Kinds.REPLICA_SET, namespace, name);
        if (rs == null) {
            return;
        }
        if (!Pods.isTerminating(rs.object())) {
            releaseUnselected(rs);
        }
        List<Stored> active = activePods(rs);
        ApiException manageError = null;
        if (!Pods.isTerminating(rs.object())) {
            try {
                if (manageReplicas(active, rs)) {
                    active = activePods(rs);
                }
            } catch (ApiException e) {
                manageError = e;
                active = activePods(rs);
            }
        }
        Instant now = clock.now();
        ObjectNode status = calculateStatus(rs, active, manageError, now);
        updateStatus(rs, status);
        scheduleAvailabilityCheck(rs, active, now);
        if (manageError != null) {
            throw manageError;
        }
    }

    /** The pods this ReplicaSet controls, neither finished nor terminating. */
    private List<Stored> activePods(Stored rs) {
        List<Stored> out = new ArrayList<>();
        for (Stored p : ownedPods(rs)) {
            if (Pods.isActive(p.object())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Lets go of pods whose labels no longer match the selector (ClaimPods' release), so they get replaced. */
    private void releaseUnselected(Stored rs) {
        JsonNode selector = rs.object().path("spec").path("selector");
        for (Stored p : ownedPods(rs)) {
            if (LabelSelector.matchesLabelSelector(selector, p.object().path("metadata").path("labels"))) {
                continue;
            }
            try {
                store.modify(Kinds.POD, p.namespace(), p.name(), pod -> {
                    ObjectNode meta = Json.metadata(pod);
                    if (meta.get("ownerReferences") instanceof ArrayNode refs) {
                        refs.removeIf(r -> rs.uid().equals(r.path("uid").asString()));
                        if (refs.isEmpty()) {
                            meta.remove("ownerReferences");
                        }
                    }
                    meta.remove("resourceVersion");
                    return pod;
                }, false, false);
            } catch (ApiException gone) {
                // deleted meanwhile: nothing to release
            }
        }
    }

    private List<Stored> ownedPods(Stored rs) {
        List<Stored> out = new ArrayList<>();
        for (String podName : List.copyOf(pods.dependents(rs.uid()))) {
            Stored p = store.get(Kinds.POD, rs.namespace(), podName);
            DependentsIndex.Owner owner = p == null ? null : DependentsIndex.controllerOf(p.object(), "ReplicaSet");
            if (owner != null && owner.uid().equals(rs.uid())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Creates or deletes pods toward spec.replicas; true when it changed anything. */
    private boolean manageReplicas(List<Stored> active, Stored rs) {
        int diff = active.size() - rs.object().path("spec").path("replicas").asInt(1);
        if (diff < 0) {
            syncSiblingsScalingDown(rs);
            int count = Math.min(-diff, BURST_REPLICAS);
            int created = 0;
            ApiException first = null;
            for (int batch = Math.min(count, 1); batch > 0; batch = Math.min(2 * batch, count - created)) {
                for (int i = 0; i < batch; i++) {
                    try {
                        createPod(rs);
                    } catch (ApiException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
                created += batch;
            }
            return true;
        } else if (diff > 0) {
            List<Stored> victims = new ArrayList<>(active);
            if (diff < active.size()) {
                victims.sort(Pods.deletionOrder(relatedPods(rs), clock.now()));
            }
            ApiException first = null;
            for (Stored pod : victims.subList(0, Math.min(diff, BURST_REPLICAS))) {
                try {
                    store.delete(Kinds.POD, pod.namespace(), pod.name(), DeleteOptions.DEFAULT);
                    events.normal(rs, COMPONENT, "SuccessfulDelete", "Deleted pod: " + pod.name());
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        events.warning(rs, COMPONENT, "FailedDelete", "Error deleting: " + e.getMessage());
                        first = first == null ? e : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return true;
        }
        return false;
    }

    /** Carries out scale-downs still pending on ReplicaSets of the same Deployment before this one creates pods. */
    private void syncSiblingsScalingDown(Stored rs) {
        DependentsIndex.Owner owner = DependentsIndex.controllerOf(rs.object(), "Deployment");
        if (owner == null || syncingSibling) {
            return;
        }
        syncingSibling = true;
        try {
            for (String sibling : List.copyOf(replicaSets.dependents(owner.uid()))) {
                Stored s = sibling.equals(rs.name()) ? null : store.get(Kinds.REPLICA_SET, rs.namespace(), sibling);
                if (s != null && activePods(s).size() > s.object().path("spec").path("replicas").asInt(1)) {
                    try {
                        sync(s.namespace(), s.name());
                    } catch (ApiException e) {
                        queue.add(key(s));
                    }
                }
            }
        } finally {
            syncingSibling = false;
        }
    }

    /** Pods of every ReplicaSet with the same controller as this one (getIndirectlyRelatedPods). */
    private List<Stored> relatedPods(Stored rs) {
        DependentsIndex.Owner owner = DependentsIndex.controllerOf(rs.object(), "Deployment");
        if (owner == null) {
            return ownedPods(rs);
        }
        List<Stored> out = new ArrayList<>();
        for (String sibling : List.copyOf(replicaSets.dependents(owner.uid()))) {
            Stored s = store.get(Kinds.REPLICA_SET, rs.namespace(), sibling);
            if (s != null) {
                out.addAll(ownedPods(s));
            }
        }
        return out;
    }

    /** controller.GetPodFromTemplate and RealPodControl.CreatePods. */
    private void createPod(Stored rs) {
        JsonNode template = rs.object().path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", rs.name() + "-");
        JsonNode tmeta = template.path("metadata");
        for (String field : List.of("labels", "annotations", "finalizers")) {
            JsonNode v = tmeta.get(field);
            if (v != null && !v.isNull() && !v.isEmpty()) {
                meta.set(field, v.deepCopy());
            }
        }
        meta.putArray("ownerReferences").add(controllerRef(rs, "ReplicaSet"));
        JsonNode spec = template.get("spec");
        pod.set("spec", spec == null ? Json.object() : spec.deepCopy());
        if (tmeta.path("labels").isEmpty()) {
            events.warning(rs, COMPONENT, "FailedCreate", "Error creating: unable to create pods, no labels");
            throw new ApiException(500, "InternalError", "unable to create pods, no labels");
        }
        Stored created;
        try {
            created = store.create(Kinds.POD, rs.namespace(), pod, false);
        } catch (ApiException e) {
            events.warning(rs, COMPONENT, "FailedCreate", "Error creating: " + e.getMessage());
            throw e;
        }
        events.normal(rs, COMPONENT, "SuccessfulCreate", "Created pod: " + created.name());
    }

    static ObjectNode controllerRef(Stored owner, String kind) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.kind().apiVersion());
        ref.put("kind", kind);
        ref.put("name", owner.name());
        ref.put("uid", owner.uid());
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    private ObjectNode calculateStatus(Stored rs, List<Stored> active, ApiException manageError, Instant now) {
        JsonNode spec = rs.object().path("spec");
        JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
        int minReady = spec.path("minReadySeconds").asInt(0);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Stored p : active) {
            JsonNode labels = p.object().path("metadata").path("labels");
            if (hasAllLabels(templateLabels, labels)) {
                fullyLabeled++;
            }
            if (Pods.isReady(p.object())) {
                ready++;
                if (Pods.isAvailable(p.object(), minReady, now)) {
                    available++;
                }
            }
        }
        ObjectNode status = Json.object();
        status.put("replicas", active.size());
        putIfPositive(status, "fullyLabeledReplicas", fullyLabeled);
        putIfPositive(status, "readyReplicas", ready);
        putIfPositive(status, "availableReplicas", available);
        long generation = rs.object().path("metadata").path("generation").asLong(0);
        if (generation > 0) {
            status.put("observedGeneration", generation);
        }
        ArrayNode conditions = Json.NODES.arrayNode();
        JsonNode failure = null;
        for (JsonNode c : rs.object().path("status").path("conditions")) {
            if (c.path("type").asString().equals("ReplicaFailure")) {
                failure = c;
            } else {
                conditions.add(c.deepCopy());
            }
        }
        if (manageError != null && failure == null) {
            int diff = active.size() - spec.path("replicas").asInt(1);
            ObjectNode c = conditions.addObject();
            c.put("type", "ReplicaFailure");
            c.put("status", "True");
            c.put("lastTransitionTime", Json.time(now));
            c.put("reason", diff < 0 ? "FailedCreate" : "FailedDelete");
            c.put("message", manageError.getMessage());
        } else if (manageError != null) {
            conditions.add(failure.deepCopy());
        }
        if (!conditions.isEmpty()) {
            status.set("conditions", conditions);
        }
        return status;
    }

    private void updateStatus(Stored rs, ObjectNode status) {
        if (status.equals(rs.object().get("status"))) {
            return;
        }
        store.modify(Kinds.REPLICA_SET, rs.namespace(), rs.name(), cur -> {
            cur.set("status", status);
            Json.metadata(cur).remove("resourceVersion");
            return cur;
        }, true, false);
    }

    /** Queues the ReplicaSet again when its next ready pod becomes available (minReadySeconds on the sandbox clock). */
    private void scheduleAvailabilityCheck(Stored rs, List<Stored> active, Instant now) {
        int minReady = rs.object().path("spec").path("minReadySeconds").asInt(0);
        if (minReady <= 0) {
            return;
        }
        Instant next = null;
        for (Stored p : active) {
            Instant since = Pods.readySince(p.object());
            if (Pods.isReady(p.object()) && since != null && !Pods.isAvailable(p.object(), minReady, now)) {
                Instant at = since.plusSeconds(minReady).plusMillis(1);
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        if (next != null) {
            queue.addAfter(key(rs), Duration.between(now, next));
        }
    }

    private static void putIfPositive(ObjectNode n, String field, int value) {
        if (value > 0) {
            n.put(field, value);
        }
    }

    private static boolean hasAllLabels(JsonNode wanted, JsonNode labels) {
        for (var e : wanted.properties()) {
            JsonNode v = labels.get(e.getKey());
            if (v == null || !v.asString().equals(e.getValue().asString())) {
                return false;
            }
        }
        return true;
    }
}
