package io.flightdeck.cluster;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.ConnectionStatus.State;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection banner's states against the sandbox and against servers that are not there: a forbidden namespace
 * names the verb, resource and namespace while the allowed namespaces still show; a closed port and an untrusted
 * certificate are unreachable with the address and the cause in plain words; dropped watches show reconnecting, then
 * connected. Nothing escapes as an exception.
 */
class ConnectionStatusTest {

    final Poll.Threads threads = new Poll.Threads();
    SandboxCluster cluster;
    ClusterSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        assertEquals(List.of(), threads.escaped, "exceptions escaped");
    }

    @Test
    void aForbiddenNamespaceNamesVerbResourceAndNamespace() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
        createNamespace("payments");
        cluster.server().rbac().deny("list:pods:payments");
        session = open("sandbox", cluster::clientConfig, NamespaceSelection.of("shop", "payments"));
        ConnectionStatus status = Poll.until(Duration.ofSeconds(15), "forbidden", session::status,
                s -> s.state() == State.FORBIDDEN);
        assertEquals("forbidden: list pods in namespace payments", status.detail());
        assertEquals("sandbox", status.cluster());
        List<WorkloadSnapshot> shop = Poll.until(Duration.ofSeconds(15), "the allowed namespace still shows",
                session.state()::workloads, l -> l.size() == 6);
        assertTrue(shop.stream().allMatch(w -> w.key().namespace().equals("shop")));
        assertEquals(status, session.state().connection());

        cluster.server().rbac().clear();
        Poll.until(Duration.ofSeconds(30), "connected once allowed", session::status,
                s -> s.state() == State.CONNECTED);
    }

    @Test
    void everythingForbiddenInANamespaceListsWhat() {
        cluster = SandboxCluster.start(SandboxOptions.empty(1).withControllers(false));
        createNamespace("payments");
        cluster.server().rbac().deny("*:*:payments");
        session = open("sandbox", cluster::clientConfig, NamespaceSelection.of("payments"));
        ConnectionStatus status = Poll.until(Duration.ofSeconds(15), "forbidden", session::status,
                s -> s.state() == State.FORBIDDEN && s.detail().contains("3 more"));
        assertTrue(status.detail().startsWith("forbidden: list "), status.detail());
        assertTrue(status.detail().contains(" in namespace payments"), status.detail());
    }

    @Test
    void aClosedPortIsUnreachableWithTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        session = open("closed", () -> Config.fromKubeconfig(kubeconfig("http://127.0.0.1:" + port)),
                NamespaceSelection.all());
        ConnectionStatus status = Poll.until(Duration.ofSeconds(15), "unreachable", session::status,
                s -> s.state() == State.UNREACHABLE);
        assertEquals("cannot reach http://127.0.0.1:" + port + ": connection refused by 127.0.0.1:" + port
                + " (nothing listens there)", status.detail());
        assertEquals("closed", status.cluster());
        assertEquals(List.of(), session.state().workloads());
    }

    @Test
    @SuppressWarnings("removal")
    void anUntrustedCertificateIsUnreachableAndTlsStaysVerified() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(cert.keyCertOptions())).requestHandler(r -> r.response().end("{}"));
            int port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
            session = open("tls", () -> Config.fromKubeconfig(kubeconfig("https://localhost:" + port)),
                    NamespaceSelection.all());
            ConnectionStatus status = Poll.until(Duration.ofSeconds(15), "unreachable", session::status,
                    s -> s.state() == State.UNREACHABLE);
            assertEquals("cannot reach https://localhost:" + port + ": TLS failure: the server's certificate is not"
                    + " trusted (unknown certificate authority)", status.detail());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void droppedWatchesShowReconnectingThenConnected() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults());
        session = open("sandbox", cluster::clientConfig, NamespaceSelection.of("shop"));
        Poll.until(Duration.ofSeconds(20), "connected", session::status, s -> s.state() == State.CONNECTED);
        BlockingQueue<ConnectionStatus> changes = new LinkedBlockingQueue<>();
        session.addStatusListener(changes::add);

        cluster.store().dropWatches();
        ConnectionStatus reconnecting = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(reconnecting, "no status change after the watches dropped");
        assertEquals(State.RECONNECTING, reconnecting.state());
        assertNotNull(reconnecting.since());
        assertTrue(reconnecting.detail().startsWith("re-establishing "), reconnecting.detail());
        ConnectionStatus next = reconnecting;
        while (next.state() == State.RECONNECTING) {
            assertEquals(reconnecting.since(), next.since(), "reconnecting since the first drop");
            next = changes.poll(15, TimeUnit.SECONDS);
            assertNotNull(next, "did not reconnect");
        }
        assertEquals(State.CONNECTED, next.state());
    }

    @Test
    void aConnectionSwitchesSessionsAndClosesTheOldOne() {
        cluster = SandboxCluster.start(SandboxOptions.defaults());
        try (ClusterConnection connection = new ClusterConnection(threads)) {
            assertEquals(State.CONNECTING, connection.connection().state());
            ClusterSession first = connection.open("sandbox", cluster::clientConfig, NamespaceSelection.of("shop"));
            Poll.until(Duration.ofSeconds(20), "six deployments", connection::workloads, l -> l.size() == 6);
            long before = connection.version();
            ClusterSession second = connection.open("sandbox", cluster::clientConfig,
                    NamespaceSelection.of("kube-system"));
            assertTrue(connection.version() > before, "the version keeps growing across sessions");
            Poll.until(Duration.ofSeconds(10), "the old session closed", first::isClosed, closed -> closed);
            Poll.until(Duration.ofSeconds(20), "connected to the new one", connection::connection,
                    s -> s.state() == State.CONNECTED);
            assertEquals(List.of(), connection.workloads());
            assertTrue(first.client().isEmpty());
            assertTrue(second.healthy());
        }
    }

    private ClusterSession open(String name, Callable<Config> config, NamespaceSelection namespaces) {
        return ClusterSession.open(name, config, namespaces, threads, ClusterSession.Options.defaults());
    }

    private void createNamespace(String name) {
        try (var client = cluster.newClient()) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(name).endMetadata().build()).create();
        }
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                users:
                - name: u
                  user:
                    token: not-a-real-token
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                """.formatted(server);
    }
}
