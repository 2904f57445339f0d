package io.flightdeck.sandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shapes of the OpenAPI v3 documents: what kubectl 1.32 reads from them (the index, each PATCH operation's kind and
 * fieldValidation parameter, schemas found by x-kubernetes-group-version-kind) and the patch markers they carry.
 */
class DiscoveryOpenApiTest {

    private static JsonNode json(DiscoveryResponse response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static JsonNode document(String groupVersion) {
        String url = json(Discovery.lookup("/openapi/v3", null).orElseThrow()).get("paths")
                .get(OpenApi.documentPath(groupVersion)).get("serverRelativeURL").asString();
        return json(Discovery.lookup(url, "application/json").orElseThrow());
    }

    private static JsonNode schema(JsonNode doc, String name) {
        JsonNode schema = doc.get("components").get("schemas").get(name);
        assertTrue(schema != null, "no schema " + name);
        return schema;
    }

    private static JsonNode property(JsonNode doc, String type, String field) {
        return schema(doc, type).get("properties").get(field);
    }

    @Test
    void indexPointsAtEveryGroupVersionByContentHash() {
        DiscoveryResponse index = Discovery.lookup("/openapi/v3?timeout=32s", "application/json, */*").orElseThrow();
        assertEquals("application/json", index.contentType());
        JsonNode paths = json(index).get("paths");
        List<String> names = new ArrayList<>();
        paths.propertyNames().forEach(names::add);
        assertEquals(DiscoveryDocuments.groupVersions().stream().map(OpenApi::documentPath).toList(), names);
        for (String name : names) {
            String url = paths.get(name).get("serverRelativeURL").asString();
            assertTrue(url.startsWith("/openapi/v3/" + name + "?hash="), url);
            DiscoveryResponse doc = Discovery.lookup(url, "application/json").orElseThrow();
            assertEquals(url.substring(url.indexOf("hash=") + 5), OpenApi.hash(doc.body()));
            assertEquals("\"" + OpenApi.hash(doc.body()) + "\"", doc.headers().get("ETag"));
            assertEquals("public, immutable, max-age=31536000", doc.headers().get("Cache-Control"));
            String unpinned = url.substring(0, url.indexOf('?'));
            assertEquals("no-cache, private",
                    Discovery.lookup(unpinned, null).orElseThrow().headers().get("Cache-Control"));
            assertEquals("3.0.0", json(doc).get("openapi").asString());
        }
    }

    /** What cli-runtime's queryParamVerifierV3 checks before it leaves validation to the server. */
    @Test
    void everyPatchOperationOfAKindTakesFieldValidation() {
        for (ResourceKind kind : Kinds.ALL) {
            JsonNode doc = document(kind.apiVersion());
            int patches = 0;
            for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
                JsonNode patch = path.getValue().get("patch");
                JsonNode gvk = patch == null ? null : patch.get("x-kubernetes-group-version-kind");
                if (gvk == null || !gvk.get("kind").asString().equals(kind.kind())
                        || !gvk.get("group").asString().equals(kind.group())) {
                    continue;
                }
                patches++;
                List<String> query = new ArrayList<>();
                patch.get("parameters").forEach(p -> {
                    if (p.get("in").asString().equals("query")) {
                        query.add(p.get("name").asString());
                    }
                });
                assertTrue(query.contains("fieldValidation"), path.getKey());
                assertEquals("v1", gvk.get("version").asString());
            }
            assertEquals(kind.verbs().contains("patch"), patches > 0, kind.kind());
        }
    }

    @Test
    void everyKindHasASchemaNamedAndMarkedAsKubernetesDoes() {
        for (ResourceKind kind : Kinds.ALL) {
            JsonNode root = schema(document(kind.apiVersion()), OpenApi.schemaName(GroupVersionKind.of(kind)));
            JsonNode gvk = root.get("x-kubernetes-group-version-kind").get(0);
            assertEquals(kind.group(), gvk.get("group").asString());
            assertEquals(kind.kind(), gvk.get("kind").asString());
            assertTrue(root.get("properties").has("metadata"), kind.kind());
            assertTrue(root.get("properties").has("apiVersion"), kind.kind());
        }
        assertEquals("io.k8s.api.apps.v1.Deployment", OpenApi.schemaName(GroupVersionKind.of(Kinds.DEPLOYMENT)));
        assertEquals("io.k8s.api.core.v1.Pod", OpenApi.schemaName(GroupVersionKind.of(Kinds.POD)));
        assertEquals("io.k8s.api.events.v1.Event", OpenApi.schemaName(GroupVersionKind.of(Kinds.EVENT_V1)));
        assertEquals("io.k8s.networking.gateway.v1.HTTPRoute",
                OpenApi.schemaName(GroupVersionKind.of(Kinds.HTTP_ROUTE)));
    }

    @Test
    void everyReferenceResolvesInsideItsDocument() {
        for (String gv : DiscoveryDocuments.groupVersions()) {
            JsonNode doc = document(gv);
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertFalse(refs.isEmpty());
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/components/schemas/"), ref);
                schema(doc, ref.substring("#/components/schemas/".length()));
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    @Test
    void importantListsCarryTheirPatchMergeKeys() {
        JsonNode apps = document("apps/v1");
        assertMerge(apps, "io.k8s.api.core.v1.PodSpec", "containers", "name", "merge");
        assertMerge(apps, "io.k8s.api.core.v1.PodSpec", "initContainers", "name", "merge");
        assertMerge(apps, "io.k8s.api.core.v1.PodSpec", "volumes", "name", "merge,retainKeys");
        assertMerge(apps, "io.k8s.api.core.v1.Container", "env", "name", "merge");
        assertMerge(apps, "io.k8s.api.core.v1.Container", "ports", "containerPort", "merge");
        assertMerge(apps, "io.k8s.api.core.v1.Container", "volumeMounts", "mountPath", "merge");
        assertMerge(apps, "io.k8s.api.apps.v1.DeploymentStatus", "conditions", "type", "merge");
        assertMerge(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences", "uid", "merge");
        assertEquals("retainKeys",
                property(apps, "io.k8s.api.apps.v1.DeploymentSpec", "strategy").get("x-kubernetes-patch-strategy")
                        .asString());
        JsonNode core = document("v1");
        assertMerge(core, "io.k8s.api.core.v1.ServiceSpec", "ports", "port", "merge");
        assertMerge(core, "io.k8s.api.core.v1.PodStatus", "conditions", "type", "merge");
        assertEquals(List.of("containerPort", "protocol"), strings(
                property(core, "io.k8s.api.core.v1.Container", "ports").get("x-kubernetes-list-map-keys")));
    }

    private static void assertMerge(JsonNode doc, String type, String field, String key, String strategy) {
        JsonNode list = property(doc, type, field);
        assertEquals(key, list.get("x-kubernetes-patch-merge-key").asString(), type + "." + field);
        assertEquals(strategy, list.get("x-kubernetes-patch-strategy").asString(), type + "." + field);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** Listing it would make kubectl apply compute patches from these partial schemas instead of its own types. */
    @Test
    void patchOperationsDoNotAdvertiseStrategicMergePatch() {
        JsonNode patch = document("apps/v1").get("paths")
                .get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").get("patch");
        JsonNode content = patch.get("requestBody").get("content");
        assertTrue(content.has("application/merge-patch+json"));
        assertTrue(content.has("application/apply-patch+yaml"));
        assertFalse(content.has("application/strategic-merge-patch+json"));
    }

    @Test
    void scaleSubresourceIsDescribedAsAutoscalingV1Scale() {
        JsonNode apps = document("apps/v1");
        JsonNode patch = apps.get("paths").get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale")
                .get("patch");
        assertEquals("Scale", patch.get("x-kubernetes-group-version-kind").get("kind").asString());
        assertEquals("autoscaling", patch.get("x-kubernetes-group-version-kind").get("group").asString());
        assertEquals("autoscaling",
                schema(apps, "io.k8s.api.autoscaling.v1.Scale").get("x-kubernetes-group-version-kind").get(0)
                        .get("group").asString());
        JsonNode log = document("v1").get("paths").get("/api/v1/namespaces/{namespace}/pods/{name}/log");
        assertTrue(log.has("get") && !log.has("patch"));
    }

    @Test
    void documentsStaySmall() {
        int total = 0;
        for (String gv : DiscoveryDocuments.groupVersions()) {
            String path = OpenApi.ROOT + "/" + OpenApi.documentPath(gv);
            total += Discovery.lookup(path, null).orElseThrow().body().length;
        }
        assertTrue(total < 400_000, "OpenAPI documents add up to " + total + " bytes");
    }

    @Test
    void typeTableRejectsUnknownTypesAndOptions() {
        assertThrows(IllegalArgumentException.class, () -> OpenApiTypes.parse("type a.B\n    x Nope\n"));
        assertThrows(IllegalArgumentException.class,
                () -> OpenApiTypes.parse("type a.B\n    x string wat=1\n").schema("a.B"));
        assertThrows(IllegalArgumentException.class, () -> OpenApiTypes.parse("    x string\n"));
    }
}
