package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopSeedTest {

    private static final List<String> APPS = List.of("storefront", "catalog", "search", "cart", "checkout",
            "payments");

    @Test
    void seedCreatesTheNamespacesAndSixDeploymentsAndServicesOnce() throws Exception {
        try (SimFixture sim = new SimFixture(50).withServices()) {
            ShopSeed.seed(sim.store);
            ShopSeed.seed(sim.store);

            for (String ns : List.of("default", "kube-system", "shop")) {
                assertNotNull(sim.store.get(Kinds.NAMESPACE, "", ns), ns);
            }
            assertEquals("10.96.0.1", sim.store.get(Kinds.SERVICE, "default", "kubernetes").object()
                    .path("spec").path("clusterIP").asString());
            assertEquals(6, sim.store.count(Kinds.DEPLOYMENT));
            assertEquals(7, sim.store.count(Kinds.SERVICE));
            for (String app : APPS) {
                JsonNode d = sim.store.get(Kinds.DEPLOYMENT, "shop", app).object();
                int replicas = d.path("spec").path("replicas").asInt();
                assertTrue(replicas >= 2 && replicas <= 12, app + " replicas " + replicas);
                assertEquals(app, d.path("spec").path("selector").path("matchLabels").path("app").asString());
                JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
                assertEquals(app, labels.path("app").asString());
                assertEquals(app, labels.path("app.kubernetes.io/name").asString());
                JsonNode c = d.path("spec").path("template").path("spec").path("containers").path(0);
                assertEquals("app", c.path("name").asString());
                assertTrue(c.path("image").asString().matches("registry\\.shop\\.example/" + app + ":\\d+\\.\\d+"));
                assertTrue(ImageBehaviour.of(c.path("image").asString()).healthy());
                assertEquals(8080, c.path("ports").path(0).path("containerPort").asInt());
                assertEquals("/healthz", c.path("startupProbe").path("httpGet").path("path").asString());
                assertEquals("/ready", c.path("readinessProbe").path("httpGet").path("path").asString());
                assertEquals("/healthz", c.path("livenessProbe").path("httpGet").path("path").asString());
                assertTrue(c.path("readinessProbe").path("periodSeconds").asInt() > 0);
                assertTrue(c.path("resources").path("requests").has("cpu"));
                assertTrue(c.path("resources").path("limits").has("memory"));

                JsonNode svc = sim.store.get(Kinds.SERVICE, "shop", app).object();
                assertEquals(app, svc.path("spec").path("selector").path("app").asString());
                assertEquals(80, svc.path("spec").path("ports").path(0).path("port").asInt());
                assertEquals(8080, svc.path("spec").path("ports").path(0).path("targetPort").asInt());
                assertTrue(svc.path("spec").path("clusterIP").asString().startsWith("10."));
            }
        }
    }

    @Test
    void podsMadeFromTheSeededTemplatesBecomeReadyEndpointsOfTheirServices() throws Exception {
        try (SimFixture sim = new SimFixture(50).withServices().start()) {
            ShopSeed.seed(sim.store);
            SimFixture.Watcher slices = sim.watch(Kinds.ENDPOINT_SLICE);
            int total = 0;
            for (ShopSeed.App app : ShopSeed.APPS) {
                Stored rs = sim.store.create(Kinds.REPLICA_SET, "shop", replicaSet(app), false);
                JsonNode template = sim.store.get(Kinds.DEPLOYMENT, "shop", app.name()).object()
                        .path("spec").path("template");
                for (int i = 0; i < app.replicas(); i++) {
                    ObjectNode pod = Json.object();
                    pod.put("apiVersion", "v1").put("kind", "Pod");
                    ObjectNode meta = pod.putObject("metadata");
                    meta.put("generateName", app.name() + "-5d8f7c-");
                    meta.set("labels", template.path("metadata").path("labels").deepCopy());
                    meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1")
                            .put("kind", "ReplicaSet").put("name", rs.name()).put("uid", rs.uid())
                            .put("controller", true);
                    pod.set("spec", template.path("spec").deepCopy());
                    sim.store.create(Kinds.POD, "shop", pod, false);
                    total++;
                }
            }
            assertEquals(24, total);
            slices.awaitTrue(() -> APPS.stream().allMatch(app -> readyEndpoints(sim, app)
                    == ShopSeed.APPS.stream().filter(a -> a.name().equals(app)).findFirst().orElseThrow()
                    .replicas()), "every Service has its replicas as ready endpoints");
            assertEquals(24, sim.kubelet.podCount());
        }
    }

    private static ObjectNode replicaSet(ShopSeed.App app) {
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("name", app.name() + "-5d8f7c");
        rs.putObject("spec").put("replicas", app.replicas());
        return rs;
    }

    private static int readyEndpoints(SimFixture sim, String service) {
        int n = 0;
        for (Stored s : sim.store.all(Kinds.ENDPOINT_SLICE, "shop")) {
            if (service.equals(s.object().path("metadata").path("labels").path("kubernetes.io/service-name")
                    .asString())) {
                for (JsonNode e : s.object().path("endpoints")) {
                    if (e.path("conditions").path("ready").asBoolean()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
