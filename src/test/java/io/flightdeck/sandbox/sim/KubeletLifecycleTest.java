package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

import static io.flightdeck.sandbox.sim.SimFixture.app;
import static io.flightdeck.sandbox.sim.SimFixture.condition;
import static io.flightdeck.sandbox.sim.SimFixture.container;
import static io.flightdeck.sandbox.sim.SimFixture.http;
import static io.flightdeck.sandbox.sim.SimFixture.phase;
import static io.flightdeck.sandbox.sim.SimFixture.pod;
import static io.flightdeck.sandbox.sim.SimFixture.ready;
import static io.flightdeck.sandbox.sim.SimFixture.withProbes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeletLifecycleTest {

    private SimFixture sim;

    @BeforeEach
    void setUp() {
        sim = new SimFixture(50).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        sim.close();
    }

    @Test
    void healthyPodGoesFromPendingToRunningToReadyWithTheKubeletsEvents() throws Exception {
        sim.close();
        sim = new SimFixture(20).start();
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        String image = "registry.shop.example/checkout:2.0";
        sim.create(pod("checkout-1", image, withProbes(container(), http("/healthz", 0, 2, 30),
                http("/ready", 5, 5, 3), http("/healthz", 0, 10, 3))));

        JsonNode readyPod = pods.await("checkout-1", SimFixture::ready);

        JsonNode pending = pods.versions("checkout-1").stream()
                .filter(p -> "ContainerCreating".equals(app(p).path("state").path("waiting").path("reason")
                        .asString())).findFirst().orElseThrow();
        assertEquals("Pending", phase(pending));
        assertEquals("True", condition(pending, "PodScheduled").path("status").asString());
        assertEquals("False", condition(pending, "Ready").path("status").asString());
        assertEquals("ContainersNotReady", condition(pending, "Ready").path("reason").asString());
        assertEquals("containers with unready status: [app]", condition(pending, "Ready").path("message").asString());
        assertTrue(pods.versions("checkout-1").stream().anyMatch(p -> phase(p).equals("Running") && !ready(p)),
                "running but not yet ready on the way");

        String node = readyPod.path("spec").path("nodeName").asString();
        assertTrue(node.matches("sandbox-node-[123]"), node);
        JsonNode status = readyPod.path("status");
        assertEquals("Running", status.path("phase").asString());
        assertTrue(status.path("podIP").asString().matches("10\\.244\\.\\d+\\.\\d+"), status.toString());
        assertEquals(status.path("podIP").asString(), status.path("podIPs").path(0).path("ip").asString());
        assertTrue(status.path("hostIP").asString().startsWith("172.18.0."));
        assertFalse(status.path("startTime").asString().isEmpty());
        assertEquals("BestEffort", status.path("qosClass").asString());
        JsonNode cs = app(readyPod);
        assertEquals("app", cs.path("name").asString());
        assertEquals(image, cs.path("image").asString());
        assertTrue(cs.path("imageID").asString().startsWith("registry.shop.example/checkout@sha256:"));
        assertTrue(cs.path("containerID").asString().matches("containerd://[0-9a-f]{64}"));
        assertTrue(cs.path("ready").asBoolean());
        assertTrue(cs.path("started").asBoolean());
        assertEquals(0, cs.path("restartCount").asInt());
        assertTrue(cs.path("state").has("running"));
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled")) {
            assertEquals("True", condition(readyPod, type).path("status").asString(), type);
        }
        Instant started = Instant.parse(cs.path("state").path("running").path("startedAt").asString());
        Instant readySince = Instant.parse(condition(readyPod, "Ready").path("lastTransitionTime").asString());
        assertFalse(readySince.isBefore(started), "Ready flips after the container started");

        List<String> reasons = sim.eventsFor("checkout-1").stream().map(e -> e.path("reason").asString()).toList();
        assertEquals(List.of("Scheduled", "Pulling", "Pulled", "Created", "Started"), reasons);
        assertEquals("Successfully assigned shop/checkout-1 to " + node,
                sim.event("checkout-1", "Scheduled", "").path("message").asString());
        assertEquals("default-scheduler",
                sim.event("checkout-1", "Scheduled", "").path("source").path("component").asString());
        assertEquals("Pulling image \"" + image + "\"", sim.event("checkout-1", "Pulling", "").path("message")
                .asString());
        assertTrue(sim.event("checkout-1", "Pulled", "").path("message").asString().matches(
                "Successfully pulled image \"" + image.replace(".", "\\.") + "\" in [0-9.]+m?s \\([0-9.]+m?s "
                        + "including waiting\\)\\. Image size: \\d+ bytes\\."));
        JsonNode created = sim.event("checkout-1", "Created", "");
        assertEquals("Created container: app", created.path("message").asString());
        assertEquals("spec.containers{app}", created.path("involvedObject").path("fieldPath").asString());
        assertEquals("kubelet", created.path("source").path("component").asString());
        assertEquals("Started container app", sim.event("checkout-1", "Started", "").path("message").asString());
    }

    @Test
    void aSecondPodOnTheSameNodeFindsTheImagePresentAndPodsSpreadOverNodes() {
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        String image = "registry.shop.example/cart:2.2";
        for (int i = 1; i <= 3; i++) {
            sim.create(pod("cart-" + i, image, container()));
        }
        for (int i = 1; i <= 3; i++) {
            pods.await("cart-" + i, SimFixture::ready);
        }
        sim.create(pod("cart-4", image, container()));
        pods.await("cart-4", SimFixture::ready);
        String firstNode = sim.store.get(Kinds.POD, SimFixture.NS, "cart-1").object().path("spec")
                .path("nodeName").asString();
        String fourthNode = sim.store.get(Kinds.POD, SimFixture.NS, "cart-4").object().path("spec")
                .path("nodeName").asString();
        assertEquals(firstNode, fourthNode, "least-pods scheduling wraps around to the first node");
        assertNotNull(sim.event("cart-4", "Pulled", "Container image \"" + image + "\" already present on machine"));
        assertNull(sim.event("cart-4", "Pulling", ""));
    }

    @Test
    void terminatingPodTurnsNotReadyAndIsRemovedAfterItsGracePeriod() {
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        sim.create(pod("web-1", "registry.shop.example/web:1.0",
                withProbes(container(), null, http("/ready", 0, 2, 3), null)));
        pods.await("web-1", SimFixture::ready);

        long before = sim.simMillis();
        Stored marked = sim.store.delete(Kinds.POD, SimFixture.NS, "web-1", DeleteOptions.DEFAULT);
        assertTrue(marked.object().path("metadata").has("deletionTimestamp"));

        JsonNode stopping = pods.await("web-1", p -> "False".equals(condition(p, "Ready").path("status").asString()));
        assertFalse(app(stopping).path("ready").asBoolean());
        pods.awaitDeleted("web-1");
        long took = sim.simMillis() - before;
        assertTrue(took >= PodLifecycle.MAX_TERMINATION_MILLIS, "kept for min(grace, 2 s): " + took);
        assertTrue(took < 30_000, "well before the 30 s grace period: " + took);
        assertEquals("Stopping container app", sim.event("web-1", "Killing", "").path("message").asString());
    }

    @Test
    void podsOfADeletedReplicaSetAreGarbageCollectedThroughTheirGracePeriod() {
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("name", "web-abc");
        rs.putObject("spec").put("replicas", 1);
        Stored owner = sim.store.create(Kinds.REPLICA_SET, SimFixture.NS, rs, false);
        var p = pod("web-abc-x1", "registry.shop.example/web:1.0", container());
        Json.metadata(p).putArray("ownerReferences").addObject().put("apiVersion", "apps/v1")
                .put("kind", "ReplicaSet").put("name", "web-abc").put("uid", owner.uid()).put("controller", true);
        sim.create(p);
        pods.await("web-abc-x1", SimFixture::ready);

        sim.store.delete(Kinds.REPLICA_SET, SimFixture.NS, "web-abc", DeleteOptions.DEFAULT);
        pods.awaitDeleted("web-abc-x1");
        assertNotNull(sim.event("web-abc-x1", "Killing", "Stopping container app"));
    }

    @Test
    void crashHookRestartsTheContainerAtOnceThenBacksOff() {
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        sim.create(pod("web-2", "registry.shop.example/web:1.0", container()));
        pods.await("web-2", SimFixture::ready);

        sim.kubelet.crash(SimFixture.NS, "web-2");
        JsonNode restarted = pods.await("web-2", p -> app(p).path("restartCount").asInt() == 1 && ready(p));
        JsonNode last = app(restarted).path("lastState").path("terminated");
        assertEquals(1, last.path("exitCode").asInt());
        assertEquals("Error", last.path("reason").asString());

        sim.kubelet.crash(SimFixture.NS, "web-2");
        JsonNode backingOff = pods.await("web-2", p -> "CrashLoopBackOff".equals(
                app(p).path("state").path("waiting").path("reason").asString()));
        assertEquals("Running", phase(backingOff));
        assertEquals(1, app(backingOff).path("restartCount").asInt());
        String uid = backingOff.path("metadata").path("uid").asString();
        assertEquals("back-off 10s restarting failed container=app pod=web-2_shop(" + uid + ")",
                app(backingOff).path("state").path("waiting").path("message").asString());
        assertNotNull(sim.event("web-2", "BackOff",
                "Back-off restarting failed container app in pod web-2_shop(" + uid + ")"));
        pods.await("web-2", p -> app(p).path("restartCount").asInt() == 2 && ready(p));
    }

    @Test
    void changedImageRestartsTheContainerWithTheNewImage() {
        SimFixture.Watcher pods = sim.watch(Kinds.POD);
        sim.create(pod("web-3", "registry.shop.example/web:1.0", container()));
        pods.await("web-3", SimFixture::ready);

        sim.store.modify(Kinds.POD, SimFixture.NS, "web-3", o -> {
            ((ObjectNode) o.path("spec").path("containers").get(0)).put("image", "registry.shop.example/web:1.1");
            return o;
        }, false, false);
        JsonNode after = pods.await("web-3", p -> "registry.shop.example/web:1.1".equals(app(p).path("image")
                .asString()) && ready(p));
        assertEquals(1, app(after).path("restartCount").asInt());
        assertNotNull(sim.event("web-3", "Killing", "Container app definition changed, will be restarted"));
        assertNotNull(sim.event("web-3", "Pulling", "Pulling image \"registry.shop.example/web:1.1\""));
    }
}
