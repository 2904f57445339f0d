package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go): for each Deployment, its
 * ReplicaSets (one per template, named {@code <deployment>-<pod-template-hash>}) are scaled by the rolling or
 * Recreate strategy, scaled proportionally on a scaling event, left alone but scalable while paused, cleaned up beyond
 * revisionHistoryLimit, and summed up in the status with Progressing and Available conditions. A ReplicaSet's change
 * queues only its owner; a Deployment's progress deadline is re-checked when it falls due. Runs on its own thread,
 * "sandbox-deployment-controller".
 */
public final class DeploymentController extends ControllerLoop {

    private final DependentsIndex replicaSets = new DependentsIndex("Deployment");
    private final DependentsIndex pods = new DependentsIndex("ReplicaSet");
    private final DeploymentSync deployments;
    private final DeploymentRollouts rollouts;

    public DeploymentController(ObjectStore store, SandboxClock clock, EventRecorder events) {
        super("sandbox-deployment-controller", store, clock, events);
        this.deployments = new DeploymentSync(store, clock, events);
        this.rollouts = new DeploymentRollouts(deployments, new DeploymentProgress(deployments, clock, queue));
    }

    @Override
    protected void openWatches() {
        watch(Kinds.DEPLOYMENT, (type, d) -> {
            if (!type.equals("DELETED")) {
                queue.add(key(d));
            }
        });
        watch(Kinds.REPLICA_SET, (type, rs) -> {
            DependentsIndex.Owner before = replicaSets.apply(type, rs);
            DependentsIndex.Owner now = type.equals("DELETED") ? null
                    : DependentsIndex.controllerOf(rs.object(), "Deployment");
            if (now != null) {
                queue.add(rs.namespace() + "/" + now.name());
            }
            if (before != null) {
                queue.add(rs.namespace() + "/" + before.name());
            }
        });
        watch(Kinds.POD, (type, pod) -> {
            DependentsIndex.Owner before = pods.apply(type, pod);
            if (type.equals("DELETED") && before != null) {
                podDeleted(pod.namespace(), before.name());
            }
        });
    }

    /** A Recreate rollout waits for the old pods to be gone: their deletion queues the Deployment. */
    private void podDeleted(String namespace, String rsName) {
        Stored rs = store.get(Kinds.REPLICA_SET, namespace, rsName);
        DependentsIndex.Owner owner = rs == null ? null : DependentsIndex.controllerOf(rs.object(), "Deployment");
        if (owner == null) {
            return;
        }
        Stored d = store.get(Kinds.DEPLOYMENT, namespace, owner.name());
        if (d != null && d.object().path("spec").path("strategy").path("type").asString().equals("Recreate")) {
            queue.add(namespace + "/" + owner.name());
        }
    }

    @Override
    protected void resetIndexes() {
        replicaSets.clear();
        pods.clear();
    }

    @Override
    protected Iterable<String> resyncKeys() {
        List<String> keys = new ArrayList<>();
        for (Stored d : store.all(Kinds.DEPLOYMENT, null)) {
            keys.add(key(d));
        }
        return keys;
    }

    /** syncDeployment. */
    @Override
    protected void sync(String namespace, String name) {
        Stored stored = store.get(Kinds.DEPLOYMENT, namespace, name);
        if (stored == null) {
            return;
        }
        DeploymentView d = new DeploymentView(stored);
        List<RsView> rsList = replicaSetsOf(d);
        if (d.deleting()) {
            deployments.syncStatusOnly(d, rsList);
            return;
        }
        deployments.checkPausedConditions(d);
        if (d.paused) {
            deployments.sync(d, rsList);
            return;
        }
        if (deployments.isScalingEvent(d, rsList)) {
            deployments.sync(d, rsList);
            return;
        }
        if (d.strategyType.equals("Recreate")) {
            rollouts.rolloutRecreate(d, rsList, podMap(rsList));
        } else {
            rollouts.rolloutRolling(d, rsList);
        }
    }

    private List<RsView> replicaSetsOf(DeploymentView d) {
        List<RsView> out = new ArrayList<>();
        for (String rsName : List.copyOf(replicaSets.dependents(d.uid))) {
            Stored rs = store.get(Kinds.REPLICA_SET, d.namespace, rsName);
            DependentsIndex.Owner owner = rs == null ? null : DependentsIndex.controllerOf(rs.object(), "Deployment");
            if (owner != null && owner.uid().equals(d.uid)) {
                out.add(new RsView(rs));
            }
        }
        return out;
    }

    /** The pods of each ReplicaSet, by the ReplicaSet's uid (getPodMapForDeployment). */
    private Map<String, List<Stored>> podMap(List<RsView> rsList) {
        Map<String, List<Stored>> map = new HashMap<>();
        for (RsView rs : rsList) {
            List<Stored> list = new ArrayList<>();
            for (String podName : List.copyOf(pods.dependents(rs.uid()))) {
                Stored p = store.get(Kinds.POD, rs.namespace(), podName);
                if (p != null) {
                    list.add(p);
                }
            }
            map.put(rs.uid(), list);
        }
        return map;
    }
}
