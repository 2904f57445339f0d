package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Sandbox sandbox;

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Sandbox sandbox(double speed) {
        sandbox = new Sandbox(speed);
        return sandbox;
    }

    private static String revision(Stored o) {
        return o.object().path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asString();
    }

    private static int specReplicas(Stored rs) {
        return rs.object().path("spec").path("replicas").asInt();
    }

    private static String reason(Stored d, String type) {
        JsonNode c = Sandbox.condition(d, type);
        return c == null ? null : c.path("reason").asString();
    }

    @Test
    void createdDeploymentGetsReplicaSetPodsAndStatus() {
        Sandbox s = sandbox(1.0);
        ObjectNode d = Sandbox.deployment("cart", 3, "shop/cart:1.0");
        Json.metadata(d).putObject("annotations").put("kubernetes.io/change-cause", "first release")
                .put("kubectl.kubernetes.io/last-applied-configuration", "{}");
        s.create(d);
        s.awaitComplete("cart");
        Stored dep = s.deployment("cart");
        Stored rs = s.replicaSets("cart").get(0);
        JsonNode meta = rs.object().path("metadata");
        assertEquals("1", revision(dep));
        assertEquals("1", revision(rs));
        assertEquals("3", meta.path("annotations").path("deployment.kubernetes.io/desired-replicas").asString());
        assertEquals("4", meta.path("annotations").path("deployment.kubernetes.io/max-replicas").asString());
        assertEquals("first release", meta.path("annotations").path("kubernetes.io/change-cause").asString());
        assertFalse(meta.path("annotations").has("kubectl.kubernetes.io/last-applied-configuration"));
        JsonNode ref = meta.path("ownerReferences").path(0);
        assertEquals("Deployment", ref.path("kind").asString());
        assertEquals("cart", ref.path("name").asString());
        assertEquals(dep.uid(), ref.path("uid").asString());
        assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean());
        String hash = meta.path("labels").path("pod-template-hash").asString();
        assertEquals(hash, rs.object().path("spec").path("selector").path("matchLabels").path("pod-template-hash")
                .asString());
        JsonNode st = dep.object().path("status");
        assertEquals(dep.object().path("metadata").path("generation").asLong(), st.path("observedGeneration").asLong());
        assertEquals(3, st.path("readyReplicas").asInt());
        assertFalse(st.has("unavailableReplicas"), "zero counts are omitted");
        assertEquals("MinimumReplicasAvailable", reason(dep, "Available"));
        assertEquals(List.of("Scaled up replica set " + rs.name() + " from 0 to 3"), s.eventMessages("cart"));
        List<String> rsEvents = s.eventMessages(rs.name());
        assertEquals(3, rsEvents.stream().filter(e -> e.startsWith("Created pod: " + rs.name() + "-")).count());
    }

    @Test
    void recreateRemovesEveryOldPodBeforeTheNewSetStarts() {
        Sandbox s = sandbox(1.0);
        ObjectNode d = Sandbox.deployment("pay", 3, "shop/pay:1.0");
        ((ObjectNode) d.get("spec")).putObject("strategy").put("type", "Recreate");
        s.create(d);
        s.awaitComplete("pay");
        String oldHash = s.replicaSets("pay").get(0).object().path("metadata").path("labels")
                .path("pod-template-hash").asString();
        List<String> violations = new ArrayList<>();
        Set<String> oldPods = new HashSet<>();
        for (Stored p : s.pods("pay")) {
            oldPods.add(p.name());
        }
        Watch watch = s.store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING,
                s.store.resourceVersion(), new WatchSink() {
                    @Override
                    public synchronized boolean offer(String type, Stored pod) {
                        if (type.equals("DELETED")) {
                            oldPods.remove(pod.name());
                        } else if (type.equals("ADDED") && !oldPods.isEmpty()) {
                            violations.add(pod.name() + " created while old pods exist: " + oldPods);
                        }
                        return true;
                    }

                    @Override
                    public void closed(String reason) {
                    }
                });
        try {
            s.setImage("pay", "shop/pay:2.0");
            s.awaitComplete("pay");
        } finally {
            watch.close();
        }
        synchronized (violations) {
            assertEquals(List.of(), violations);
        }
        assertEquals(2, s.replicaSets("pay").size());
        Stored old = s.replicaSet("pay", "shop/pay:1.0");
        Stored now = s.replicaSet("pay", "shop/pay:2.0");
        assertEquals(0, specReplicas(old));
        assertEquals(oldHash, old.object().path("metadata").path("labels").path("pod-template-hash").asString());
        List<String> events = s.eventMessages("pay");
        assertTrue(events.contains("Scaled down replica set " + old.name() + " from 3 to 0"), events.toString());
        assertTrue(events.contains("Scaled up replica set " + now.name() + " from 0 to 3"), events.toString());
    }

    @Test
    void pausedDeploymentScalesButDoesNotRollOutUntilResumed() {
        Sandbox s = sandbox(1.0);
        s.create(Sandbox.deployment("search", 4, "shop/search:1.0"));
        s.awaitComplete("search");
        s.modify("search", d -> {
            ((ObjectNode) d.get("spec")).put("paused", true);
            return d;
        });
        s.waiter.until("paused condition", () -> "DeploymentPaused".equals(reason(s.deployment("search"),
                "Progressing")), WAIT);
        Stored changed = s.setImage("search", "shop/search:2.0");
        s.waiter.until("generation observed", () -> s.deployment("search").object().path("status")
                .path("observedGeneration").asLong() == changed.object().path("metadata").path("generation").asLong(),
                WAIT);
        assertEquals(1, s.replicaSets("search").size(), "no rollout while paused");
        assertEquals("Unknown", Sandbox.condition(s.deployment("search"), "Progressing").path("status").asString());

        s.scale("search", 6);
        s.waiter.until("scaled while paused", () -> s.pods("search").size() == 6
                && s.deployment("search").object().path("status").path("availableReplicas").asInt() == 6, WAIT);
        assertEquals(1, s.replicaSets("search").size());
        assertEquals(6, specReplicas(s.replicaSets("search").get(0)));

        s.modify("search", d -> {
            ((ObjectNode) d.get("spec")).remove("paused");
            return d;
        });
        s.awaitComplete("search");
        assertEquals(2, s.replicaSets("search").size());
        assertEquals("2", revision(s.deployment("search")));
        for (Stored p : s.pods("search")) {
            assertEquals("shop/search:2.0", p.object().path("spec").path("containers").path(0).path("image")
                    .asString());
        }
    }

    @Test
    void scalingInTheMiddleOfARolloutIsProportional() {
        Sandbox s = sandbox(1.0);
        s.create(Sandbox.deployment("catalog", 10, "shop/catalog:1.0"));
        s.awaitComplete("catalog");
        s.setImage("catalog", "shop/catalog:2.0-noready");
        String oldImage = "shop/catalog:1.0";
        String newImage = "shop/catalog:2.0-noready";
        s.waiter.until("rollout stuck at 8 old + 5 new", () -> s.replicaSets("catalog").size() == 2
                && specReplicas(s.replicaSet("catalog", oldImage)) == 8
                && specReplicas(s.replicaSet("catalog", newImage)) == 5 && s.pods("catalog").size() == 13,
                WAIT, () -> s.describe("catalog"));
        s.scale("catalog", 20);
        s.waiter.until("proportional 15 old + 10 new", () -> specReplicas(s.replicaSet("catalog", oldImage)) == 15
                && specReplicas(s.replicaSet("catalog", newImage)) == 10, WAIT, () -> s.describe("catalog"));
        for (Stored rs : s.replicaSets("catalog")) {
            JsonNode ann = rs.object().path("metadata").path("annotations");
            assertEquals("20", ann.path("deployment.kubernetes.io/desired-replicas").asString());
            assertEquals("25", ann.path("deployment.kubernetes.io/max-replicas").asString());
        }
        String oldName = s.replicaSet("catalog", oldImage).name();
        String newName = s.replicaSet("catalog", newImage).name();
        s.waiter.until("scaling events", () -> s.eventMessages("catalog").containsAll(List.of(
                "Scaled up replica set " + oldName + " from 8 to 15",
                "Scaled up replica set " + newName + " from 5 to 10")), WAIT, () -> s.describe("catalog"));
    }

    @Test
    void rollbackReusesTheOldReplicaSetWithTheNextRevision() {
        Sandbox s = sandbox(1.0);
        s.create(Sandbox.deployment("front", 2, "shop/front:1.0"));
        s.awaitComplete("front");
        s.setImage("front", "shop/front:2.0");
        s.awaitComplete("front");
        s.setImage("front", "shop/front:1.0");
        s.awaitComplete("front");
        assertEquals(2, s.replicaSets("front").size(), "no third ReplicaSet");
        Stored first = s.replicaSet("front", "shop/front:1.0");
        Stored second = s.replicaSet("front", "shop/front:2.0");
        assertEquals("3", revision(first));
        assertEquals("1", first.object().path("metadata").path("annotations")
                .path("deployment.kubernetes.io/revision-history").asString());
        assertEquals(2, specReplicas(first));
        assertEquals("2", revision(second));
        assertEquals(0, specReplicas(second));
        assertEquals("3", revision(s.deployment("front")));

        s.setImage("front", "shop/front:2.0");
        s.awaitComplete("front");
        s.setImage("front", "shop/front:1.0");
        s.awaitComplete("front");
        assertEquals("1,3", s.replicaSet("front", "shop/front:1.0").object().path("metadata").path("annotations")
                .path("deployment.kubernetes.io/revision-history").asString());
        assertEquals("5", revision(s.deployment("front")));
    }

    @Test
    void rolloutUndoAsKubectlSendsItFindsTheOldReplicaSet() {
        Sandbox s = sandbox(1.0);
        s.create(Sandbox.deployment("shipping", 2, "shop/shipping:1.0"));
        s.awaitComplete("shipping");
        s.setImage("shipping", "shop/shipping:2.0");
        s.awaitComplete("shipping");
        // kubectl rollout undo: the old ReplicaSet's template without its hash label, as Go serializes it.
        ObjectNode template = (ObjectNode) s.replicaSet("shipping", "shop/shipping:1.0").object().path("spec")
                .path("template").deepCopy();
        ObjectNode meta = (ObjectNode) template.get("metadata");
        ((ObjectNode) meta.get("labels")).remove("pod-template-hash");
        meta.putNull("creationTimestamp");
        ((ObjectNode) template.path("spec").path("containers").get(0)).putObject("resources");
        s.modify("shipping", d -> {
            ((ObjectNode) d.get("spec")).set("template", template);
            return d;
        });
        s.awaitComplete("shipping");
        assertEquals(2, s.replicaSets("shipping").size(), "the old ReplicaSet is the new one again");
        assertEquals("3", revision(s.replicaSet("shipping", "shop/shipping:1.0")));
        assertEquals("3", revision(s.deployment("shipping")));
    }

    @Test
    void aTemplateThatNeverBecomesReadyExceedsItsProgressDeadline() {
        Sandbox s = sandbox(40.0);
        ObjectNode d = Sandbox.deployment("checkout", 2, "shop/checkout:1.0-noready");
        ((ObjectNode) d.get("spec")).put("progressDeadlineSeconds", 20);
        Instant start = s.clock.now();
        s.create(d);
        s.waiter.until("ProgressDeadlineExceeded", () -> "ProgressDeadlineExceeded".equals(
                reason(s.deployment("checkout"), "Progressing")), WAIT, () -> s.describe("checkout"));
        Instant end = s.clock.now();
        assertTrue(Duration.between(start, end).toSeconds() >= 19, "deadline in sandbox time: "
                + Duration.between(start, end));
        Stored dep = s.deployment("checkout");
        JsonNode progressing = Sandbox.condition(dep, "Progressing");
        assertEquals("False", progressing.path("status").asString());
        assertEquals("ReplicaSet \"" + s.replicaSets("checkout").get(0).name() + "\" has timed out progressing.",
                progressing.path("message").asString());
        assertEquals("MinimumReplicasUnavailable", reason(dep, "Available"));
        assertEquals(2, dep.object().path("status").path("unavailableReplicas").asInt());
    }

    @Test
    void revisionHistoryLimitKeepsOnlyTheNewestOldSets() {
        Sandbox s = sandbox(1.0);
        ObjectNode d = Sandbox.deployment("ads", 1, "shop/ads:1");
        ((ObjectNode) d.get("spec")).put("revisionHistoryLimit", 2);
        s.create(d);
        s.awaitComplete("ads");
        for (int v = 2; v <= 5; v++) {
            s.setImage("ads", "shop/ads:" + v);
            s.awaitComplete("ads");
        }
        s.waiter.until("old sets cleaned up", () -> s.replicaSets("ads").size() == 3, WAIT,
                () -> s.describe("ads"));
        List<String> revisions = new ArrayList<>();
        for (Stored rs : s.replicaSets("ads")) {
            revisions.add(revision(rs));
        }
        revisions.sort(null);
        assertEquals(List.of("3", "4", "5"), revisions);
    }

    @Test
    void minReadySecondsDelaysAvailabilityOnTheSandboxClock() {
        Sandbox s = sandbox(5.0);
        ObjectNode d = Sandbox.deployment("reviews", 2, "shop/reviews:1.0");
        ((ObjectNode) d.get("spec")).put("minReadySeconds", 10);
        s.create(d);
        s.waiter.until("pods ready", () -> s.deployment("reviews").object().path("status").path("readyReplicas")
                .asInt() == 2, WAIT);
        assertEquals(0, s.deployment("reviews").object().path("status").path("availableReplicas").asInt(),
                "ready is not yet available");
        s.awaitComplete("reviews");
        Instant lastReady = Instant.EPOCH;
        for (Stored p : s.pods("reviews")) {
            Instant since = Pods.readySince(p.object());
            lastReady = since.isAfter(lastReady) ? since : lastReady;
        }
        assertTrue(Duration.between(lastReady, s.clock.now()).toSeconds() >= 10,
                "available 10s after ready: " + Duration.between(lastReady, s.clock.now()));
        assertEquals(10, s.replicaSets("reviews").get(0).object().path("spec").path("minReadySeconds").asInt());
    }

    @Test
    void deletingTheDeploymentTakesItsReplicaSetsAndPods() {
        Sandbox s = sandbox(1.0);
        s.create(Sandbox.deployment("tmp", 2, "shop/tmp:1"));
        s.awaitComplete("tmp");
        s.store.delete(Kinds.DEPLOYMENT, Sandbox.NS, "tmp", DeleteOptions.DEFAULT);
        s.waiter.until("all gone", () -> s.pods("tmp").isEmpty()
                && s.store.all(Kinds.REPLICA_SET, Sandbox.NS).isEmpty(), WAIT);
    }
}
