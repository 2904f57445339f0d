package io.flightdeck.sandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fabric8 8.0.0 reading the sandbox's version and legacy discovery documents, as Flightdeck's cluster code does. */
class DiscoveryFabric8Test {

    private static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/shop/leases/flightdeck";
    private static DiscoveryTestServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        byte[] lease = ("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":"
                + "\"flightdeck\",\"namespace\":\"shop\"},\"spec\":{\"holderIdentity\":\"me\"}}")
                .getBytes(StandardCharsets.UTF_8);
        server = new DiscoveryTestServer(Map.of(LEASE, lease));
        Config config = new ConfigBuilder().withMasterUrl(server.url()).withNamespace("shop")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void versionAndGroupsAreReadable() {
        assertEquals("32", client.getKubernetesVersion().getMinor());
        assertEquals(Discovery.GIT_VERSION, client.getKubernetesVersion().getGitVersion());
        assertEquals(Kinds.groups().size(), client.getApiGroups().getGroups().size());
        assertEquals("apps/v1", client.getApiGroup("apps").getPreferredVersion().getGroupVersion());
        assertTrue(client.hasApiGroup("gateway.networking.k8s.io", false));
    }

    @Test
    void resourcesAndSupportComeFromDiscovery() {
        List<String> names = client.getApiResources("apps/v1").getResources().stream().map(APIResource::getName)
                .toList();
        assertTrue(names.containsAll(List.of("deployments", "deployments/scale", "replicasets")), names.toString());
        assertTrue(client.supports(Deployment.class));
        assertTrue(client.supports(HTTPRoute.class));
    }

    @Test
    void genericResourcesFindTheirPluralThroughDiscovery() {
        server.takeRequests();
        GenericKubernetesResource lease = client.genericKubernetesResources("coordination.k8s.io/v1", "Lease")
                .inNamespace("shop").withName("flightdeck").get();
        assertEquals("me", ((Map<?, ?>) lease.getAdditionalProperties().get("spec")).get("holderIdentity"));
        assertTrue(server.takeRequests().contains("GET " + LEASE), "plural leases resolved from /apis/.../v1");
    }
}
