package io.flightdeck.sandbox.server;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fabric8 informer on pods sees every change; after a dropped watch it resumes from its resourceVersion without
 * listing again; after the history is gone (410) it lists again and still sees every change.
 */
class InformerResumeTest {

    SandboxCluster cluster;
    KubernetesClient client;
    SharedIndexInformer<Pod> informer;
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        // No kubelet: nothing but the test changes these pods.
        cluster = SandboxCluster.start(SandboxOptions.empty(1).withControllers(false));
        client = cluster.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("w").endMetadata().build())
                .create();
        informer = client.pods().inNamespace("w").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                events.add("ADD " + p.getMetadata().getName() + " " + p.getMetadata().getLabels().get("v"));
            }

            @Override
            public void onUpdate(Pod o, Pod n) {
                events.add("UPDATE " + n.getMetadata().getName() + " " + n.getMetadata().getLabels().get("v"));
            }

            @Override
            public void onDelete(Pod p, boolean unknown) {
                events.add("DELETE " + p.getMetadata().getName());
            }
        }, 0);
        informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        informer.close();
        client.close();
        cluster.close();
    }

    @Test
    void seesEveryChangeAcrossDroppedWatchesAnd410() throws Exception {
        long listsAtStart = cluster.server().requestCount("list", "pods");
        assertEquals(1, listsAtStart);
        changeAndExpect("a", 20);

        cluster.store().dropWatches();
        changeAndExpect("b", 20);
        assertEquals(listsAtStart, cluster.server().requestCount("list", "pods"), "resumed without a relist");
        assertTrue(cluster.server().requestCount("watch", "pods") >= 2, "watched again");

        cluster.store().expireWatchHistory();
        cluster.store().dropWatches();
        change("c", 20);
        // Across a relist an informer promises the final state, not every intermediate one.
        String expected = serverState();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!expected.equals(informerState()) && System.nanoTime() < deadline) {
            events.poll(200, TimeUnit.MILLISECONDS);
        }
        assertEquals(expected, informerState());
        assertTrue(cluster.server().requestCount("list", "pods") > listsAtStart, "relisted after 410");
        assertEquals(20 * 3 - 3 * 5, informer.getStore().list().size());
    }

    private String serverState() {
        return state(client.pods().inNamespace("w").list().getItems());
    }

    private String informerState() {
        return state(informer.getStore().list());
    }

    private static String state(java.util.List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName() + "=" + p.getMetadata().getLabels().get("v") + "@"
                + p.getMetadata().getResourceVersion()).sorted().toList().toString();
    }

    /** Creates n pods, relabels them all, deletes five, and checks that the informer saw exactly that. */
    private void changeAndExpect(String prefix, int n) throws InterruptedException {
        Set<String> expected = change(prefix, n);
        Set<String> seen = new HashSet<>();
        while (!seen.containsAll(expected)) {
            String e = events.poll(15, TimeUnit.SECONDS);
            assertNotNull(e, "informer missed " + missing(expected, seen));
            seen.add(e);
        }
    }

    private Set<String> change(String prefix, int n) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            client.pods().inNamespace("w").resource(new PodBuilder().withNewMetadata().withName(name)
                    .addToLabels("v", "1").endMetadata().withNewSpec().addNewContainer().withName("app")
                    .withImage("shop/app:1").endContainer().endSpec().build()).create();
            expected.add("ADD " + name + " 1");
        }
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            client.pods().inNamespace("w").withName(name).edit(p -> new PodBuilder(p).editMetadata()
                    .addToLabels("v", "2").endMetadata().build());
            expected.add("UPDATE " + name + " 2");
        }
        for (int i = 0; i < 5; i++) {
            String name = prefix + i;
            client.pods().inNamespace("w").withName(name).withGracePeriod(0).delete();
            expected.add("DELETE " + name);
        }
        return expected;
    }

    private static Set<String> missing(Set<String> expected, Set<String> seen) {
        Set<String> m = new HashSet<>(expected);
        m.removeAll(seen);
        return m;
    }
}
