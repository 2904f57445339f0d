package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.WatchSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.flightdeck.sandbox.sim.SimFixture.container;
import static io.flightdeck.sandbox.sim.SimFixture.http;
import static io.flightdeck.sandbox.sim.SimFixture.pod;
import static io.flightdeck.sandbox.sim.SimFixture.withProbes;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 pods behind one Service: how long they take to become ready endpoints, and how much CPU the kubelet and
 * endpoints threads use once they run steadily at real-time speed. Run with {@code mvn -Pbench test
 * -Dtest=KubeletScaleBench}.
 */
@Tag("bench")
class KubeletScaleBench {

    private static final int PODS = 10_000;

    @Test
    void tenThousandPods() throws Exception {
        try (SimFixture sim = new SimFixture(10).withServices().start()) {
            ObjectNode svc = Json.object();
            svc.put("apiVersion", "v1").put("kind", "Service");
            svc.putObject("metadata").put("name", "web");
            ObjectNode spec = svc.putObject("spec");
            spec.putObject("selector").put("app", "web");
            spec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080);
            sim.store.create(Kinds.SERVICE, SimFixture.NS, svc, false);
            ReadyCounter pods = new ReadyCounter(false);
            ReadyCounter slices = new ReadyCounter(true);
            sim.store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, pods);
            sim.store.watch(Kinds.ENDPOINT_SLICE, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, slices);

            long t0 = System.nanoTime();
            for (int i = 0; i < PODS; i++) {
                sim.create(pod("web-" + i, "registry.shop.example/web:1.0", withProbes(container(), null,
                        http("/ready", 0, 10, 3), http("/healthz", 0, 10, 3))));
            }
            long created = System.nanoTime();
            assertTrue(pods.done.await(120, TimeUnit.SECONDS), "pods ready: " + pods.total.get());
            long podsReady = System.nanoTime();
            assertTrue(slices.done.await(120, TimeUnit.SECONDS), "endpoints ready: " + slices.total.get());
            long allReady = System.nanoTime();
            System.out.printf("created %d pods in %d ms; all Ready after %d ms, all ready endpoints after %d ms"
                    + " (speed 10); CPU so far: kubelet %d ms, endpoints %d ms%n", PODS, (created - t0) / 1_000_000,
                    (podsReady - t0) / 1_000_000, (allReady - t0) / 1_000_000, cpu("sandbox-kubelet") / 1_000_000,
                    cpu("sandbox-endpoints") / 1_000_000);

            sim.clock.setSpeed(1);
            Thread.sleep(2_000);
            long cpu0 = cpu("sandbox-kubelet");
            long cpuE0 = cpu("sandbox-endpoints");
            long wall0 = System.nanoTime();
            Thread.sleep(10_000);
            double wall = (System.nanoTime() - wall0) / 1e9;
            double kubelet = (cpu("sandbox-kubelet") - cpu0) / 1e9 / wall;
            double endpoints = (cpu("sandbox-endpoints") - cpuE0) / 1e9 / wall;
            System.out.printf("steady state at speed 1: kubelet %.1f%% of a core, endpoints %.1f%%, %d slices%n",
                    kubelet * 100, endpoints * 100, sim.store.count(Kinds.ENDPOINT_SLICE));
            assertTrue(kubelet < 0.25, "the kubelet must not burn a core: " + kubelet);
        }
    }

    /** Counts ready pods, or ready endpoints over all slices, from watch events; done when all are ready. */
    private static final class ReadyCounter implements WatchSink {
        final boolean slices;
        final Map<String, Integer> byObject = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);

        ReadyCounter(boolean slices) {
            this.slices = slices;
        }

        @Override
        public boolean offer(String type, Stored object) {
            int n = 0;
            if (!type.equals("DELETED")) {
                if (slices) {
                    for (JsonNode e : object.object().path("endpoints")) {
                        n += e.path("conditions").path("ready").asBoolean() ? 1 : 0;
                    }
                } else {
                    n = SimFixture.ready(object.object()) ? 1 : 0;
                }
            }
            Integer old = byObject.put(object.name(), n);
            if (total.addAndGet(n - (old == null ? 0 : old)) == PODS) {
                done.countDown();
            }
            return true;
        }

        @Override
        public void closed(String reason) {
        }
    }

    private static long cpu(String threadName) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(threadName)) {
                return mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return 0;
    }
}
