package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.Health;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import io.flightdeck.model.ProbeState;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session on the sandbox's shop, through fabric8 and the sandbox's HTTP API: the state holds its six Deployments
 * with their revisions, pods, probes and events; a new image rolls out as a new revision until healthy; a pod made to
 * fail readiness shows as not ready with a failing readiness probe within 2 s.
 */
class ClusterStateSandboxTest {

    static final WorkloadKey STOREFRONT = new WorkloadKey("shop", "storefront");
    static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");

    SandboxCluster cluster;
    ClusterSession session;
    final Poll.Threads threads = new Poll.Threads();

    @BeforeEach
    void start() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
        session = ClusterSession.open("sandbox", cluster::clientConfig, NamespaceSelection.of("shop"), threads,
                ClusterSession.Options.defaults());
        session.synced().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        session.close();
        cluster.close();
        assertEquals(List.of(), threads.escaped);
    }

    @Test
    void reflectsTheShopAfterSync() {
        LiveClusterState state = session.state();
        List<WorkloadSnapshot> rows = Poll.until(Duration.ofSeconds(30), "all six healthy", state::workloads,
                ClusterStateSandboxTest::settled);
        assertEquals(List.of("cart", "catalog", "checkout", "payments", "search", "storefront"),
                rows.stream().map(w -> w.key().name()).toList());
        WorkloadSnapshot storefront = rows.get(5);
        assertEquals(8, storefront.desired());
        assertEquals(8, storefront.available());
        assertEquals("3.4", storefront.imageTag());
        assertEquals(1, storefront.revisions().size());
        Revision r1 = storefront.revisions().get(0);
        assertEquals(1, r1.number());
        assertEquals(List.of("registry.shop.example/storefront:3.4"), r1.images());
        assertNotNull(r1.podTemplateHash());

        WorkloadDetail detail = Poll.until(Duration.ofSeconds(10), "storefront pods ready and probes passing",
                () -> state.detail(STOREFRONT).orElseThrow(), d -> d.pods().size() == 8 && d.pods().stream()
                        .allMatch(p -> p.ready() && p.probes().stream().allMatch(
                                pr -> pr.health() == ProbeHealth.PASSING)));
        for (PodSnapshot p : detail.pods()) {
            assertEquals(r1.podTemplateHash(), p.podTemplateHash());
            assertEquals("Running", p.status());
            assertEquals("registry.shop.example/storefront:3.4", p.image());
            assertEquals(List.of(ProbeKind.STARTUP, ProbeKind.READINESS, ProbeKind.LIVENESS),
                    p.probes().stream().map(ProbeState::kind).toList());
        }
        assertEquals("HTTP GET :8080/ready every 5s, timeout 1s, 3 failures, initial delay 3s",
                detail.pods().get(0).probes().get(1).configured());
        Set<String> reasons = detail.events().stream().map(EventSnapshot::reason).collect(Collectors.toSet());
        assertTrue(reasons.containsAll(Set.of("ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Started")),
                "events of the Deployment, its ReplicaSet and pods: " + reasons);
        for (int i = 1; i < detail.events().size(); i++) {
            assertFalse(detail.events().get(i).lastSeen().isAfter(detail.events().get(i - 1).lastSeen()),
                    "newest first");
        }
        assertEquals(ConnectionStatus.State.CONNECTED, state.connection().state());
        assertTrue(session.healthy());
    }

    @Test
    void aNewImageRollsOutAsANewRevisionUntilHealthy() {
        LiveClusterState state = session.state();
        Poll.until(Duration.ofSeconds(30), "all six healthy", state::workloads, ClusterStateSandboxTest::settled);
        WorkloadSnapshot before = row(state, STOREFRONT);
        WorkloadSnapshot cart = row(state, new WorkloadKey("shop", "cart"));
        try (KubernetesClient client = cluster.newClient()) {
            client.apps().deployments().inNamespace("shop").withName("storefront").edit(d -> new DeploymentBuilder(d)
                    .editSpec().editTemplate().editSpec().editFirstContainer()
                    .withImage("registry.shop.example/storefront:3.5").endContainer().endSpec().endTemplate()
                    .endSpec().build());
        }
        WorkloadSnapshot progressing = Poll.until(Duration.ofSeconds(10), "a second revision, progressing",
                () -> row(state, STOREFRONT), w -> w.revisions().size() == 2 && w.health() == Health.PROGRESSING);
        assertEquals(2, progressing.revisions().get(0).number(), "newest first");
        assertEquals(List.of("registry.shop.example/storefront:3.5"), progressing.revisions().get(0).images());
        assertEquals("3.5", progressing.imageTag());
        assertTrue(progressing.message().startsWith("Waiting for"), progressing.message());
        assertTrue(progressing.version() > before.version());

        WorkloadSnapshot done = Poll.until(Duration.ofSeconds(60), "rollout complete", () -> row(state, STOREFRONT),
                w -> w.health() == Health.HEALTHY && w.revisions().size() == 2
                        && w.revisions().get(0).available() == 8 && w.revisions().get(1).current() == 0);
        Revision newest = done.revisions().get(0);
        assertEquals(0, done.revisions().get(1).desired());
        assertEquals(8, done.updated());
        WorkloadDetail detail = Poll.until(Duration.ofSeconds(10), "only new pods", () -> state.detail(STOREFRONT)
                .orElseThrow(), d -> d.pods().size() == 8 && d.pods().stream().allMatch(
                p -> newest.podTemplateHash().equals(p.podTemplateHash()) && p.ready()));
        assertEquals("registry.shop.example/storefront:3.5", detail.pods().get(0).image());
        assertSame(cart, row(state, new WorkloadKey("shop", "cart")), "rows of untouched Deployments are kept");
    }

    @Test
    void aPodFailingReadinessTurnsNotReadyWithAFailingProbeWithinTwoSeconds() {
        LiveClusterState state = session.state();
        WorkloadDetail healthy = Poll.until(Duration.ofSeconds(30), "checkout ready", () -> state.detail(CHECKOUT)
                .orElse(null), d -> d != null && d.workload().health() == Health.HEALTHY && d.pods().size() == 3
                && d.pods().stream().allMatch(PodSnapshot::ready));
        // The first watch events after start pay for class loading and JIT on both ends; time the second pod.
        String warmUp = healthy.pods().get(0).name();
        cluster.kubelet().failReadiness("shop", warmUp, true);
        Poll.until(Duration.ofSeconds(10), "warm-up pod not ready", () -> pod(state, CHECKOUT, warmUp),
                p -> p != null && !p.ready());
        String pod = healthy.pods().get(1).name();
        long t0 = System.nanoTime();
        cluster.kubelet().failReadiness("shop", pod, true);
        PodSnapshot failing = Poll.until(Duration.ofSeconds(2), "pod not ready with a failing readiness probe",
                () -> pod(state, CHECKOUT, pod), p -> p != null && !p.ready()
                        && p.probes().get(1).health() == ProbeHealth.FAILING);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ProbeState readiness = failing.probes().get(1);
        assertTrue(readiness.lastFailure().startsWith("Readiness probe failed: "), readiness.lastFailure());
        assertNotNull(readiness.lastFailureAt());
        assertEquals(ProbeHealth.PASSING, failing.probes().get(2).health(), "liveness still passes");
        assertTrue(ms < 2000, "took " + ms + " ms");
        assertTrue(state.detail(CHECKOUT).orElseThrow().events().stream().anyMatch(e -> e.warning()
                && "Unhealthy".equals(e.reason()) && pod.equals(e.objectName())), "the Unhealthy event is listed");
    }

    /** All six healthy, and their ReplicaSets' status caught up with their Deployments'. */
    static boolean settled(List<WorkloadSnapshot> rows) {
        return rows.size() == 6 && rows.stream().allMatch(w -> w.health() == Health.HEALTHY
                && w.revisions().get(0).available() == w.desired());
    }

    static WorkloadSnapshot row(ClusterState state, WorkloadKey key) {
        return state.workloads().stream().filter(w -> w.key().equals(key)).findFirst().orElse(null);
    }

    static PodSnapshot pod(ClusterState state, WorkloadKey key, String name) {
        Optional<WorkloadDetail> d = state.detail(key);
        return d.flatMap(x -> x.pods().stream().filter(p -> p.name().equals(name)).findFirst()).orElse(null);
    }
}
