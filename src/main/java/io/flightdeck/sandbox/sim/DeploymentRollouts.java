package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.store.Stored;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A port of pkg/controller/deployment/rolling.go and recreate.go: a rolling update scales the new ReplicaSet up within
 * maxSurge and the old ones down within maxUnavailable (unhealthy replicas first); a Recreate rollout scales every old
 * ReplicaSet to zero and waits for their pods to be gone before it creates and scales up the new one. Called on the
 * Deployment controller's thread.
 */
final class DeploymentRollouts {

    private final DeploymentSync sync;
    private final DeploymentProgress progress;

    DeploymentRollouts(DeploymentSync sync, DeploymentProgress progress) {
        this.sync = sync;
        this.progress = progress;
    }

    void rolloutRolling(DeploymentView d, List<RsView> rsList) {
        DeploymentSync.Sets s = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
        RsView newRS = s.newRS();
        List<RsView> oldRSs = s.oldRSs();
        List<RsView> allRSs = s.all();
        if (reconcileNewReplicaSet(allRSs, newRS, d)) {
            progress.syncRolloutStatus(allRSs, newRS, d);
            return;
        }
        if (reconcileOldReplicaSets(allRSs, DeploymentUtil.filterActive(oldRSs), newRS, d)) {
            progress.syncRolloutStatus(allRSs, newRS, d);
            return;
        }
        if (DeploymentUtil.deploymentComplete(d, d.status)) {
            sync.cleanupDeployment(oldRSs, d);
        }
        progress.syncRolloutStatus(allRSs, newRS, d);
    }

    private boolean reconcileNewReplicaSet(List<RsView> allRSs, RsView newRS, DeploymentView d) {
        if (newRS.replicas() == d.replicas) {
            return false;
        }
        if (newRS.replicas() > d.replicas) {
            return sync.scaleReplicaSetAndRecordEvent(newRS, d.replicas, d);
        }
        int newReplicasCount = DeploymentUtil.newRSNewReplicas(d, allRSs, newRS.replicas());
        return sync.scaleReplicaSetAndRecordEvent(newRS, newReplicasCount, d);
    }

    private boolean reconcileOldReplicaSets(List<RsView> allRSs, List<RsView> oldRSs, RsView newRS,
                                            DeploymentView d) {
        int oldPodsCount = DeploymentUtil.replicaCount(oldRSs);
        if (oldPodsCount == 0) {
            return false;
        }
        int allPodsCount = DeploymentUtil.replicaCount(allRSs);
        int maxUnavailable = DeploymentUtil.maxUnavailable(d);
        int minAvailable = d.replicas - maxUnavailable;
        int newRSUnavailablePodCount = newRS.replicas() - newRS.availableReplicas();
        int maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleanupCount;
        try {
            cleanupCount = cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
        } catch (IllegalStateException e) {
            return false;
        }
        List<RsView> all = new ArrayList<>(oldRSs);
        all.add(newRS);
        int scaledDownCount;
        try {
            scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(all, oldRSs, d);
        } catch (IllegalStateException e) {
            return false;
        }
        return cleanupCount + scaledDownCount > 0;
    }

    /** Scales old sets down by their unhealthy replicas first, which cannot make availability worse. */
    private int cleanupUnhealthyReplicas(List<RsView> oldRSs, DeploymentView d, int maxCleanupCount) {
        oldRSs.sort(RsView.BY_CREATION);
        int totalScaledDown = 0;
        for (RsView target : oldRSs) {
            if (totalScaledDown >= maxCleanupCount) {
                break;
            }
            if (target.replicas() == 0 || target.replicas() == target.availableReplicas()) {
                continue;
            }
            int scaledDownCount = Math.min(maxCleanupCount - totalScaledDown,
                    target.replicas() - target.availableReplicas());
            int newReplicasCount = target.replicas() - scaledDownCount;
            if (newReplicasCount > target.replicas()) {
                throw new IllegalStateException("when cleaning up unhealthy replicas, got invalid request to scale "
                        + "down " + target.namespace() + "/" + target.name() + " " + target.replicas() + " -> "
                        + newReplicasCount);
            }
            sync.scaleReplicaSetAndRecordEvent(target, newReplicasCount, d);
            totalScaledDown += scaledDownCount;
        }
        return totalScaledDown;
    }

    /** Scales old sets down, oldest first, as far as maxUnavailable allows. */
    private int scaleDownOldReplicaSetsForRollingUpdate(List<RsView> allRSs, List<RsView> oldRSs,
                                                        DeploymentView d) {
        int minAvailable = d.replicas - DeploymentUtil.maxUnavailable(d);
        int availablePodCount = DeploymentUtil.availableReplicaCount(allRSs);
        if (availablePodCount <= minAvailable) {
            return 0;
        }
        oldRSs.sort(RsView.BY_CREATION);
        int totalScaledDown = 0;
        int totalScaleDownCount = availablePodCount - minAvailable;
        for (RsView target : oldRSs) {
            if (totalScaledDown >= totalScaleDownCount) {
                break;
            }
            if (target.replicas() == 0) {
                continue;
            }
            int scaleDownCount = Math.min(target.replicas(), totalScaleDownCount - totalScaledDown);
            int newReplicasCount = target.replicas() - scaleDownCount;
            if (newReplicasCount > target.replicas()) {
                throw new IllegalStateException("when scaling down old RS, got invalid request to scale down "
                        + target.namespace() + "/" + target.name() + " " + target.replicas() + " -> "
                        + newReplicasCount);
            }
            sync.scaleReplicaSetAndRecordEvent(target, newReplicasCount, d);
            totalScaledDown += scaleDownCount;
        }
        return totalScaledDown;
    }

    void rolloutRecreate(DeploymentView d, List<RsView> rsList, Map<String, List<Stored>> podMap) {
        DeploymentSync.Sets s = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);
        RsView newRS = s.newRS();
        List<RsView> oldRSs = s.oldRSs();
        List<RsView> allRSs = s.all();
        if (scaleDownOldReplicaSetsForRecreate(DeploymentUtil.filterActive(oldRSs), d)) {
            progress.syncRolloutStatus(allRSs, newRS, d);
            return;
        }
        if (oldPodsRunning(newRS, oldRSs, podMap)) {
            progress.syncRolloutStatus(allRSs, newRS, d);
            return;
        }
        if (newRS == null) {
            s = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
            newRS = s.newRS();
            oldRSs = s.oldRSs();
            allRSs = s.all();
        }
        sync.scaleReplicaSetAndRecordEvent(newRS, d.replicas, d);
        if (DeploymentUtil.deploymentComplete(d, d.status)) {
            sync.cleanupDeployment(oldRSs, d);
        }
        progress.syncRolloutStatus(allRSs, newRS, d);
    }

    private boolean scaleDownOldReplicaSetsForRecreate(List<RsView> oldRSs, DeploymentView d) {
        boolean scaled = false;
        for (RsView rs : oldRSs) {
            if (rs.replicas() == 0) {
                continue;
            }
            if (sync.scaleReplicaSetAndRecordEvent(rs, 0, d)) {
                scaled = true;
            }
        }
        return scaled;
    }

    /** Old pods still exist (terminating ones included) unless they have finished. */
    private static boolean oldPodsRunning(RsView newRS, List<RsView> oldRSs, Map<String, List<Stored>> podMap) {
        if (DeploymentUtil.actualReplicaCount(oldRSs) > 0) {
            return true;
        }
        for (Map.Entry<String, List<Stored>> e : podMap.entrySet()) {
            if (newRS != null && newRS.uid().equals(e.getKey())) {
                continue;
            }
            for (Stored pod : e.getValue()) {
                String phase = pod.object().path("status").path("phase").asString();
                if (!phase.equals("Failed") && !phase.equals("Succeeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
