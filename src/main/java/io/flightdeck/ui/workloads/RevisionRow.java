package io.flightdeck.ui.workloads;

/**
 * One revision as the revisions table shows it: number, ReplicaSet, pod-template-hash, image and its tag, replica
 * counts, age, and whether it is the Deployment's current (newest) revision. Immutable.
 */
public record RevisionRow(long number, String replicaSet, String hash, String image, String tag, int desired,
                          int current, int ready, int available, String age, boolean newest) {

    /** "current/desired" as kubectl's READY column for ReplicaSets is read: ready of desired. */
    public String readyText() {
        return ready + "/" + desired;
    }
}
