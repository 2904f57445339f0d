package io.flightdeck.sandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shapes of /version and the legacy and aggregated discovery documents, checked against the kind table. */
class DiscoveryDocumentsTest {

    private static final String KUBECTL_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private static JsonNode get(String path, String accept) {
        DiscoveryResponse response = Discovery.lookup(path, accept).orElseThrow(() -> new AssertionError(path));
        return JsonMapper.shared().readTree(response.body());
    }

    private static JsonNode get(String path) {
        DiscoveryResponse response = Discovery.lookup(path, "application/json, */*").orElseThrow();
        assertEquals("application/json", response.contentType(), path);
        return JsonMapper.shared().readTree(response.body());
    }

    private static JsonNode resource(JsonNode list, String name) {
        return StreamSupport.stream(list.get("resources").spliterator(), false)
                .filter(r -> r.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + list));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    @Test
    void versionLooksLikeKubernetes132() {
        JsonNode version = get("/version?timeout=5s");
        assertEquals("1", version.get("major").asString());
        assertEquals("32", version.get("minor").asString());
        assertTrue(version.get("gitVersion").asString().matches("v1\\.32\\.\\d+.*"));
        assertTrue(version.get("buildDate").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(version.has("platform"));
    }

    @Test
    void legacyRootsListCoreVersionAndEveryGroup() {
        JsonNode api = get("/api");
        assertEquals("APIVersions", api.get("kind").asString());
        assertEquals(List.of("v1"), strings(api.get("versions")));

        JsonNode apis = get("/apis");
        assertEquals("APIGroupList", apis.get("kind").asString());
        List<String> names = new ArrayList<>();
        apis.get("groups").forEach(g -> names.add(g.get("name").asString()));
        assertEquals(Kinds.groups(), names);
        JsonNode apps = apis.get("groups").get(names.indexOf("apps"));
        assertEquals("apps/v1", apps.get("preferredVersion").get("groupVersion").asString());
        assertEquals("v1", apps.get("versions").get(0).get("version").asString());

        JsonNode group = get("/apis/apps");
        assertEquals("APIGroup", group.get("kind").asString());
        assertEquals("apps", group.get("name").asString());
    }

    @Test
    void coreResourceListCarriesShortNamesScopeAndSubresources() {
        JsonNode list = get("/api/v1");
        assertEquals("APIResourceList", list.get("kind").asString());
        assertEquals("v1", list.get("groupVersion").asString());
        JsonNode pods = resource(list, "pods");
        assertEquals("pod", pods.get("singularName").asString());
        assertTrue(pods.get("namespaced").asBoolean());
        assertEquals("Pod", pods.get("kind").asString());
        assertEquals(List.of("po"), strings(pods.get("shortNames")));
        assertEquals(List.of("all"), strings(pods.get("categories")));
        assertTrue(strings(pods.get("verbs")).containsAll(List.of("get", "list", "watch", "patch", "create")));
        assertFalse(pods.get("storageVersionHash").asString().isEmpty());
        assertEquals(List.of("get"), strings(resource(list, "pods/log").get("verbs")));
        assertEquals("Pod", resource(list, "pods/status").get("kind").asString());
        assertFalse(resource(list, "namespaces").get("namespaced").asBoolean());
        assertEquals(List.of("ns"), strings(resource(list, "namespaces").get("shortNames")));
    }

    /** As a real API server lists it: kind PodProxyOptions, the connect verbs, in name order among the others. */
    @Test
    void podsProxyIsListedInBothForms() {
        JsonNode list = get("/api/v1");
        JsonNode proxy = resource(list, "pods/proxy");
        assertEquals("PodProxyOptions", proxy.get("kind").asString());
        assertEquals("", proxy.get("singularName").asString());
        assertTrue(proxy.get("namespaced").asBoolean());
        assertFalse(proxy.has("group"), "core v1, like the list");
        assertEquals(List.of("create", "delete", "get", "patch", "update"), strings(proxy.get("verbs")));
        List<String> names = new ArrayList<>();
        list.get("resources").forEach(r -> names.add(r.get("name").asString()));
        assertEquals(List.of("pods", "pods/log", "pods/proxy", "pods/status"),
                names.stream().filter(n -> n.startsWith("pods")).toList());

        JsonNode core = get("/api", KUBECTL_ACCEPT);
        JsonNode pods = StreamSupport.stream(core.get("items").get(0).get("versions").get(0).get("resources")
                .spliterator(), false).filter(r -> r.get("resource").asString().equals("pods")).findFirst()
                .orElseThrow();
        JsonNode sub = StreamSupport.stream(pods.get("subresources").spliterator(), false)
                .filter(r -> r.get("subresource").asString().equals("proxy")).findFirst()
                .orElseThrow(() -> new AssertionError("no proxy in " + pods));
        assertEquals("PodProxyOptions", sub.get("responseKind").get("kind").asString());
        assertEquals("v1", sub.get("responseKind").get("version").asString());
        assertEquals(List.of("create", "delete", "get", "patch", "update"), strings(sub.get("verbs")));
        assertFalse(StreamSupport.stream(get("/apis/apps/v1").get("resources").spliterator(), false)
                .anyMatch(r -> r.get("name").asString().endsWith("/proxy")), "only pods have a proxy here");
    }

    @Test
    void scaleSubresourceAnswersWithAutoscalingV1Scale() {
        JsonNode list = get("/apis/apps/v1");
        assertEquals("apps/v1", list.get("groupVersion").asString());
        JsonNode deployments = resource(list, "deployments");
        assertEquals(List.of("deploy"), strings(deployments.get("shortNames")));
        JsonNode scale = resource(list, "deployments/scale");
        assertEquals("autoscaling", scale.get("group").asString());
        assertEquals("v1", scale.get("version").asString());
        assertEquals("Scale", scale.get("kind").asString());
        assertEquals(List.of("get", "patch", "update"), strings(scale.get("verbs")));
        JsonNode status = resource(list, "deployments/status");
        assertEquals("Deployment", status.get("kind").asString());
        assertFalse(status.has("group"), "same group as the list, so left out as the API server does");
        assertEquals("Scale", resource(list, "replicasets/scale").get("kind").asString());
    }

    @Test
    void everyKindOfTheTableIsDiscoverableWithItsShortNames() {
        for (ResourceKind kind : Kinds.ALL) {
            String path = (kind.group().isEmpty() ? "/api/" : "/apis/") + kind.apiVersion();
            JsonNode entry = resource(get(path), kind.plural());
            assertEquals(kind.kind(), entry.get("kind").asString(), path);
            assertEquals(kind.namespaced(), entry.get("namespaced").asBoolean(), path);
            assertEquals(kind.verbs(), strings(entry.get("verbs")), path);
            assertEquals(kind.shortNames(), entry.has("shortNames") ? strings(entry.get("shortNames")) : List.of());
            for (String sub : kind.subresources()) {
                resource(get(path), kind.plural() + "/" + sub);
            }
        }
    }

    @Test
    void kubectlsAcceptHeaderGetsAggregatedDiscoveryV2() {
        DiscoveryResponse response = Discovery.lookup("/apis?timeout=32s", KUBECTL_ACCEPT).orElseThrow();
        assertEquals(Discovery.AGGREGATED_V2, response.contentType());
        assertEquals("Accept", response.headers().get("Vary"));
        JsonNode list = JsonMapper.shared().readTree(response.body());
        assertEquals("APIGroupDiscoveryList", list.get("kind").asString());
        assertEquals("apidiscovery.k8s.io/v2", list.get("apiVersion").asString());
        JsonNode apps = StreamSupport.stream(list.get("items").spliterator(), false)
                .filter(i -> i.get("metadata").get("name").asString().equals("apps")).findFirst().orElseThrow();
        JsonNode v1 = apps.get("versions").get(0);
        assertEquals("v1", v1.get("version").asString());
        assertEquals("Current", v1.get("freshness").asString());
        JsonNode deployments = StreamSupport.stream(v1.get("resources").spliterator(), false)
                .filter(r -> r.get("resource").asString().equals("deployments")).findFirst().orElseThrow();
        assertEquals("Namespaced", deployments.get("scope").asString());
        assertEquals("deployment", deployments.get("singularResource").asString());
        assertEquals("Deployment", deployments.get("responseKind").get("kind").asString());
        assertEquals(List.of("deploy"), strings(deployments.get("shortNames")));
        JsonNode scale = StreamSupport.stream(deployments.get("subresources").spliterator(), false)
                .filter(s -> s.get("subresource").asString().equals("scale")).findFirst().orElseThrow();
        assertEquals("autoscaling", scale.get("responseKind").get("group").asString());
        assertEquals("Scale", scale.get("responseKind").get("kind").asString());

        JsonNode core = get("/api", KUBECTL_ACCEPT);
        assertEquals(1, core.get("items").size());
        assertFalse(core.get("items").get(0).get("metadata").has("name"), "the core group has no name");
        assertEquals("v1", core.get("items").get(0).get("versions").get(0).get("version").asString());
    }

    @Test
    void acceptHeaderChoosesTheForm() {
        assertEquals(Discovery.AGGREGATED_V2BETA1, Discovery.negotiate(
                "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"));
        assertEquals(Discovery.AGGREGATED_V2, Discovery.negotiate(
                "application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList"));
        assertEquals(null, Discovery.negotiate("application/json, */*"));
        assertEquals(null, Discovery.negotiate(
                "application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
        assertEquals(null, Discovery.negotiate(null));
        JsonNode beta = get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        assertEquals("apidiscovery.k8s.io/v2beta1", beta.get("apiVersion").asString());
        assertEquals("APIGroupList", get("/apis", null).get("kind").asString());
    }

    @Test
    void otherPathsAreLeftToTheCaller() {
        for (String path : List.of("/api/v2", "/apis/nope", "/apis/apps/v2", "/api/v1/pods",
                "/apis/apps/v1/deployments", "/api/v1/namespaces/shop/pods", "/healthz", "/", "/apis/",
                "/openapi/v3/apis/nope/v1", "/openapi/v2")) {
            assertEquals(Optional.empty(), Discovery.lookup(path, null), path);
        }
    }

    @Test
    void callersCannotChangeTheStoredDocument() {
        byte[] first = Discovery.lookup("/api/v1", null).orElseThrow().body();
        first[0] = 'x';
        assertEquals('{', Discovery.lookup("/api/v1", null).orElseThrow().body()[0]);
    }
}
