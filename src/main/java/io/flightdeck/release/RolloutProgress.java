package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * A Deployment's rollout progress read from its status, the way {@code kubectl rollout status} reads it: whether the
 * controller has seen the latest spec (observedGeneration), desired, updated, ready and available replicas, all
 * replicas still running (old ones included), and a Progressing condition with reason ProgressDeadlineExceeded.
 * Immutable.
 */
public record RolloutProgress(boolean observed, int desired, int updated, int ready, int available, int total,
                              boolean paused, String deadlineExceeded) {

    public static RolloutProgress of(Deployment d) {
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observedGeneration = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        String exceeded = null;
        if (s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    exceeded = c.getMessage() == null ? "ProgressDeadlineExceeded" : c.getMessage();
                }
            }
        }
        return new RolloutProgress(observedGeneration >= generation, desired, n(s.getUpdatedReplicas()),
                n(s.getReadyReplicas()), n(s.getAvailableReplicas()), n(s.getReplicas()),
                Boolean.TRUE.equals(d.getSpec().getPaused()), exceeded);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** Every replica runs the latest template and is available, and no old replica is left. */
    public boolean complete() {
        return observed && updated == desired && total == desired && available == desired;
    }

    /** What the rollout waits for, in kubectl's words. */
    public String waitingFor() {
        if (!observed) {
            return "waiting for the Deployment spec update to be observed";
        }
        if (updated < desired) {
            return updated + " of " + desired + " new replicas have been updated";
        }
        if (total > updated) {
            return (total - updated) + " old replicas are pending termination";
        }
        if (available < updated) {
            return available + " of " + updated + " updated replicas are available";
        }
        return "rolled out";
    }
}
