package io.flightdeck.release;

/**
 * Replica counts for a canary weight, rounded as Argo Rollouts rounds them (utils/replicaset/canary.go): the canary
 * gets ceil(replicas * weight / 100) and the stable ceil(replicas * (1 - weight / 100)), both in float64 arithmetic,
 * so that neither drops to zero while the weight is strictly between 0 and 100; with traffic routing the stable keeps
 * all its replicas. Stateless.
 */
public final class CanaryWeights {

    private CanaryWeights() {
    }

    public static int canaryReplicas(int replicas, int weight) {
        return (int) Math.ceil(replicas * (weight / 100.0));
    }

    public static int stableReplicas(int replicas, int weight) {
        return (int) Math.ceil(replicas * (1 - (weight / 100.0)));
    }

    /** The stable count when an HTTPRoute splits the traffic: Argo leaves the stable fully scaled. */
    public static int stableReplicasWithRouting(int replicas) {
        return replicas;
    }
}
