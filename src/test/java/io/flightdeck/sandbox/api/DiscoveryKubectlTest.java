package io.flightdeck.sandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real kubectl against a {@link DiscoveryTestServer} that answers with {@link Discovery}'s documents, one
 * canned Deployment (shop/web) and a 404 Status for everything else, and checks what kubectl made of the documents from its
 * output and from the requests it sent. Validation stays on (kubectl's default --validate=strict). Skipped where
 * kubectl is not installed.
 */
@Tag("kubectl")
class DiscoveryKubectlTest {

    private static final String WEB = "/apis/apps/v1/namespaces/shop/deployments/web";
    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    ports: [{containerPort: 80}]
            """;

    private static DiscoveryTestServer server;
    private static String kubectl;

    @TempDir
    static Path dir;

    private record Run(int exit, String out, String err, List<String> requests) {
        boolean requested(String prefix) {
            return requests.stream().anyMatch(r -> r.startsWith(prefix));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        kubectl = kubectlPath().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        server = new DiscoveryTestServer(Map.of(WEB, webDeployment()));
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: sandbox, cluster: {server: "%s"}}
                users:
                - {name: dev, user: {token: sandbox}}
                contexts:
                - {name: sandbox, context: {cluster: sandbox, user: dev, namespace: shop}}
                current-context: sandbox
                """.formatted(server.url()));
        Files.writeString(dir.resolve("web.yaml"), MANIFEST);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Optional<String> kubectlPath() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "kubectl"))) {
                return Optional.of(Path.of(d, "kubectl").toString());
            }
        }
        return Optional.empty();
    }

    /** shop/web as last applied with nginx:1.26 and env A, plus a sidecar some other client added. */
    private static byte[] webDeployment() {
        String applied = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"shop\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":"
                + "\"web\",\"image\":\"nginx:1.26\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}}}}";
        String containers = "[{\"name\":\"web\",\"image\":\"nginx:1.26\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]},"
                + "{\"name\":\"sidecar\",\"image\":\"envoy:1.31\"}]";
        return ("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":"
                + "\"shop\",\"uid\":\"1\",\"resourceVersion\":\"5\",\"generation\":1,\"annotations\":{"
                + "\"kubectl.kubernetes.io/last-applied-configuration\":" + quote(applied) + "}},\"spec\":{"
                + "\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{"
                + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":" + containers + "}}},\"status\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Runs kubectl with a fresh discovery cache, so that every run shows all the requests it needs. */
    private static Run kubectl(String... args) throws IOException, InterruptedException {
        server.takeRequests();
        Path cache = Files.createTempDirectory(dir, "cache");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--cache-dir", cache.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err), server.takeRequests());
    }

    @Test
    void apiResourcesListsEveryKindFromOneAggregatedRequestPerRoot() throws Exception {
        Run run = kubectl("api-resources", "-o", "wide");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
        for (ResourceKind kind : Kinds.ALL) {
            String expected = String.join(" ", List.of(kind.plural(), String.join(",", kind.shortNames()),
                    kind.apiVersion(), String.valueOf(kind.namespaced()), kind.kind())).replace("  ", " ");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(expected)), expected + " in\n" + run.out());
        }
        assertTrue(run.requested("GET /api?"), run.requests().toString());
        assertTrue(run.requested("GET /apis?"), run.requests().toString());
        assertFalse(run.requested("GET /apis/apps/v1"), "aggregated discovery makes per-group requests needless");
    }

    @Test
    void rawCoreResourceListShowsPodsProxy() throws Exception {
        Run run = kubectl("get", "--raw", "/api/v1");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("{\"name\":\"pods/proxy\",\"singularName\":\"\",\"namespaced\":true,"
                + "\"kind\":\"PodProxyOptions\",\"verbs\":[\"create\",\"delete\",\"get\",\"patch\",\"update\"]}"),
                run.out());
    }

    @Test
    void shortNamesResolveToTheirResources() throws Exception {
        Run run = kubectl("get", "deploy,po,svc,rs,cm,ns,ep,ev", "-n", "shop");
        List<String> lists = run.requests().stream().filter(r -> r.startsWith("GET ") && r.contains("limit="))
                .map(r -> r.substring(4, r.indexOf('?'))).toList();
        assertEquals(List.of("/apis/apps/v1/namespaces/shop/deployments", "/api/v1/namespaces/shop/pods",
                "/api/v1/namespaces/shop/services", "/apis/apps/v1/namespaces/shop/replicasets",
                "/api/v1/namespaces/shop/configmaps", "/api/v1/namespaces", "/api/v1/namespaces/shop/endpoints",
                "/api/v1/namespaces/shop/events"), lists, run.err());
    }

    @Test
    void explainReadsTheOpenApiV3Schema() throws Exception {
        Run run = kubectl("explain", "deployment.spec.replicas");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("FIELD: replicas <integer>"), run.out());
        assertTrue(run.out().contains("Number of desired pods"), run.out());
        assertTrue(run.requested("GET /openapi/v3/apis/apps/v1?hash="), run.requests().toString());
    }

    @Test
    void clientDryRunsValidateWithTheOpenApiDocument() throws Exception {
        Path all = dir.resolve("all.yaml");
        Files.writeString(all, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: shop-config, namespace: shop}
                data: {mode: canary}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: shop}
                spec: {rules: [{backendRefs: [{name: shop, port: 80}]}]}
                """);
        for (String verb : List.of("apply", "create")) {
            Run run = kubectl(verb, "--dry-run=client", "-f", "web.yaml", "-f", "all.yaml");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("deployment.apps/web"), run.out());
            assertTrue(run.out().contains("httproute.gateway.networking.k8s.io/shop"), run.out());
            assertFalse(run.err().contains("openapi"), run.err());
            assertTrue(run.requested("GET /openapi/v3/api/v1?hash="), run.requests().toString());
            assertFalse(run.requested("GET /openapi/v2"), "v3 alone settles validation");
        }
    }

    @Test
    void serverDryRunAsksTheServerToValidateStrictly() throws Exception {
        Run run = kubectl("create", "--dry-run=server", "-f", "web.yaml");
        String post = run.requests().stream().filter(r -> r.startsWith("POST ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.err() + run.requests()));
        assertTrue(post.startsWith("POST /apis/apps/v1/namespaces/shop/deployments?"), post);
        assertTrue(post.contains("dryRun=All") && post.contains("fieldValidation=Strict"), post);
        assertTrue(post.contains("[application/json]"), post);
    }

    @Test
    void applyPatchesWithKubectlsOwnMergeKeys() throws Exception {
        Run run = kubectl("apply", "-f", "web.yaml");
        String patch = run.requests().stream().filter(r -> r.startsWith("PATCH ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.err() + run.requests()));
        assertTrue(patch.startsWith("PATCH " + WEB + "?"), patch);
        assertTrue(patch.contains("fieldValidation=Strict"), patch);
        assertTrue(patch.contains("[application/strategic-merge-patch+json]"), patch);
        assertTrue(patch.contains("\"$setElementOrder/env\":[{\"name\":\"A\"},{\"name\":\"B\"}]"), patch);
        assertFalse(patch.contains("sidecar"), "the sidecar another client added survives the merge");
        assertFalse(run.err().contains("warning"), run.err());
    }

    @Test
    void scaleUsesTheScaleSubresourceFromDiscovery() throws Exception {
        Run run = kubectl("scale", "deploy", "web", "--replicas=3");
        assertTrue(run.requests().contains("PATCH " + WEB + "/scale [application/merge-patch+json] "
                + "{\"spec\":{\"replicas\":3}}"), run.requests().toString());
    }

    @Test
    void versionReportsTheSandboxAsKubernetes132() throws Exception {
        Run run = kubectl("version");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Server Version: " + Discovery.GIT_VERSION), run.out());
        assertFalse(run.requests().isEmpty());
        assertTrue(run.requests().stream().allMatch(r -> r.startsWith("GET /version")), run.requests().toString());
    }
}
