package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.flightdeck.sandbox.sim.DeploymentUtil.PROGRESSING;

/**
 * A port of pkg/controller/deployment/sync.go: finding or creating the new ReplicaSet with its revision, scaling
 * (proportionally in the middle of a rollout), cleaning up old ReplicaSets beyond revisionHistoryLimit, the paused
 * conditions, and the status with its Available condition. Called on the Deployment controller's thread.
 */
final class DeploymentSync {

    static final String COMPONENT = "deployment-controller";
    private static final int MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

    private final ObjectStore store;
    private final SandboxClock clock;
    private final EventRecorder events;

    DeploymentSync(ObjectStore store, SandboxClock clock, EventRecorder events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    /** The new ReplicaSet (or null) and all the old ones. */
    record Sets(RsView newRS, List<RsView> oldRSs) {
        List<RsView> all() {
            List<RsView> all = new ArrayList<>(oldRSs);
            if (newRS != null) {
                all.add(newRS);
            }
            return all;
        }
    }

    String now() {
        return Json.time(clock.now());
    }

    void syncStatusOnly(DeploymentView d, List<RsView> rsList) {
        Sets s = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        syncDeploymentStatus(s.all(), s.newRS(), d);
    }

    /** Reconciles scaling events and paused Deployments. */
    void sync(DeploymentView d, List<RsView> rsList) {
        Sets s = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        scale(d, s.newRS(), new ArrayList<>(s.oldRSs()));
        if (d.paused) {
            cleanupDeployment(s.oldRSs(), d);
        }
        syncDeploymentStatus(s.all(), s.newRS(), d);
    }

    void checkPausedConditions(DeploymentView d) {
        if (!DeploymentUtil.hasProgressDeadline(d)) {
            return;
        }
        DeploymentStatus.Condition cond = d.status.get(PROGRESSING);
        if (cond != null && cond.reason.equals(DeploymentUtil.TIMED_OUT)) {
            return;
        }
        boolean pausedCondExists = cond != null && cond.reason.equals(DeploymentUtil.PAUSED);
        if (d.paused && !pausedCondExists) {
            d.status.set(DeploymentStatus.condition(PROGRESSING, "Unknown", DeploymentUtil.PAUSED,
                    "Deployment is paused", now()));
        } else if (!d.paused && pausedCondExists) {
            d.status.set(DeploymentStatus.condition(PROGRESSING, "Unknown", DeploymentUtil.RESUMED,
                    "Deployment is resumed", now()));
        } else {
            return;
        }
        updateStatus(d);
    }

    Sets getAllReplicaSetsAndSyncRevision(DeploymentView d, List<RsView> rsList, boolean createIfNotExisted) {
        List<RsView> allOld = DeploymentUtil.findOldReplicaSets(d, rsList);
        RsView newRS = getNewReplicaSet(d, rsList, allOld, createIfNotExisted);
        return new Sets(newRS, allOld);
    }

    private RsView getNewReplicaSet(DeploymentView d, List<RsView> rsList, List<RsView> oldRSs, boolean create) {
        RsView existing = DeploymentUtil.findNewReplicaSet(d, rsList);
        String newRevision = Long.toString(DeploymentUtil.maxRevision(oldRSs) + 1);
        if (existing != null) {
            ObjectNode rsCopy = existing.copy();
            boolean annotationsUpdated = DeploymentUtil.setNewReplicaSetAnnotations(d, rsCopy, newRevision, true,
                    MAX_REV_HISTORY_LENGTH_IN_CHARS);
            boolean minReadyNeedsUpdate = existing.minReadySeconds() != d.minReadySeconds;
            if (annotationsUpdated || minReadyNeedsUpdate) {
                ObjectNode spec = Json.child(rsCopy, "spec");
                if (d.minReadySeconds == 0) {
                    spec.remove("minReadySeconds");
                } else {
                    spec.put("minReadySeconds", d.minReadySeconds);
                }
                existing.replaceWith(updateReplicaSet(rsCopy));
                return existing;
            }
            boolean needsUpdate = DeploymentUtil.setDeploymentRevision(d, existing.annotation(DeploymentUtil.REVISION));
            if (DeploymentUtil.hasProgressDeadline(d) && d.status.get(PROGRESSING) == null) {
                d.status.set(DeploymentStatus.condition(PROGRESSING, "True", DeploymentUtil.FOUND_NEW_RS,
                        "Found new replica set \"" + existing.name() + "\"", now()));
                needsUpdate = true;
            }
            if (needsUpdate) {
                updateStatus(d);
            }
            return existing;
        }
        if (!create) {
            return null;
        }
        ObjectNode template = d.template.isObject() ? (ObjectNode) d.template.deepCopy() : Json.object();
        String hash = TemplateHash.compute(template, d.status.collisionCount);
        Json.child(Json.metadata(template), "labels").put(DeploymentUtil.HASH_LABEL, hash);
        ObjectNode selector = d.selector.isObject() ? (ObjectNode) d.selector.deepCopy() : Json.object();
        Json.child(selector, "matchLabels").put(DeploymentUtil.HASH_LABEL, hash);

        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", d.name + "-" + hash);
        meta.put("namespace", d.namespace);
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        meta.putArray("ownerReferences").add(ReplicaSetController.controllerRef(d.stored(), "Deployment"));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", 0);
        if (d.minReadySeconds != 0) {
            spec.put("minReadySeconds", d.minReadySeconds);
        }
        spec.set("selector", selector);
        spec.set("template", template);
        List<RsView> allRSs = new ArrayList<>(oldRSs);
        int newReplicasCount = DeploymentUtil.newRSNewReplicas(d, allRSs, 0);
        spec.put("replicas", newReplicasCount);
        DeploymentUtil.setNewReplicaSetAnnotations(d, rs, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS);

        boolean alreadyExists = false;
        Stored created;
        try {
            created = store.create(Kinds.REPLICA_SET, d.namespace, rs, false);
        } catch (ApiException e) {
            if (e.code() == 409 && "AlreadyExists".equals(e.reason())) {
                alreadyExists = true;
                Stored current = store.get(Kinds.REPLICA_SET, d.namespace, d.name + "-" + hash);
                if (current == null) {
                    throw e;
                }
                DependentsIndex.Owner owner = DependentsIndex.controllerOf(current.object(), "Deployment");
                if (owner != null && owner.uid().equals(d.uid)
                        && DeploymentUtil.equalIgnoreHash(d.template, current.object().path("spec").path("template"))) {
                    created = current;
                } else {
                    d.status.collisionCount = d.status.collisionCount == null ? 1 : d.status.collisionCount + 1;
                    updateStatus(d);
                    throw e;
                }
            } else {
                String msg = "Failed to create new replica set \"" + d.name + "-" + hash + "\": " + e.getMessage();
                if (DeploymentUtil.hasProgressDeadline(d)) {
                    d.status.set(DeploymentStatus.condition(PROGRESSING, "False", DeploymentUtil.FAILED_RS_CREATE,
                            msg, now()));
                    try {
                        updateStatus(d);
                    } catch (ApiException ignored) {
                        // the bigger issue is reported below
                    }
                }
                events.warning(d.stored(), COMPONENT, DeploymentUtil.FAILED_RS_CREATE, msg);
                throw e;
            }
        }
        if (!alreadyExists && newReplicasCount > 0) {
            events.normal(d.stored(), COMPONENT, "ScalingReplicaSet",
                    "Scaled up replica set " + created.name() + " from 0 to " + newReplicasCount);
        }
        boolean needsUpdate = DeploymentUtil.setDeploymentRevision(d, newRevision);
        if (!alreadyExists && DeploymentUtil.hasProgressDeadline(d)) {
            d.status.set(DeploymentStatus.condition(PROGRESSING, "True", DeploymentUtil.NEW_REPLICA_SET,
                    "Created new replica set \"" + created.name() + "\"", now()));
            needsUpdate = true;
        }
        if (needsUpdate) {
            updateStatus(d);
        }
        return new RsView(created);
    }

    /** Scales proportionally in the middle of a rollout, so that neither version gains share by a scaling. */
    void scale(DeploymentView d, RsView newRS, List<RsView> oldRSs) {
        RsView activeOrLatest = DeploymentUtil.findActiveOrLatest(newRS, oldRSs);
        if (activeOrLatest != null) {
            if (activeOrLatest.replicas() == d.replicas) {
                return;
            }
            scaleReplicaSetAndRecordEvent(activeOrLatest, d.replicas, d);
            return;
        }
        if (DeploymentUtil.isSaturated(d, newRS)) {
            for (RsView old : DeploymentUtil.filterActive(oldRSs)) {
                scaleReplicaSetAndRecordEvent(old, 0, d);
            }
            return;
        }
        if (!DeploymentUtil.isRollingUpdate(d)) {
            return;
        }
        List<RsView> all = new ArrayList<>(oldRSs);
        if (newRS != null) {
            all.add(newRS);
        }
        List<RsView> allRSs = DeploymentUtil.filterActive(all);
        int allReplicas = DeploymentUtil.replicaCount(allRSs);
        int allowedSize = d.replicas > 0 ? d.replicas + DeploymentUtil.maxSurge(d) : 0;
        int toAdd = allowedSize - allReplicas;
        String operation = "";
        if (toAdd > 0) {
            allRSs.sort(RsView.BY_SIZE_NEWER);
            operation = "up";
        } else if (toAdd < 0) {
            allRSs.sort(RsView.BY_SIZE_OLDER);
            operation = "down";
        }
        int added = 0;
        Map<String, Integer> nameToSize = new HashMap<>();
        for (RsView rs : allRSs) {
            if (toAdd != 0) {
                int proportion = DeploymentUtil.proportion(rs, d, toAdd, added);
                nameToSize.put(rs.name(), rs.replicas() + proportion);
                added += proportion;
            } else {
                nameToSize.put(rs.name(), rs.replicas());
            }
        }
        for (int i = 0; i < allRSs.size(); i++) {
            RsView rs = allRSs.get(i);
            if (i == 0 && toAdd != 0) {
                int leftover = toAdd - added;
                nameToSize.put(rs.name(), Math.max(0, nameToSize.get(rs.name()) + leftover));
            }
            scaleReplicaSet(rs, nameToSize.get(rs.name()), d, operation);
        }
    }

    boolean scaleReplicaSetAndRecordEvent(RsView rs, int newScale, DeploymentView d) {
        if (rs.replicas() == newScale) {
            return false;
        }
        return scaleReplicaSet(rs, newScale, d, rs.replicas() < newScale ? "up" : "down");
    }

    private boolean scaleReplicaSet(RsView rs, int newScale, DeploymentView d, String operation) {
        boolean sizeNeedsUpdate = rs.replicas() != newScale;
        int max = d.replicas + DeploymentUtil.maxSurge(d);
        boolean annotationsNeedUpdate = DeploymentUtil.replicasAnnotationsNeedUpdate(rs, d.replicas, max);
        if (!sizeNeedsUpdate && !annotationsNeedUpdate) {
            return false;
        }
        int oldScale = rs.replicas();
        ObjectNode copy = rs.copy();
        Json.child(copy, "spec").put("replicas", newScale);
        DeploymentUtil.setReplicasAnnotations(copy, d.replicas, max);
        rs.replaceWith(updateReplicaSet(copy));
        if (sizeNeedsUpdate) {
            events.normal(d.stored(), COMPONENT, "ScalingReplicaSet",
                    "Scaled " + operation + " replica set " + rs.name() + " from " + oldScale + " to " + newScale);
        }
        return sizeNeedsUpdate;
    }

    /** Deletes the oldest old ReplicaSets with no pods beyond revisionHistoryLimit. */
    void cleanupDeployment(List<RsView> oldRSs, DeploymentView d) {
        if (!DeploymentUtil.hasRevisionHistoryLimit(d)) {
            return;
        }
        List<RsView> cleanable = new ArrayList<>(oldRSs.stream().filter(rs -> !rs.deleting()).toList());
        int diff = cleanable.size() - d.revisionHistoryLimit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(RsView.BY_REVISION);
        for (int i = 0; i < diff; i++) {
            RsView rs = cleanable.get(i);
            if (rs.statusReplicas() != 0 || rs.replicas() != 0 || rs.generation() > rs.observedGeneration()
                    || rs.deleting()) {
                continue;
            }
            try {
                store.delete(Kinds.REPLICA_SET, rs.namespace(), rs.name(), DeleteOptions.DEFAULT);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    void syncDeploymentStatus(List<RsView> allRSs, RsView newRS, DeploymentView d) {
        DeploymentStatus newStatus = calculateStatus(allRSs, newRS, d);
        if (d.status.sameAs(newStatus)) {
            return;
        }
        d.status = newStatus;
        updateStatus(d);
    }

    DeploymentStatus calculateStatus(List<RsView> allRSs, RsView newRS, DeploymentView d) {
        int available = DeploymentUtil.availableReplicaCount(allRSs);
        int total = DeploymentUtil.replicaCount(allRSs);
        DeploymentStatus s = new DeploymentStatus();
        s.observedGeneration = d.generation;
        s.replicas = DeploymentUtil.actualReplicaCount(allRSs);
        s.updatedReplicas = newRS == null ? 0 : newRS.statusReplicas();
        s.readyReplicas = DeploymentUtil.readyReplicaCount(allRSs);
        s.availableReplicas = available;
        s.unavailableReplicas = Math.max(0, total - available);
        s.collisionCount = d.status.collisionCount;
        for (DeploymentStatus.Condition c : d.status.conditions) {
            s.conditions.add(c.copy());
        }
        if (available >= d.replicas - DeploymentUtil.maxUnavailable(d)) {
            s.set(DeploymentStatus.condition(DeploymentUtil.AVAILABLE, "True", DeploymentUtil.MIN_AVAILABLE,
                    "Deployment has minimum availability.", now()));
        } else {
            s.set(DeploymentStatus.condition(DeploymentUtil.AVAILABLE, "False", DeploymentUtil.MIN_UNAVAILABLE,
                    "Deployment does not have minimum availability.", now()));
        }
        return s;
    }

    /** isScalingEvent: an active set was sized for another replica count than the Deployment's. */
    boolean isScalingEvent(DeploymentView d, List<RsView> rsList) {
        Sets s = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        for (RsView rs : DeploymentUtil.filterActive(s.all())) {
            Integer desired = DeploymentUtil.intAnnotation(rs, DeploymentUtil.DESIRED_REPLICAS);
            if (desired != null && desired != d.replicas) {
                return true;
            }
        }
        return false;
    }

    private Stored updateReplicaSet(ObjectNode rs) {
        return store.update(Kinds.REPLICA_SET, rs.path("metadata").path("namespace").asString(),
                rs.path("metadata").path("name").asString(), rs, false, false);
    }

    void updateStatus(DeploymentView d) {
        d.written(store.update(Kinds.DEPLOYMENT, d.namespace, d.name, d.obj().deepCopy(), true, false));
    }
}
