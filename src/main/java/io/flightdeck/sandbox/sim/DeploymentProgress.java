package io.flightdeck.sandbox.sim;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.flightdeck.sandbox.sim.DeploymentUtil.PROGRESSING;

/**
 * A port of pkg/controller/deployment/progress.go: the Progressing condition of a rollout (NewReplicaSetAvailable,
 * ReplicaSetUpdated while it makes progress, ProgressDeadlineExceeded once it has made none for
 * progressDeadlineSeconds), ReplicaFailure carried over from the ReplicaSets, and re-queueing a stuck rollout for
 * the moment its deadline falls due on the sandbox clock. Called on the Deployment controller's thread.
 */
final class DeploymentProgress {

    private final DeploymentSync sync;
    private final SandboxClock clock;
    private final WorkQueue queue;

    DeploymentProgress(DeploymentSync sync, SandboxClock clock, WorkQueue queue) {
        this.sync = sync;
        this.clock = clock;
        this.queue = queue;
    }

    /** syncRolloutStatus: the status with the Progressing condition of a rollout. */
    void syncRolloutStatus(List<RsView> allRSs, RsView newRS, DeploymentView d) {
        DeploymentStatus newStatus = sync.calculateStatus(allRSs, newRS, d);
        if (!DeploymentUtil.hasProgressDeadline(d)) {
            newStatus.remove(PROGRESSING);
        }
        DeploymentStatus.Condition currentCond = d.status.get(PROGRESSING);
        boolean isCompleteDeployment = newStatus.replicas == newStatus.updatedReplicas && currentCond != null
                && currentCond.reason.equals(DeploymentUtil.NEW_RS_AVAILABLE);
        if (DeploymentUtil.hasProgressDeadline(d) && !isCompleteDeployment) {
            String subject = newRS != null ? "ReplicaSet \"" + newRS.name() + "\"" : "Deployment \"" + d.name + "\"";
            if (DeploymentUtil.deploymentComplete(d, newStatus)) {
                newStatus.set(DeploymentStatus.condition(PROGRESSING, "True", DeploymentUtil.NEW_RS_AVAILABLE,
                        subject + " has successfully progressed.", sync.now()));
            } else if (DeploymentUtil.deploymentProgressing(d, newStatus)) {
                DeploymentStatus.Condition c = DeploymentStatus.condition(PROGRESSING, "True",
                        DeploymentUtil.REPLICA_SET_UPDATED, subject + " is progressing.", sync.now());
                if (currentCond != null) {
                    if (currentCond.status.equals("True")) {
                        c.lastTransitionTime = currentCond.lastTransitionTime;
                    }
                    newStatus.remove(PROGRESSING);
                }
                newStatus.set(c);
            } else if (DeploymentUtil.deploymentTimedOut(d, newStatus, clock.now())) {
                newStatus.set(DeploymentStatus.condition(PROGRESSING, "False", DeploymentUtil.TIMED_OUT,
                        subject + " has timed out progressing.", sync.now()));
            }
        }
        List<DeploymentStatus.Condition> failures = replicaFailures(allRSs, newRS);
        if (!failures.isEmpty()) {
            newStatus.set(failures.get(0));
        } else {
            newStatus.remove(DeploymentUtil.REPLICA_FAILURE);
        }
        if (d.status.sameAs(newStatus)) {
            requeueStuckDeployment(d, newStatus);
            return;
        }
        d.status = newStatus;
        sync.updateStatus(d);
    }

    private List<DeploymentStatus.Condition> replicaFailures(List<RsView> allRSs, RsView newRS) {
        List<DeploymentStatus.Condition> out = new ArrayList<>();
        if (newRS != null) {
            addFailures(newRS, out);
        }
        if (!out.isEmpty()) {
            return out;
        }
        for (RsView rs : allRSs) {
            addFailures(rs, out);
        }
        return out;
    }

    private static void addFailures(RsView rs, List<DeploymentStatus.Condition> out) {
        for (JsonNode c : rs.obj().path("status").path("conditions")) {
            if (c.path("type").asString().equals(DeploymentUtil.REPLICA_FAILURE)) {
                DeploymentStatus.Condition k = DeploymentStatus.condition(DeploymentUtil.REPLICA_FAILURE,
                        c.path("status").asString(), c.path("reason").asString(), c.path("message").asString(),
                        c.path("lastTransitionTime").asString());
                out.add(k);
            }
        }
    }

    /** Queues the Deployment again for when its progress deadline falls due, if it is still rolling out. */
    private void requeueStuckDeployment(DeploymentView d, DeploymentStatus newStatus) {
        DeploymentStatus.Condition current = d.status.get(PROGRESSING);
        if (!DeploymentUtil.hasProgressDeadline(d) || current == null) {
            return;
        }
        if (DeploymentUtil.deploymentComplete(d, newStatus) || current.reason.equals(DeploymentUtil.TIMED_OUT)) {
            return;
        }
        Instant lastUpdate = Pods.time(current.lastUpdateTime);
        if (lastUpdate == null) {
            return;
        }
        Duration after = Duration.between(clock.now(), lastUpdate.plusSeconds(d.progressDeadlineSeconds));
        Duration delay = (after.isNegative() ? Duration.ZERO : after).plusSeconds(1);
        queue.addAfter(d.namespace + "/" + d.name, delay);
    }
}
