package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Kinds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

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

class KubeletProbeTest {

    private SimFixture sim;

    @AfterEach
    void tearDown() throws Exception {
        sim.close();
    }

    private SimFixture.Watcher start(double speed) {
        sim = new SimFixture(speed).start();
        return sim.watch(Kinds.POD);
    }

    @Test
    void noreadyNeverBecomesReadyAndReportsFailedReadinessProbes() {
        SimFixture.Watcher pods = start(50);
        SimFixture.Watcher events = sim.watch(Kinds.EVENT);
        sim.create(pod("web-nr", "registry.shop.example/web:2.1-noready",
                withProbes(container(), null, http("/ready", 0, 2, 3), http("/healthz", 0, 10, 3))));

        JsonNode unhealthy = events.awaitAny(e -> e.path("reason").asString().equals("Unhealthy")
                && e.path("count").asInt() >= 5);
        assertEquals("Readiness probe failed: HTTP probe failed with statuscode: 503",
                unhealthy.path("message").asString());
        assertEquals("Warning", unhealthy.path("type").asString());
        assertEquals("spec.containers{app}", unhealthy.path("involvedObject").path("fieldPath").asString());
        JsonNode now = sim.store.get(Kinds.POD, SimFixture.NS, "web-nr").object();
        assertEquals("Running", phase(now));
        assertFalse(ready(now));
        assertEquals(0, app(now).path("restartCount").asInt(), "liveness still passes");
        assertTrue(pods.versions("web-nr").stream().noneMatch(SimFixture::ready), "never ready");
        assertNull(sim.event("web-nr", "Unhealthy", "Liveness probe failed"));
    }

    @Test
    void crashFailsLivenessRestartsWithGrowingRestartCountAndReachesCrashLoopBackOff() {
        SimFixture.Watcher pods = start(50);
        sim.create(pod("web-crash", "registry.shop.example/web:2.1-crash",
                withProbes(container(), null, http("/ready", 0, 2, 3), http("/healthz", 0, 2, 2))));

        pods.await("web-crash", SimFixture::ready);
        JsonNode first = pods.await("web-crash", p -> app(p).path("restartCount").asInt() == 1);
        JsonNode killed = app(first).path("lastState").path("terminated");
        assertEquals(137, killed.path("exitCode").asInt());
        assertEquals("Error", killed.path("reason").asString());

        JsonNode looping = pods.await("web-crash", p -> app(p).path("restartCount").asInt() >= 2
                && "CrashLoopBackOff".equals(app(p).path("state").path("waiting").path("reason").asString()));
        assertEquals("Running", phase(looping));
        assertFalse(ready(looping));
        assertTrue(app(looping).path("state").path("waiting").path("message").asString()
                .startsWith("back-off 20s restarting failed container=app pod=web-crash_shop("));
        assertEquals(137, app(looping).path("lastState").path("terminated").path("exitCode").asInt());

        assertEquals("Liveness probe failed: HTTP probe failed with statuscode: 500",
                sim.event("web-crash", "Unhealthy", "Liveness").path("message").asString());
        JsonNode killing = sim.event("web-crash", "Killing", "");
        assertEquals("Container app failed liveness probe, will be restarted", killing.path("message").asString());
        assertTrue(killing.path("count").asInt() >= 3);
        assertNotNull(sim.event("web-crash", "BackOff", "Back-off restarting failed container app in pod web-crash_shop("));
        assertNotNull(sim.event("web-crash", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"));
    }

    @Test
    void slowstartPassesWithAGenerousStartupProbe() {
        SimFixture.Watcher pods = start(50);
        sim.create(pod("web-ss", "registry.shop.example/web:2.1-slowstart", withProbes(container(),
                http("/healthz", 0, 5, 30), http("/ready", 0, 5, 3), http("/healthz", 0, 10, 3))));

        JsonNode readyPod = pods.await("web-ss", SimFixture::ready);
        assertEquals(0, app(readyPod).path("restartCount").asInt());
        Instant started = Instant.parse(app(readyPod).path("state").path("running").path("startedAt").asString());
        Instant readySince = Instant.parse(condition(readyPod, "Ready").path("lastTransitionTime").asString());
        assertTrue(readySince.toEpochMilli() - started.toEpochMilli() >= 74_000, "ready only after ~75 s");
        JsonNode startupFailed = sim.event("web-ss", "Unhealthy", "Startup probe failed");
        String ip = readyPod.path("status").path("podIP").asString();
        assertEquals("Startup probe failed: Get \"http://" + ip + ":8080/healthz\": dial tcp " + ip
                + ":8080: connect: connection refused", startupFailed.path("message").asString());
        assertTrue(startupFailed.path("count").asInt() >= 14);
        assertTrue(pods.versions("web-ss").stream().anyMatch(p -> phase(p).equals("Running")
                && !app(p).path("started").asBoolean(true)), "running but not started while the startup probe fails");
        assertNull(sim.event("web-ss", "Killing", ""));
    }

    @Test
    void slowstartIsKilledByLivenessWithoutAStartupProbe() {
        SimFixture.Watcher pods = start(50);
        sim.create(pod("web-ss2", "registry.shop.example/web:2.1-slowstart",
                withProbes(container(), null, http("/ready", 0, 5, 3), http("/healthz", 10, 10, 3))));

        JsonNode restarted = pods.await("web-ss2", p -> app(p).path("restartCount").asInt() >= 1);
        assertEquals(137, app(restarted).path("lastState").path("terminated").path("exitCode").asInt());
        assertEquals("Container app failed liveness probe, will be restarted",
                sim.event("web-ss2", "Killing", "").path("message").asString());
        assertTrue(sim.event("web-ss2", "Unhealthy", "Liveness probe failed: Get \"http://").path("message")
                .asString().endsWith(":8080/healthz\": dial tcp " + restarted.path("status").path("podIP").asString()
                        + ":8080: connect: connection refused"));
        assertTrue(pods.versions("web-ss2").stream().noneMatch(SimFixture::ready));
    }

    @Test
    void slowstartIsKilledByATightStartupProbe() {
        SimFixture.Watcher pods = start(50);
        sim.create(pod("web-ss3", "registry.shop.example/web:2.1-slowstart",
                withProbes(container(), http("/healthz", 0, 2, 5), http("/ready", 0, 5, 3), null)));

        pods.await("web-ss3", p -> app(p).path("restartCount").asInt() >= 1);
        assertEquals("Container app failed startup probe, will be restarted",
                sim.event("web-ss3", "Killing", "").path("message").asString());
    }

    @Test
    void failReadinessFlipsReadyWithinOnePeriodAndRecovers() {
        SimFixture.Watcher pods = start(10);
        sim.create(pod("web-fr", "registry.shop.example/web:2.1",
                withProbes(container(), null, http("/ready", 0, 10, 3), null)));
        pods.await("web-fr", SimFixture::ready);

        long before = sim.simMillis();
        sim.kubelet.failReadiness(SimFixture.NS, "web-fr", true);
        JsonNode down = pods.await("web-fr", SimFixture::notReady);
        long took = sim.simMillis() - before;
        assertTrue(took <= 10_000, "not ready within one period (10 s), took " + took + " ms");
        assertFalse(app(down).path("ready").asBoolean());
        assertEquals("Running", phase(down));
        assertNotNull(sim.event("web-fr", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"));

        sim.kubelet.failReadiness(SimFixture.NS, "web-fr", false);
        JsonNode up = pods.await("web-fr", SimFixture::ready);
        assertEquals(0, app(up).path("restartCount").asInt());
    }

    @Test
    void failReadinessAlsoWorksWithoutAReadinessProbe() {
        SimFixture.Watcher pods = start(50);
        sim.create(pod("web-np", "registry.shop.example/web:2.1", container()));
        pods.await("web-np", SimFixture::ready);
        sim.kubelet.failReadiness(SimFixture.NS, "web-np", true);
        pods.await("web-np", SimFixture::notReady);
        sim.kubelet.failReadiness(SimFixture.NS, "web-np", false);
        pods.await("web-np", SimFixture::ready);
    }
}
