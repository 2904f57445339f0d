package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.flightdeck.sandbox.sim.SimFixture.container;
import static io.flightdeck.sandbox.sim.SimFixture.http;
import static io.flightdeck.sandbox.sim.SimFixture.pod;
import static io.flightdeck.sandbox.sim.SimFixture.withProbes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSliceTest {

    private SimFixture sim;
    private SimFixture.Watcher slices;
    private SimFixture.Watcher endpoints;

    @BeforeEach
    void setUp() {
        sim = new SimFixture(50).withServices().start();
        slices = sim.watch(Kinds.ENDPOINT_SLICE);
        endpoints = sim.watch(Kinds.ENDPOINTS);
    }

    @AfterEach
    void tearDown() throws Exception {
        sim.close();
    }

    private static ObjectNode service(String name, Object targetPort) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Service");
        Json.metadata(o).put("name", name).putObject("labels").put("app", name);
        ObjectNode spec = o.putObject("spec");
        spec.putObject("selector").put("app", name);
        ObjectNode port = spec.putArray("ports").addObject().put("port", 80);
        if (targetPort instanceof Integer i) {
            port.put("targetPort", i);
        } else if (targetPort != null) {
            port.put("targetPort", targetPort.toString());
        }
        return o;
    }

    private Stored createService(ObjectNode svc) {
        return sim.store.create(Kinds.SERVICE, SimFixture.NS, svc, false);
    }

    private ObjectNode podFor(String name, String app, String image) {
        ObjectNode p = pod(name, image, withProbes(container(), null, http("/ready", 0, 2, 3), null));
        Json.child(Json.metadata(p), "labels").put("app", app);
        return p;
    }

    /** The endpoints of the Service's slices, by pod name, once they satisfy the condition. */
    private Map<String, JsonNode> awaitEndpoints(String service, Predicate<Map<String, JsonNode>> condition) {
        slices.awaitTrue(() -> condition.test(endpointsOf(service)), "endpoints of " + service);
        return endpointsOf(service);
    }

    private Map<String, JsonNode> endpointsOf(String service) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Stored s : sim.store.all(Kinds.ENDPOINT_SLICE, SimFixture.NS)) {
            if (service.equals(s.object().path("metadata").path("labels").path("kubernetes.io/service-name")
                    .asString())) {
                for (JsonNode e : s.object().path("endpoints")) {
                    out.put(e.path("targetRef").path("name").asString(), e);
                }
            }
        }
        return out;
    }

    private static boolean cond(JsonNode endpoint, String name) {
        return endpoint.path("conditions").path(name).asBoolean();
    }

    @Test
    void servicesGetAClusterIpAndTheApiserversDefaults() {
        JsonNode spec = createService(service("web", null)).object().path("spec");
        String ip = spec.path("clusterIP").asString();
        int a = ServiceAdmission.parse(ip);
        assertTrue(a >= ServiceAdmission.parse("10.96.1.0") && a <= ServiceAdmission.parse("10.111.255.254"), ip);
        assertEquals(ip, spec.path("clusterIPs").path(0).asString());
        assertEquals("IPv4", spec.path("ipFamilies").path(0).asString());
        assertEquals("SingleStack", spec.path("ipFamilyPolicy").asString());
        assertEquals("ClusterIP", spec.path("type").asString());
        assertEquals("None", spec.path("sessionAffinity").asString());
        assertEquals("Cluster", spec.path("internalTrafficPolicy").asString());
        assertEquals("TCP", spec.path("ports").path(0).path("protocol").asString());
        assertEquals(80, spec.path("ports").path(0).path("targetPort").asInt());

        ObjectNode clash = service("web2", null);
        Json.child(clash, "spec").put("clusterIP", ip);
        ApiException taken = assertThrows(ApiException.class, () -> createService(clash));
        assertEquals(422, taken.code());
        assertTrue(taken.getMessage().endsWith("failed to allocate IP " + ip + ": provided IP is already allocated"),
                taken.getMessage());
        ObjectNode outside = service("web3", null);
        Json.child(outside, "spec").put("clusterIP", "192.168.1.1");
        assertTrue(assertThrows(ApiException.class, () -> createService(outside)).getMessage()
                .contains("The range of valid IPs is 10.96.0.0/12"));

        ObjectNode replaced = service("web", 8080);
        Stored kept = sim.store.update(Kinds.SERVICE, SimFixture.NS, "web", replaced, false, false);
        assertEquals(ip, kept.object().path("spec").path("clusterIP").asString(), "a PUT without clusterIP keeps it");
        ObjectNode moved = service("web", 8080);
        Json.child(moved, "spec").put("clusterIP", "10.96.7.7");
        assertTrue(assertThrows(ApiException.class,
                () -> sim.store.update(Kinds.SERVICE, SimFixture.NS, "web", moved, false, false)).getMessage()
                .contains("may not change once set"));

        sim.store.delete(Kinds.SERVICE, SimFixture.NS, "web", DeleteOptions.DEFAULT);
        ObjectNode again = service("web4", null);
        Json.child(again, "spec").put("clusterIP", ip);
        assertEquals(ip, createService(again).object().path("spec").path("clusterIP").asString(),
                "a deleted Service's IP is free again");

        ObjectNode headless = service("db", null);
        Json.child(headless, "spec").put("clusterIP", "None");
        assertEquals("None", createService(headless).object().path("spec").path("clusterIPs").path(0).asString());
    }

    @Test
    void slicesAndEndpointsListExactlyTheReadyPodsOfTheService() {
        Stored svc = createService(service("web", 8080));
        sim.create(podFor("web-1", "web", "registry.shop.example/web:1.0"));
        sim.create(podFor("web-2", "web", "registry.shop.example/web:1.0"));
        sim.create(podFor("web-3", "web", "registry.shop.example/web:1.0-noready"));
        sim.create(podFor("other-1", "other", "registry.shop.example/other:1.0"));

        Map<String, JsonNode> eps = awaitEndpoints("web", e -> e.size() == 3 && cond(e.get("web-1"), "ready")
                && cond(e.get("web-2"), "ready"));
        assertEquals(List.of("web-1", "web-2", "web-3"), List.copyOf(eps.keySet()));
        JsonNode notReady = eps.get("web-3").path("conditions");
        assertFalse(notReady.path("ready").asBoolean());
        assertFalse(notReady.path("serving").asBoolean());
        assertFalse(notReady.path("terminating").asBoolean());
        JsonNode web1 = sim.store.get(Kinds.POD, SimFixture.NS, "web-1").object();
        JsonNode e1 = eps.get("web-1");
        assertEquals(web1.path("status").path("podIP").asString(), e1.path("addresses").path(0).asString());
        assertEquals(web1.path("spec").path("nodeName").asString(), e1.path("nodeName").asString());
        assertEquals("Pod", e1.path("targetRef").path("kind").asString());
        assertEquals(web1.path("metadata").path("uid").asString(), e1.path("targetRef").path("uid").asString());

        List<Stored> ours = sim.store.all(Kinds.ENDPOINT_SLICE, SimFixture.NS).stream().toList();
        assertEquals(1, ours.size());
        JsonNode slice = ours.get(0).object();
        assertTrue(slice.path("metadata").path("name").asString().startsWith("web-"));
        assertEquals("endpointslice-controller.k8s.io",
                slice.path("metadata").path("labels").path("endpointslice.kubernetes.io/managed-by").asString());
        assertEquals("web", slice.path("metadata").path("labels").path("app").asString());
        assertEquals(svc.uid(), slice.path("metadata").path("ownerReferences").path(0).path("uid").asString());
        assertEquals("IPv4", slice.path("addressType").asString());
        assertEquals(8080, slice.path("ports").path(0).path("port").asInt());
        assertEquals("TCP", slice.path("ports").path(0).path("protocol").asString());

        JsonNode ep = endpoints.await("web", o -> o.path("subsets").path(0).path("addresses").size() == 2);
        JsonNode subset = ep.path("subsets").path(0);
        assertEquals(1, subset.path("notReadyAddresses").size());
        assertEquals("web-3", subset.path("notReadyAddresses").path(0).path("targetRef").path("name").asString());
        assertEquals(8080, subset.path("ports").path(0).path("port").asInt());
    }

    @Test
    void slicesFollowReadinessTerminationRelabelingAndServiceDeletion() {
        createService(service("web", "http"));
        for (int i = 1; i <= 3; i++) {
            sim.create(podFor("web-" + i, "web", "registry.shop.example/web:1.0"));
        }
        awaitEndpoints("web", e -> e.size() == 3 && e.values().stream().allMatch(x -> cond(x, "ready")));
        assertEquals(8080, sim.store.all(Kinds.ENDPOINT_SLICE, SimFixture.NS).iterator().next().object()
                .path("ports").path(0).path("port").asInt(), "named targetPort resolved from the pod");

        sim.kubelet.failReadiness(SimFixture.NS, "web-1", true);
        awaitEndpoints("web", e -> !cond(e.get("web-1"), "ready") && !cond(e.get("web-1"), "serving"));

        sim.store.delete(Kinds.POD, SimFixture.NS, "web-2", DeleteOptions.DEFAULT);
        Map<String, JsonNode> terminating = awaitEndpoints("web", e -> e.containsKey("web-2")
                && cond(e.get("web-2"), "terminating"));
        assertFalse(cond(terminating.get("web-2"), "ready"));
        endpoints.await("web", o -> o.toString().indexOf("\"web-2\"") < 0);
        awaitEndpoints("web", e -> !e.containsKey("web-2"));

        sim.store.modify(Kinds.POD, SimFixture.NS, "web-3", o -> {
            Json.child(Json.metadata(o), "labels").put("app", "retired");
            return o;
        }, false, false);
        awaitEndpoints("web", e -> e.keySet().equals(java.util.Set.of("web-1")));

        sim.store.delete(Kinds.SERVICE, SimFixture.NS, "web", DeleteOptions.DEFAULT);
        endpoints.awaitDeleted("web");
        slices.awaitTrue(() -> sim.store.all(Kinds.ENDPOINT_SLICE, SimFixture.NS).isEmpty(), "no slices left");
    }

    @Test
    void aServiceWithoutPodsHasOnePlaceholderSlice() {
        createService(service("lonely", 8080));
        JsonNode slice = slices.awaitAny(s -> "lonely".equals(
                s.path("metadata").path("labels").path("kubernetes.io/service-name").asString()));
        assertTrue(slice.path("endpoints").isNull());
        assertTrue(slice.path("ports").isNull());
        JsonNode ep = endpoints.await("lonely", o -> true);
        assertNull(ep.get("subsets"));
    }
}
