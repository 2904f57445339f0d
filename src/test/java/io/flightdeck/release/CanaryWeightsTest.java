package io.flightdeck.release;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Canary replica counts rounded as Argo Rollouts rounds them (utils/replicaset/canary.go). */
class CanaryWeightsTest {

    private static void counts(int replicas, int weight, int canary, int stable) {
        assertEquals(canary, CanaryWeights.canaryReplicas(replicas, weight), "canary of " + replicas + " at " + weight);
        assertEquals(stable, CanaryWeights.stableReplicas(replicas, weight), "stable of " + replicas + " at " + weight);
    }

    @Test
    void bothSidesRoundUpSoNeitherDropsToZeroBetweenZeroAndHundred() {
        counts(10, 10, 1, 9);
        counts(10, 30, 3, 7);
        counts(10, 5, 1, 10);
        counts(1, 5, 1, 1);
        counts(1, 95, 1, 1);
        counts(4, 25, 1, 3);
        counts(3, 20, 1, 3);
        counts(3, 50, 2, 2);
        counts(8, 0, 0, 8);
        counts(8, 100, 8, 0);
    }

    @Test
    void withTrafficRoutingTheStableKeepsEveryReplica() {
        assertEquals(5, CanaryWeights.stableReplicasWithRouting(5));
    }
}
