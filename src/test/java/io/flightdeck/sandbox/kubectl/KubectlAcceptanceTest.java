package io.flightdeck.sandbox.kubectl;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kubectl 1.32 drives the sandbox like a cluster: get, watch, set image, rollout status/history/undo/pause/resume,
 * scale, logs, auth can-i and apply. Skipped where kubectl is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlAcceptanceTest {

    @TempDir
    static Path dir;
    static SandboxCluster cluster;
    static KubernetesClient client;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl is not installed");
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(10));
        client = cluster.newClient();
        Path kc = dir.resolve("kubeconfig");
        cluster.writeKubeconfig(kc);
        kubectl = new Kubectl(kc);
        client.apps().deployments().inNamespace("shop").withName("checkout")
                .waitUntilCondition(d -> d != null && d.getStatus() != null
                        && d.getStatus().getAvailableReplicas() != null
                        && d.getStatus().getAvailableReplicas().equals(d.getSpec().getReplicas()), 60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void getsDeploymentsReplicaSetsAndPods() throws Exception {
        Kubectl.Result r = kubectl.run("get", "deploy,rs,pods", "-n", "shop");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("deployment.apps/checkout"), r.out());
        assertTrue(r.out().contains("replicaset.apps/checkout-"), r.out());
        assertTrue(r.out().contains("pod/checkout-"), r.out());
        assertTrue(r.out().contains("Running"), r.out());
    }

    @Test
    @Order(2)
    void watchStreamsChanges() throws Exception {
        Process p = kubectl.start("get", "pods", "-n", "shop", "-l", "app=cart", "-w", "--output-watch-events");
        try {
            BlockingQueue<String> lines = Kubectl.lines(p);
            assertNotNull(lines.poll(30, TimeUnit.SECONDS), "kubectl get -w printed nothing");
            int before = client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getReplicas();
            client.apps().deployments().inNamespace("shop").withName("cart").scale(before + 1);
            String added = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (added == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("ADDED") && line.contains("cart-")) {
                    added = line;
                }
            }
            assertNotNull(added, "no ADDED line for the new cart pod");
        } finally {
            p.destroy();
        }
    }

    @Test
    @Order(3)
    void setImageRollsOutAndHistoryUndoRestoresRevisionOne() throws Exception {
        Kubectl.Result set = kubectl.run("set", "image", "deploy/checkout", "app=registry.shop.example/checkout:2.1",
                "-n", "shop");
        assertEquals(0, set.exitCode(), set.toString());
        Kubectl.Result status = kubectl.run("rollout", "status", "deploy/checkout", "-n", "shop", "--timeout=100s");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("successfully rolled out"), status.out());

        Kubectl.Result history = kubectl.run("rollout", "history", "deploy/checkout", "-n", "shop");
        assertEquals(0, history.exitCode(), history.toString());
        assertTrue(history.out().matches("(?s).*\\n1 .*\\n2 .*"), history.out());

        Kubectl.Result undo = kubectl.run("rollout", "undo", "deploy/checkout", "--to-revision=1", "-n", "shop");
        assertEquals(0, undo.exitCode(), undo.toString());
        Deployment d = client.apps().deployments().inNamespace("shop").withName("checkout").get();
        assertEquals("registry.shop.example/checkout:2.0",
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        Kubectl.Result again = kubectl.run("rollout", "status", "deploy/checkout", "-n", "shop", "--timeout=100s");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("3", client.apps().deployments().inNamespace("shop").withName("checkout").get().getMetadata()
                .getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    @Test
    @Order(4)
    void pauseResumeAndScale() throws Exception {
        assertEquals(0, kubectl.run("rollout", "pause", "deploy/search", "-n", "shop").exitCode());
        assertEquals(Boolean.TRUE, client.apps().deployments().inNamespace("shop").withName("search").get().getSpec()
                .getPaused());
        assertEquals(0, kubectl.run("rollout", "resume", "deploy/search", "-n", "shop").exitCode());
        assertTrue(client.apps().deployments().inNamespace("shop").withName("search").get().getSpec().getPaused()
                == null || !client.apps().deployments().inNamespace("shop").withName("search").get().getSpec()
                .getPaused());
        Kubectl.Result scale = kubectl.run("scale", "deploy/payments", "--replicas=5", "-n", "shop");
        assertEquals(0, scale.exitCode(), scale.toString());
        assertEquals(5, client.apps().deployments().inNamespace("shop").withName("payments").get().getSpec()
                .getReplicas());
    }

    @Test
    @Order(5)
    void logsOfAPod() throws Exception {
        String pod = client.pods().inNamespace("shop").withLabel("app", "storefront").list().getItems().stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElseThrow()
                .getMetadata().getName();
        Kubectl.Result logs = kubectl.run("logs", pod, "-n", "shop", "--tail=5");
        assertEquals(0, logs.exitCode(), logs.toString());
        assertTrue(logs.out().lines().count() > 0, "no log lines: " + logs);
    }

    @Test
    @Order(6)
    void authCanIFollowsTheSandboxPolicy() throws Exception {
        Kubectl.Result yes = kubectl.run("auth", "can-i", "list", "pods", "-n", "shop");
        assertEquals("yes", yes.out().trim(), yes.toString());
        cluster.server().rbac().deny("list:pods:shop");
        try {
            Kubectl.Result no = kubectl.run("auth", "can-i", "list", "pods", "-n", "shop");
            assertTrue(no.out().startsWith("no"), no.toString());
            Kubectl.Result forbidden = kubectl.run("get", "pods", "-n", "shop");
            assertTrue(forbidden.exitCode() != 0 && forbidden.err().contains("forbidden"), forbidden.toString());
        } finally {
            cluster.server().rbac().clear();
        }
    }

    @Test
    @Order(7)
    void applyTwice() throws Exception {
        Path file = dir.resolve("promo.yaml");
        Files.writeString(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: promo
                  namespace: shop
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: promo}
                  template:
                    metadata:
                      labels: {app: promo}
                    spec:
                      containers:
                      - name: app
                        image: registry.shop.example/promo:1.0
                        ports:
                        - containerPort: 8080
                """);
        Kubectl.Result first = kubectl.run("apply", "-f", file.toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("created"), first.out());
        Kubectl.Result second = kubectl.run("apply", "-f", file.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("unchanged"), second.out());
        Files.writeString(file, Files.readString(file).replace("replicas: 2", "replicas: 3"));
        Kubectl.Result third = kubectl.run("apply", "-f", file.toString());
        assertTrue(third.out().contains("configured"), third.toString());
        assertEquals(3, client.apps().deployments().inNamespace("shop").withName("promo").get().getSpec()
                .getReplicas());
    }

    @Test
    @Order(8)
    void createNamespaceAndConfigMapSentAsProtobuf() throws Exception {
        Kubectl.Result ns = kubectl.run("create", "namespace", "promo");
        assertEquals(0, ns.exitCode(), ns.toString());
        Kubectl.Result cm = kubectl.run("create", "configmap", "flags", "--from-literal=banner=on", "-n", "promo");
        assertEquals(0, cm.exitCode(), cm.toString());
        assertEquals("on", client.configMaps().inNamespace("promo").withName("flags").get().getData().get("banner"));
        Kubectl.Result dup = kubectl.run("create", "namespace", "promo");
        assertTrue(dup.exitCode() != 0 && dup.err().contains("AlreadyExists"), dup.toString());
    }
}
