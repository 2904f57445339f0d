package io.flightdeck.sandbox.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real kubectl against a throwaway API server that serves only /version, discovery and the shop's pods, the pods as
 * the Tables this package makes: checks what kubectl prints for get, get -o wide, get -w and get --sort-by, and the
 * Accept header and query parameters it sent. Skipped when kubectl is not installed.
 */
@Tag("kubectl")
class TableKubectlTest {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    /** One request as the server saw it. */
    record Seen(String method, String pathAndQuery, String accept) {
    }

    @TempDir
    Path home;

    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        int port = server.getAddress().getPort();
        Files.writeString(home.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: dev
                  user: {token: sandbox}
                contexts:
                - name: sandbox
                  context: {cluster: sandbox, user: dev, namespace: default}
                current-context: sandbox
                """.formatted(port));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void kubectlPrintsTheServersTables() throws Exception {
        // /usr/bin/kubectl may be gcloud's dispatcher, which runs the kubectl matching the server's /version.
        assertTrue(kubectl("version").contains("Client Version: v1.32."), "kubectl 1.32 expected");
        assertEquals("""
                NAME                       READY   STATUS             RESTARTS      AGE
                cart-7d9f8b6c5-x2x9z       1/1     Running            0             3h
                checkout-5f6d7c8b9-k4m2p   0/1     CrashLoopBackOff   5 (30s ago)   10m
                """, kubectl("get", "pods", "-n", "shop"));
        // Wide lines are long: each is wrapped once with a text-block line continuation.
        assertEquals("""
                NAME                       READY   STATUS             RESTARTS      AGE   IP            NODE  \
                           NOMINATED NODE   READINESS GATES
                cart-7d9f8b6c5-x2x9z       1/1     Running            0             3h    10.244.0.12   sandbox\
                -node-2   <none>           <none>
                checkout-5f6d7c8b9-k4m2p   0/1     CrashLoopBackOff   5 (30s ago)   10m   10.244.1.7    sandbox\
                -node-1   <none>           <none>
                """, kubectl("get", "pods", "-n", "shop", "-o", "wide"));
        // The list, then a watch from the Table's resourceVersion: one header, rows as events arrive.
        assertEquals("""
                NAME                       READY   STATUS             RESTARTS      AGE
                cart-7d9f8b6c5-x2x9z       1/1     Running            0             3h
                checkout-5f6d7c8b9-k4m2p   0/1     CrashLoopBackOff   5 (30s ago)   10m
                checkout-5f6d7c8b9-k4m2p   0/1     CrashLoopBackOff   6 (30s ago)   10m
                cart-7d9f8b6c5-x2x9z       1/1     Terminating        0             3h
                """, kubectl("get", "pods", "-n", "shop", "-w"));
        // --sort-by needs whole objects in the rows (and turns off chunking: no limit).
        assertEquals("""
                NAME                       READY   STATUS             RESTARTS      AGE
                checkout-5f6d7c8b9-k4m2p   0/1     CrashLoopBackOff   5 (30s ago)   10m
                cart-7d9f8b6c5-x2x9z       1/1     Running            0             3h
                """, kubectl("get", "pods", "-n", "shop", "--sort-by=.spec.nodeName"));

        List<Seen> pods = seen.stream().filter(s -> s.pathAndQuery().startsWith("/api/v1/namespaces/shop/pods"))
                .toList();
        String tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assertEquals(List.of(
                new Seen("GET", "/api/v1/namespaces/shop/pods?limit=500", tableAccept),
                new Seen("GET", "/api/v1/namespaces/shop/pods?limit=500", tableAccept),
                new Seen("GET", "/api/v1/namespaces/shop/pods?limit=500", tableAccept),
                new Seen("GET", "/api/v1/namespaces/shop/pods?resourceVersion=100&watch=true", tableAccept),
                new Seen("GET", "/api/v1/namespaces/shop/pods?includeObject=Object", tableAccept)), pods);
    }

    private String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
                home.resolve("kubeconfig").toString(), "--cache-dir", home.resolve("cache").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(home, "kubectl", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("KUBECONFIG");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("kubectl did not finish: " + String.join(" ", command) + "\n"
                    + Files.readString(output));
        }
        String out = Files.readString(output);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String accept = ex.getRequestHeaders().getFirst("Accept");
            String query = ex.getRequestURI().getRawQuery();
            String path = ex.getRequestURI().getPath();
            seen.add(new Seen(ex.getRequestMethod(), path + (query == null ? "" : "?" + query), accept));
            switch (path) {
                case "/api" -> reply(ex, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],"
                        + "\"serverAddressByClientCIDRs\":[{\"clientCIDR\":\"0.0.0.0/0\","
                        + "\"serverAddress\":\"127.0.0.1\"}]}");
                case "/version" -> reply(ex, 200, "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.5\","
                        + "\"platform\":\"linux/amd64\"}");
                case "/apis" -> reply(ex, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
                case "/api/v1" -> reply(ex, 200, """
                        {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
                          {"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod",
                           "verbs": ["get", "list", "watch"], "shortNames": ["po"], "categories": ["all"]}]}
                        """);
                case "/api/v1/namespaces/shop/pods" -> pods(ex, accept, query == null ? "" : query);
                default -> reply(ex, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                        + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
                        + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}");
            }
        }
    }

    private void pods(HttpExchange ex, String accept, String query) throws IOException {
        String version = Tables.tableApiVersion(accept);
        if (query.contains("watch=true")) {
            Tables.Options options = new Tables.Options(version == null ? Tables.V1 : version, null, false);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            ObjectNode crashing = crashing(6, "101");
            out.write(Json.bytes(Tables.watchEvent("MODIFIED", Kinds.POD, crashing, options, now)));
            out.write('\n');
            out.flush();
            ObjectNode terminating = running("102");
            ((ObjectNode) terminating.get("metadata")).put("deletionTimestamp", Json.time(now.plusSeconds(30)));
            out.write(Json.bytes(Tables.watchEvent("MODIFIED", Kinds.POD, terminating, options.withoutHeaders(),
                    now)));
            out.write('\n');
            out.flush();
            return;
        }
        String includeObject = query.contains("includeObject=Object") ? "Object" : null;
        List<ObjectNode> pods = List.of(running("95"), crashing(5, "99"));
        if (version == null) {
            ObjectNode list = Json.object().put("kind", "PodList").put("apiVersion", "v1");
            list.putObject("metadata").put("resourceVersion", "100");
            pods.forEach(list.putArray("items")::add);
            reply(ex, 200, list.toString());
            return;
        }
        Tables.Options options = new Tables.Options(version, includeObject, false);
        reply(ex, 200, Tables.table(Kinds.POD, pods, options, now, "100", null).toString());
    }

    private ObjectNode running(String resourceVersion) {
        return TablePodTest.parse("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "cart-7d9f8b6c5-x2x9z", "namespace": "shop", "resourceVersion": "%s",
                              "creationTimestamp": "%s", "labels": {"app": "cart"}},
                 "spec": {"nodeName": "sandbox-node-2", "containers": [{"name": "cart", "image": "shop/cart:2.1"}]},
                 "status": {"phase": "Running", "podIP": "10.244.0.12",
                            "conditions": [{"type": "Ready", "status": "True"}],
                            "containerStatuses": [{"name": "cart", "ready": true, "restartCount": 0,
                                                   "state": {"running": {}}}]}}
                """.formatted(resourceVersion, Json.time(now.minus(3, ChronoUnit.HOURS))));
    }

    private ObjectNode crashing(int restarts, String resourceVersion) {
        return TablePodTest.parse("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "checkout-5f6d7c8b9-k4m2p", "namespace": "shop", "resourceVersion": "%s",
                              "creationTimestamp": "%s", "labels": {"app": "checkout"}},
                 "spec": {"nodeName": "sandbox-node-1",
                          "containers": [{"name": "checkout", "image": "shop/checkout:2.1-crash"}]},
                 "status": {"phase": "Running", "podIP": "10.244.1.7",
                            "conditions": [{"type": "Ready", "status": "False"}],
                            "containerStatuses": [{"name": "checkout", "ready": false, "restartCount": %d,
                                "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                                "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                              "finishedAt": "%s"}}}]}}
                """.formatted(resourceVersion, Json.time(now.minus(10, ChronoUnit.MINUTES)), restarts,
                Json.time(now.minusSeconds(30))));
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
