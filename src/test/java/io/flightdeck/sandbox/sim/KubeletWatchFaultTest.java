package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static io.flightdeck.sandbox.sim.SimFixture.container;
import static io.flightdeck.sandbox.sim.SimFixture.http;
import static io.flightdeck.sandbox.sim.SimFixture.pod;
import static io.flightdeck.sandbox.sim.SimFixture.withProbes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KubeletWatchFaultTest {

    @Test
    void kubeletAndEndpointsKeepWorkingAfterDroppedAndExpiredWatches() throws Exception {
        try (SimFixture sim = new SimFixture(50).withServices().start()) {
            SimFixture.Watcher pods = sim.watch(Kinds.POD);
            ObjectNode svc = Json.object();
            svc.put("apiVersion", "v1").put("kind", "Service");
            svc.putObject("metadata").put("name", "web");
            ObjectNode spec = svc.putObject("spec");
            spec.putObject("selector").put("app", "web");
            spec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080);
            sim.store.create(Kinds.SERVICE, SimFixture.NS, svc, false);
            sim.create(pod("web-1", "registry.shop.example/web:1.0",
                    withProbes(container(), null, http("/ready", 0, 2, 3), null)));
            pods.await("web-1", SimFixture::ready);

            sim.store.dropWatches();
            pods = sim.watch(Kinds.POD);
            sim.create(pod("web-2", "registry.shop.example/web:1.0", container()));
            pods.await("web-2", SimFixture::ready);
            sim.kubelet.failReadiness(SimFixture.NS, "web-1", true);
            pods.await("web-1", SimFixture::notReady);

            sim.store.expireWatchHistory();
            sim.store.dropWatches();
            pods = sim.watch(Kinds.POD);
            SimFixture.Watcher slices = sim.watch(Kinds.ENDPOINT_SLICE);
            sim.create(pod("web-3", "registry.shop.example/web:1.0", container()));
            pods.await("web-3", SimFixture::ready);
            slices.awaitTrue(() -> readyEndpoints(sim) == 2, "web-2 and web-3 ready endpoints");
            assertEquals(3, sim.kubelet.podCount());
        }
    }

    private static int readyEndpoints(SimFixture sim) {
        int n = 0;
        for (Stored s : sim.store.all(Kinds.ENDPOINT_SLICE, SimFixture.NS)) {
            for (var e : s.object().path("endpoints")) {
                n += e.path("conditions").path("ready").asBoolean() ? 1 : 0;
            }
        }
        return n;
    }
}
