package io.flightdeck.sandbox.server;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API server's CRUD, conflicts and error bodies, through fabric8 and raw HTTP. */
class SandboxApiServerTest {

    static SandboxCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxOptions.empty(1));
        client = cluster.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("t").endMetadata().build())
                .create();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void createGetUpdateAndConflict() {
        ConfigMap cm = client.configMaps().inNamespace("t").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("a").endMetadata().withData(Map.of("k", "v")).build()).create();
        assertNotEquals(null, cm.getMetadata().getUid());
        ConfigMap got = client.configMaps().inNamespace("t").withName("a").get();
        assertEquals("v", got.getData().get("k"));
        got.getData().put("k", "w");
        ConfigMap updated = client.configMaps().inNamespace("t").resource(got).update();
        assertNotEquals(cm.getMetadata().getResourceVersion(), updated.getMetadata().getResourceVersion());
        cm.getData().put("k", "stale");
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("t").resource(cm).update());
        assertEquals(409, e.getCode());
        ConfigMap patched = client.configMaps().inNamespace("t").withName("a")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"x\":\"y\"}}");
        assertEquals("y", patched.getData().get("x"));
        assertEquals("w", patched.getData().get("k"));
    }

    @Test
    void missingNamespaceAndObjectAre404() {
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("nope").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("a").endMetadata().build()).create());
        assertEquals(404, e.getCode());
        assertEquals(null, client.configMaps().inNamespace("t").withName("missing").get());
    }

    @Test
    void badInputGetsStatusBodies() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = cluster.masterUrl() + "/api/v1/namespaces/t/configmaps";
        HttpResponse<String> malformed = http.send(req(base).POST(HttpRequest.BodyPublishers.ofString("{nope"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("\"kind\":\"Status\""), malformed.body());
        HttpResponse<String> unknown = http.send(req(cluster.masterUrl() + "/api/v1/namespaces/t/widgets").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        HttpResponse<String> selector = http.send(req(base + "?labelSelector=a%20in%20(b").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, selector.statusCode());
        HttpResponse<String> patchMissing = http.send(req(base + "/ghost").method("PATCH",
                        HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/merge-patch+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, patchMissing.statusCode());
        HttpResponse<String> wrongType = http.send(req(base).POST(HttpRequest.BodyPublishers.ofString("a: b"))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, wrongType.statusCode());
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base)).GET()
                .header("Authorization", "Bearer expired-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
        assertEquals(200, http.send(req(base).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpRequest.Builder req(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + SandboxAuth.ADMIN_TOKEN);
    }
}
