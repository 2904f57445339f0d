package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentRollingUpdateTest {

    private final Sandbox sandbox = new Sandbox(1.0);

    @AfterEach
    void close() {
        sandbox.close();
    }

    /**
     * Watches every pod change and checks, at each one, the bounds maxSurge and maxUnavailable promise: never more than
     * replicas + maxSurge pods that are not terminating, never fewer than replicas - maxUnavailable available ones.
     */
    private static final class Bounds implements WatchSink {
        final Map<String, Stored> pods = new HashMap<>();
        final List<String> violations = new ArrayList<>();
        final int maxPods;
        final int minAvailable;
        boolean armed;
        int changes;
        int maxSeen;
        int minAvailableSeen = Integer.MAX_VALUE;

        Bounds(int maxPods, int minAvailable) {
            this.maxPods = maxPods;
            this.minAvailable = minAvailable;
        }

        @Override
        public synchronized boolean offer(String type, Stored pod) {
            if (type.equals("DELETED")) {
                pods.remove(pod.name());
            } else {
                pods.put(pod.name(), pod);
            }
            if (!armed) {
                return true;
            }
            changes++;
            int live = 0;
            int available = 0;
            for (Stored p : pods.values()) {
                if (!Pods.isTerminating(p.object())) {
                    live++;
                    if (Pods.isReady(p.object())) {
                        available++;
                    }
                }
            }
            maxSeen = Math.max(maxSeen, live);
            minAvailableSeen = Math.min(minAvailableSeen, available);
            if (live > maxPods) {
                violations.add("rv " + pod.resourceVersion() + ": " + live + " pods not terminating");
            }
            if (available < minAvailable) {
                violations.add("rv " + pod.resourceVersion() + ": only " + available + " available");
            }
            return true;
        }

        @Override
        public void closed(String reason) {
        }
    }

    @Test
    void rollingUpdateStaysWithinSurgeAndUnavailabilityAndCompletes() {
        sandbox.create(Sandbox.deployment("web", 10, "shop/web:1.0"));
        sandbox.awaitComplete("web");
        String oldRs = sandbox.replicaSet("web", "shop/web:1.0").name();

        Bounds bounds = new Bounds(13, 7);
        Watch watch = sandbox.store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0,
                bounds);
        synchronized (bounds) {
            bounds.armed = true;
        }
        try {
            sandbox.setImage("web", "shop/web:1.1");
            sandbox.awaitComplete("web");
        } finally {
            watch.close();
        }
        synchronized (bounds) {
            assertEquals(List.of(), bounds.violations, "bounds broken");
            assertTrue(bounds.changes > 30, "the rollout was watched: " + bounds.changes + " changes");
            assertEquals(13, bounds.maxSeen, "the rollout used its surge");
        }
        List<Stored> sets = sandbox.replicaSets("web");
        assertEquals(2, sets.size());
        Stored newRs = sets.stream().filter(rs -> !rs.name().equals(oldRs)).findFirst().orElseThrow();
        String hash = newRs.object().path("metadata").path("labels").path("pod-template-hash").asString();
        assertEquals("web-" + hash, newRs.name());
        assertEquals(10, hash.length());
        for (Stored pod : sandbox.pods("web")) {
            assertEquals(hash, pod.object().path("metadata").path("labels").path("pod-template-hash").asString());
            assertEquals("shop/web:1.1", pod.object().path("spec").path("containers").path(0).path("image")
                    .asString());
            assertTrue(pod.name().startsWith(newRs.name() + "-"), pod.name());
        }
        Stored d = sandbox.deployment("web");
        assertEquals("2", d.object().path("metadata").path("annotations").path("deployment.kubernetes.io/revision")
                .asString());
        assertEquals("ReplicaSet \"" + newRs.name() + "\" has successfully progressed.",
                Sandbox.condition(d, "Progressing").path("message").asString());
        assertEquals("MinimumReplicasAvailable", Sandbox.condition(d, "Available").path("reason").asString());
        assertEquals(0, sandbox.replicaSet("web", "shop/web:1.0").object().path("spec").path("replicas").asInt());
        List<String> events = sandbox.eventMessages("web");
        assertTrue(events.contains("Scaled up replica set " + newRs.name() + " from 0 to 3"), events.toString());
        assertTrue(events.contains("Scaled down replica set " + oldRs + " from 10 to 8"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("Scaled down replica set " + oldRs + " from \\d+ to 0")),
                events.toString());
    }
}
