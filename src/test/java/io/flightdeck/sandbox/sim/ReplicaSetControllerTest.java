package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.Admission;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaSetControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Sandbox sandbox;

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static ObjectNode replicaSet(String name, int replicas) {
        return Sandbox.parse("""
                {"apiVersion": "apps/v1", "kind": "ReplicaSet",
                 "metadata": {"name": "%s"},
                 "spec": {"replicas": %d, "selector": {"matchLabels": {"app": "%s"}},
                          "template": {"metadata": {"labels": {"app": "%s", "tier": "web"},
                                                    "annotations": {"team": "shop"}},
                                       "spec": {"containers": [{"name": "app", "image": "shop/rs:1"}]}}}}
                """.formatted(name, replicas, name, name));
    }

    private Stored rs(String name) {
        return sandbox.store.get(Kinds.REPLICA_SET, Sandbox.NS, name);
    }

    private void scale(String name, int replicas) {
        sandbox.store.modify(Kinds.REPLICA_SET, Sandbox.NS, name, r -> {
            ((ObjectNode) r.get("spec")).put("replicas", replicas);
            Json.metadata(r).remove("resourceVersion");
            return r;
        }, false, false);
    }

    private JsonNode status(String name) {
        return rs(name).object().path("status");
    }

    @Test
    void createsPodsFromTheTemplateWithOwnerReferencesAndEvents() {
        sandbox = new Sandbox(1.0, p -> true, true, false);
        Stored created = sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, replicaSet("web", 3), false);
        sandbox.waiter.until("3 available", () -> status("web").path("availableReplicas").asInt() == 3, WAIT);
        List<Stored> pods = sandbox.pods("web");
        assertEquals(3, pods.size());
        for (Stored p : pods) {
            assertTrue(p.name().matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), p.name());
            JsonNode meta = p.object().path("metadata");
            assertEquals("web-", meta.path("generateName").asString());
            assertEquals("web", meta.path("labels").path("tier").asString());
            assertEquals("shop", meta.path("annotations").path("team").asString());
            JsonNode ref = meta.path("ownerReferences").path(0);
            assertEquals("ReplicaSet", ref.path("kind").asString());
            assertEquals("apps/v1", ref.path("apiVersion").asString());
            assertEquals(created.uid(), ref.path("uid").asString());
            assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean());
        }
        JsonNode st = status("web");
        assertEquals(3, st.path("replicas").asInt());
        assertEquals(3, st.path("fullyLabeledReplicas").asInt());
        assertEquals(3, st.path("readyReplicas").asInt());
        assertEquals(1, st.path("observedGeneration").asInt());
        List<String> events = sandbox.eventMessages("web");
        for (Stored p : pods) {
            assertTrue(events.contains("Created pod: " + p.name()), events.toString());
        }
        for (Stored e : sandbox.store.all(Kinds.EVENT, Sandbox.NS)) {
            assertEquals("SuccessfulCreate", e.object().path("reason").asString());
            assertEquals("replicaset-controller", e.object().path("source").path("component").asString());
        }
    }

    @Test
    void scaleDownDeletesNotReadyPodsFirstAndIgnoresTerminatingOnes() {
        AtomicInteger readyBudget = new AtomicInteger(2);
        sandbox = new Sandbox(1.0, p -> readyBudget.getAndDecrement() > 0, false, false);
        sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, replicaSet("web", 4), false);
        sandbox.waiter.until("4 pods, 2 ready", () -> status("web").path("replicas").asInt() == 4
                && status("web").path("readyReplicas").asInt() == 2, WAIT);
        Set<String> ready = new HashSet<>();
        for (Stored p : sandbox.pods("web")) {
            if (Pods.isReady(p.object())) {
                ready.add(p.name());
            }
        }
        scale("web", 2);
        sandbox.waiter.until("2 active", () -> status("web").path("replicas").asInt() == 2, WAIT);
        int terminating = 0;
        for (Stored p : sandbox.pods("web")) {
            if (Pods.isTerminating(p.object())) {
                terminating++;
                assertFalse(ready.contains(p.name()), "a ready pod was deleted: " + p.name());
                assertTrue(sandbox.eventMessages("web").contains("Deleted pod: " + p.name()));
            } else {
                assertTrue(ready.contains(p.name()), "a not-ready pod was kept: " + p.name());
            }
        }
        assertEquals(2, terminating);
        assertEquals(4, sandbox.pods("web").size(), "terminating pods stay until the kubelet removes them");

        scale("web", 3);
        sandbox.waiter.until("3 active", () -> status("web").path("replicas").asInt() == 3, WAIT);
        assertEquals(5, sandbox.pods("web").size(), "a new pod, terminating ones not counted");
    }

    @Test
    void aPodRelabelledOutOfTheSelectorIsReleasedAndReplaced() {
        sandbox = new Sandbox(1.0, p -> true, true, false);
        sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, replicaSet("web", 2), false);
        sandbox.waiter.until("2 available", () -> status("web").path("availableReplicas").asInt() == 2, WAIT);
        String debug = sandbox.pods("web").get(0).name();
        sandbox.store.modify(Kinds.POD, Sandbox.NS, debug, p -> {
            ((ObjectNode) p.path("metadata").path("labels")).put("app", "debug");
            Json.metadata(p).remove("resourceVersion");
            return p;
        }, false, false);
        sandbox.waiter.until("replaced", () -> sandbox.pods("web").size() == 2
                && status("web").path("availableReplicas").asInt() == 2
                && !sandbox.store.get(Kinds.POD, Sandbox.NS, debug).object().path("metadata").has("ownerReferences"),
                WAIT);
        assertTrue(sandbox.pods("web").stream().noneMatch(p -> p.name().equals(debug)));
    }

    @Test
    void availabilityWaitsForMinReadySeconds() {
        sandbox = new Sandbox(10.0, p -> true, true, false);
        ObjectNode rs = replicaSet("web", 2);
        ((ObjectNode) rs.get("spec")).put("minReadySeconds", 5);
        sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, rs, false);
        sandbox.waiter.until("2 ready", () -> status("web").path("readyReplicas").asInt() == 2, WAIT);
        sandbox.waiter.until("2 available", () -> status("web").path("availableReplicas").asInt() == 2, WAIT);
        for (Stored p : sandbox.pods("web")) {
            assertTrue(Duration.between(Pods.readySince(p.object()), sandbox.clock.now()).toSeconds() >= 5);
        }
    }

    @Test
    void failedCreationsAreReportedAndRetried() {
        sandbox = new Sandbox(1.0, p -> true, true, false);
        AtomicInteger refusals = new AtomicInteger(3);
        sandbox.store.addAdmission((op, kind, object, previous) -> {
            if (kind == Kinds.POD && op == Admission.Operation.CREATE
                    && refusals.get() > 0) {
                refusals.decrementAndGet();
                throw new ApiException(403, "Forbidden", "pods \"" + object.path("metadata").path("name")
                        .asString() + "\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, "
                        + "limited: pods=0");
            }
        });
        sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, replicaSet("web", 2), false);
        sandbox.waiter.until("2 available after retries", () -> status("web").path("availableReplicas").asInt() == 2,
                WAIT);
        List<String> events = sandbox.eventMessages("web");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("Error creating: pods \"web-")
                && e.contains("is forbidden: exceeded quota")), events.toString());
        assertFalse(status("web").has("conditions"), "ReplicaFailure cleared once creations succeed");
    }

    @Test
    void aFailingReplicaSetShowsReplicaFailure() {
        sandbox = new Sandbox(1.0, p -> true, true, false);
        sandbox.store.addAdmission((op, kind, object, previous) -> {
            if (kind == Kinds.POD && op == Admission.Operation.CREATE) {
                throw new ApiException(403, "Forbidden", "pods is forbidden: no");
            }
        });
        sandbox.store.create(Kinds.REPLICA_SET, Sandbox.NS, replicaSet("web", 1), false);
        sandbox.waiter.until("ReplicaFailure", () -> status("web").path("conditions").path(0).path("type")
                .asString().equals("ReplicaFailure"), WAIT);
        JsonNode c = status("web").path("conditions").path(0);
        assertEquals("FailedCreate", c.path("reason").asString());
        assertEquals("pods is forbidden: no", c.path("message").asString());
        assertEquals("True", c.path("status").asString());
    }
}
