package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The owner index and its lazily rebuilt snapshots, without a cluster: children before owners, rows and pod
 * snapshots kept as the same instances until they change, events of the Deployment, its ReplicaSets and pods newest
 * first, ownership changes and deletions, and concurrent writers.
 */
class ClusterStateIndexTest {

    static final WorkloadKey WEB = new WorkloadKey("shop", "web");
    static final Instant T = Instant.parse("2026-01-01T00:05:00Z");

    final LiveClusterState state = new LiveClusterState(new ConnectionStatus(ConnectionStatus.State.CONNECTING,
            "test", "", T), Clock.fixed(T, ZoneOffset.UTC));
    final Deployment web = Fixtures.deployment("web", "d-web", 2, "shop/web:1.0");
    final Deployment api = Fixtures.deployment("api", "d-api", 1, "shop/api:2.0");
    final ReplicaSet webA = Fixtures.replicaSet("web-a", "r-a", web, 1, "a", 0);
    final ReplicaSet webB = Fixtures.replicaSet("web-b", "r-b", web, 2, "b", 2);

    @Test
    void childrenArrivingBeforeTheirOwnersAreFoundOnceItComes() {
        state.putPod(Fixtures.pod("web-b-1", "p1", webB, "1"));
        state.putReplicaSet(webB);
        assertEquals(List.of(), state.workloads());
        state.putReplicaSet(webA);
        state.putDeployment(web);
        WorkloadSnapshot row = state.workloads().get(0);
        assertEquals(WEB, row.key());
        assertEquals(List.of(2L, 1L), row.revisions().stream().map(r -> r.number()).toList(), "newest first");
        assertEquals(List.of("web-b-1"), names(state.detail(WEB).orElseThrow()));
    }

    @Test
    void unchangedRowsListsDetailsAndPodsAreTheSameInstances() {
        fill();
        List<WorkloadSnapshot> rows = state.workloads();
        WorkloadDetail detail = state.detail(WEB).orElseThrow();
        long v = state.version();
        assertSame(rows, state.workloads());
        assertSame(detail, state.detail(WEB).orElseThrow());

        Pod changed = new PodBuilder(Fixtures.pod("web-b-2", "p2", webB, "20")).editStatus().withPodIP("10.0.0.9")
                .endStatus().build();
        state.putPod(changed);
        assertTrue(state.version() > v);
        assertSame(rows, state.workloads(), "a pod change rebuilds no row");
        WorkloadDetail after = state.detail(WEB).orElseThrow();
        assertNotSame(detail, after);
        assertSame(detail.workload(), after.workload());
        assertSame(detail.pods().get(0), after.pods().get(0), "the unchanged pod's snapshot is kept");
        assertEquals("10.0.0.9", after.pods().get(1).podIp());

        state.putReplicaSet(new ReplicaSetBuilder(webB).editStatus().withReadyReplicas(1).endStatus().build());
        List<WorkloadSnapshot> rows2 = state.workloads();
        assertNotSame(rows, rows2);
        assertSame(rows.get(0), rows2.get(0), "api's row is kept");
        assertNotSame(rows.get(1), rows2.get(1));
        assertTrue(rows2.get(1).version() > rows.get(1).version());
        assertEquals(1, rows2.get(1).revisions().get(0).ready());
    }

    @Test
    void eventsOfTheDeploymentItsReplicaSetsAndPodsNewestFirst() {
        fill();
        Pod p1 = Fixtures.pod("web-b-1", "p1", webB, "10");
        state.putEvent(Fixtures.event("e1", web, "Normal", "ScalingReplicaSet", "Scaled up", T.minusSeconds(50)));
        state.putEvent(Fixtures.event("e2", webB, "Normal", "SuccessfulCreate", "Created pod", T.minusSeconds(40)));
        state.putEvent(Fixtures.event("e3", p1, "Warning", "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503", T.minusSeconds(1)));
        state.putEvent(Fixtures.event("e4", api, "Normal", "ScalingReplicaSet", "not web's", T));
        WorkloadDetail d = state.detail(WEB).orElseThrow();
        assertEquals(List.of("e3", "e2", "e1"), d.events().stream().map(EventSnapshot::uid).toList());
        assertTrue(d.events().get(0).warning());
        PodSnapshot pod = d.pods().get(0);
        assertEquals("Readiness probe failed: HTTP probe failed with statuscode: 503",
                pod.probes().get(1).lastFailure(), "the pod's snapshot was rebuilt for its event");
        assertEquals(ProbeHealth.PASSING, pod.probes().get(1).health(), "still ready");

        state.removeEvent(Fixtures.event("e3", p1, "Warning", "Unhealthy", "", T));
        assertEquals(List.of("e2", "e1"), state.detail(WEB).orElseThrow().events().stream().map(EventSnapshot::uid)
                .toList());
    }

    @Test
    void ownershipChangesAndDeletions() {
        fill();
        Pod orphan = new PodBuilder(Fixtures.pod("web-b-1", "p1", webB, "30")).editMetadata().withOwnerReferences()
                .endMetadata().build();
        state.putPod(orphan);
        assertEquals(List.of("web-b-2"), names(state.detail(WEB).orElseThrow()));
        state.removePod(Fixtures.pod("web-b-2", "p2", webB, "31"));
        assertEquals(List.of(), names(state.detail(WEB).orElseThrow()));

        state.removeReplicaSet(webB);
        assertEquals(1, state.workloads().get(1).revisions().size());
        state.removeDeployment(web);
        assertEquals(List.of(new WorkloadKey("shop", "api")), state.workloads().stream().map(WorkloadSnapshot::key)
                .toList());
        assertTrue(state.detail(WEB).isEmpty());
        Deployment recreated = new DeploymentBuilder(web).editMetadata().withUid("d-web-2").endMetadata().build();
        state.putDeployment(recreated);
        state.removeDeployment(web);
        assertEquals(2, state.workloads().size(), "the delete of the old object leaves the new one");
    }

    @Test
    void anUpdateWithTheSameResourceVersionIsSkipped() {
        fill();
        StateHandler<Pod> handler = new StateHandler<>("pods", state::putPod, state::removePod);
        Pod p = Fixtures.pod("web-b-1", "p1", webB, "10");
        long v = state.version();
        handler.onUpdate(p, new PodBuilder(p).build());
        assertEquals(v, state.version());
        handler.onUpdate(p, new PodBuilder(p).editMetadata().withResourceVersion("11").endMetadata().build());
        assertTrue(state.version() > v);
    }

    @Test
    void concurrentWritersAndAReaderAgreeInTheEnd() throws Exception {
        state.putDeployment(web);
        state.putReplicaSet(webB);
        int writers = 4;
        int podsEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < podsEach; i++) {
                    for (int rv = 1; rv <= 3; rv++) {
                        state.putPod(Fixtures.pod("web-b-" + id + "-" + i, id + "-" + i, webB, Integer.toString(rv)));
                    }
                }
                return null;
            }));
        }
        Future<?> reader = pool.submit(() -> {
            go.await();
            while (done.stream().anyMatch(f -> !f.isDone())) {
                state.workloads();
                state.detail(WEB);
            }
            return null;
        });
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        WorkloadDetail d = state.detail(WEB).orElseThrow();
        assertEquals(writers * podsEach, d.pods().size());
        assertTrue(d.pods().stream().allMatch(p -> "3".equals(p.resourceVersion())), "every pod's last version");
    }

    private void fill() {
        state.putDeployment(api);
        state.putDeployment(web);
        state.putReplicaSet(webA);
        state.putReplicaSet(webB);
        state.putPod(Fixtures.pod("web-b-1", "p1", webB, "10"));
        state.putPod(Fixtures.pod("web-b-2", "p2", webB, "11"));
    }

    private static List<String> names(WorkloadDetail d) {
        return d.pods().stream().map(PodSnapshot::name).toList();
    }
}
