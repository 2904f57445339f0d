package io.flightdeck.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark (run with {@code mvn -Pbench test -Dtest=SandboxWatchBenchmark}): 10,000 pods in 1,000 Deployments in the
 * sandbox, a fabric8 informer on all pods over the sandbox's HTTP API, and pod status updates at rising rates.
 * After a warm-up at 500/s, prints per rate the updates per second sustained, the informer's lag from write to
 * handler (p50, p99, max), and the heap after GC of the whole process: the sandbox with its watch history
 * (20,000 changes) plus the informer's cache of 10,000 pods. The informer keeps up while p99 lag stays under 1 s.
 */
@Tag("bench")
class SandboxWatchBenchmark {

    static final int DEPLOYMENTS = 1_000;
    static final int PODS_PER_DEPLOYMENT = 10;
    static final int SECONDS_PER_RATE = 10;

    @Test
    void podStatusUpdatesWithAnInformer() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.empty(1).withShop(false)
                .withControllers(false))) {
            ObjectStore store = cluster.store();
            long t0 = System.nanoTime();
            Fixture.seed(store, DEPLOYMENTS, PODS_PER_DEPLOYMENT);
            System.out.printf("seeded %d deployments, %d replicasets, %d pods in %d ms%n", store.count(Kinds.DEPLOYMENT),
                    store.count(Kinds.REPLICA_SET), store.count(Kinds.POD), (System.nanoTime() - t0) / 1_000_000);

            LagRecorder lag = new LagRecorder();
            try (KubernetesClient client = cluster.newClient()) {
                long s0 = System.nanoTime();
                SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().inform(lag, 0);
                informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
                System.out.printf("informer synced %d pods in %d ms%n", informer.getStore().list().size(),
                        (System.nanoTime() - s0) / 1_000_000);
                drive(store, 500, 5);
                lag.awaitQuiet();
                System.out.printf("%8s %10s %8s %8s %8s %10s%n", "target/s", "achieved/s", "p50 ms", "p99 ms",
                        "max ms", "heap MB");
                for (int rate : new int[]{1_000, 2_000, 3_000, 4_000, 6_000}) {
                    lag.reset();
                    double achieved = drive(store, rate, SECONDS_PER_RATE);
                    lag.awaitQuiet();
                    System.out.flush();
                    System.out.printf("%8d %10.0f %8.1f %8.1f %8.1f %10d%n", rate, achieved, lag.percentile(50),
                            lag.percentile(99), lag.percentile(100), heapAfterGcMb());
                }
                informer.close();
            }
        }
    }

    /** Writes pod status updates at {@code rate} per second for {@code seconds}; returns the rate achieved. */
    static double drive(ObjectStore store, int rate, int seconds) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = 1_000_000_000L / rate;
        long next = start;
        int n = 0;
        int total = DEPLOYMENTS * PODS_PER_DEPLOYMENT;
        while (System.nanoTime() < end) {
            int i = n % total;
            String ns = "bench-" + (i / PODS_PER_DEPLOYMENT % 10);
            String name = "app" + (i / PODS_PER_DEPLOYMENT) + "-pod" + (i % PODS_PER_DEPLOYMENT);
            long stamp = System.nanoTime();
            store.modify(Kinds.POD, ns, name, p -> {
                ObjectNode st = Json.child(p, "status");
                st.put("benchStamp", stamp);
                return p;
            }, true, false);
            n++;
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    static long heapAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /** Collects write-to-handler lags from the stamp the driver puts into each pod's status. */
    static final class LagRecorder implements ResourceEventHandler<Pod> {
        private final long[] samples = new long[1 << 20];
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong lastEvent = new AtomicLong();

        @Override
        public void onAdd(Pod pod) {
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
            Object stamp = pod.getStatus() == null ? null : pod.getStatus().getAdditionalProperties().get("benchStamp");
            if (stamp instanceof Number n) {
                int i = count.getAndIncrement();
                if (i < samples.length) {
                    samples[i] = System.nanoTime() - n.longValue();
                }
                lastEvent.set(System.nanoTime());
            }
        }

        @Override
        public void onDelete(Pod pod, boolean unknown) {
        }

        void reset() {
            count.set(0);
        }

        void awaitQuiet() throws InterruptedException {
            while (System.nanoTime() - lastEvent.get() < TimeUnit.MILLISECONDS.toNanos(500)) {
                Thread.sleep(100);
            }
        }

        double percentile(int p) {
            int n = Math.min(count.get(), samples.length);
            if (n == 0) {
                return Double.NaN;
            }
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            int idx = Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1);
            return s[Math.max(0, idx)] / 1e6;
        }
    }
}
