package io.flightdeck.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flightdeck.cluster.ClusterConnection;
import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark (run with {@code mvn -Pbench test -Dtest=LivePipelineBenchmark}): the whole live pipeline of issue 3 on
 * 20,000 pods. The sandbox, controllers off, is seeded with 1,000 Deployments of 20 running pods in 10 namespaces; a
 * {@link ClusterConnection} watches all namespaces through the sandbox's HTTP API. A driver writes 1,000 pod status
 * updates a second for 20 s straight into the store, spread over all Deployments, each with a nanoTime stamp in the
 * pod; a consumer thread, like the UI's batcher, polls {@code version()} every 100 ms and calls {@code workloads()}
 * and {@code detail()} of the Deployment of each followed write (every 10th) not yet seen, and records the lag from
 * the write to the moment the pod's snapshot shows the written resourceVersion. Prints the lag (p50, p99, max), the
 * consumer's time per tick, the CPU of the session's informer threads (fabric8 deserializes watch events there,
 * then the state's O(1) update runs), and the heap after GC before and after the session (the difference is
 * fabric8's informer caches plus the state). First, as a baseline, the same load runs against a bare fabric8 informer
 * whose handler only records the lag: the part of the lag that is the sandbox's, the network's and fabric8's.
 */
@Tag("bench")
class LivePipelineBenchmark {

    static final int DEPLOYMENTS = 1_000;
    static final int PODS_PER_DEPLOYMENT = 20;
    static final int PODS = DEPLOYMENTS * PODS_PER_DEPLOYMENT;
    static final int RATE = 1_000;
    static final int SECONDS = 20;
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The consumer follows every 10th write: about ten Deployments' details a tick, like a few open views. */
    static final int FOLLOW_EVERY = 10;

    record Write(WorkloadKey deployment, String pod, long resourceVersion, long stamp) {
    }

    @Test
    void twentyThousandPodsAThousandUpdatesASecond() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.empty(1).withShop(false)
                .withControllers(false))) {
            ObjectStore store = cluster.store();
            long t0 = System.nanoTime();
            Fixture.seed(store, DEPLOYMENTS, PODS_PER_DEPLOYMENT);
            System.out.printf("seeded %d deployments, %d pods in %d ms%n", store.count(Kinds.DEPLOYMENT),
                    store.count(Kinds.POD), millis(System.nanoTime() - t0));
            long heapSeeded = SandboxWatchBenchmark.heapAfterGcMb();
            String baseline = baseline(cluster);
            // The baseline's writes filled the sandbox's watch history (20,000 changes): weigh the sandbox again.
            long heapSandbox = SandboxWatchBenchmark.heapAfterGcMb();

            Threads threads = new Threads();
            try (ClusterConnection connection = new ClusterConnection(threads,
                    ClusterSession.Options.defaults().withStartTimeout(Duration.ofSeconds(120)))) {
                long s0 = System.nanoTime();
                ClusterSession session = connection.open("sandbox", cluster::clientConfig, NamespaceSelection.all());
                session.synced().toCompletableFuture().get(180, TimeUnit.SECONDS);
                long syncedMs = millis(System.nanoTime() - s0);
                // The informers have listed everything; their handlers hand it to the state moments later.
                while (session.state().podCount() < PODS && System.nanoTime() - s0 < TimeUnit.SECONDS.toNanos(180)) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                long inStateMs = millis(System.nanoTime() - s0);
                long b0 = System.nanoTime();
                assertEquals(DEPLOYMENTS, connection.workloads().size());
                long firstListMs = millis(System.nanoTime() - b0);
                assertEquals(PODS, session.state().podCount());
                System.out.printf("informers synced %d pods in %d ms, all in the state after %d ms (%s);"
                        + " first workloads() %d ms%n", PODS, syncedMs, inStateMs, connection.connection().state(),
                        firstListMs);
                long heapSession = SandboxWatchBenchmark.heapAfterGcMb();

                Batcher batcher = new Batcher(connection);
                Thread reader = new Thread(batcher, "bench-consumer");
                reader.setDaemon(true);
                reader.start();
                drive(store, 500, 5, batcher::written);
                batcher.awaitCaughtUp();
                batcher.reset();
                long cpu0 = threads.cpuNanos();
                double achieved = drive(store, RATE, SECONDS, batcher::written);
                long cpu = threads.cpuNanos() - cpu0;
                batcher.awaitCaughtUp();
                batcher.stop();
                reader.join(5_000);
                long heapEnd = SandboxWatchBenchmark.heapAfterGcMb();

                System.out.printf("%n%d pods, %d updates/s for %d s (achieved %.0f/s), consumer every 100 ms%n",
                        PODS, RATE, SECONDS, achieved);
                System.out.println(baseline);
                System.out.printf("lag write -> visible in a PodSnapshot: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " (%d samples, %d never seen)%n", batcher.lag.percentile(50), batcher.lag.percentile(99),
                        batcher.lag.percentile(100), batcher.lag.count(), batcher.pendingCount());
                System.out.printf("consumer per tick (workloads() + detail() of %.1f Deployments on average):"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", batcher.detailsPerTick(),
                        batcher.tick.percentile(50), batcher.tick.percentile(99), batcher.tick.percentile(100));
                System.out.printf("session informer threads: %.1f ms CPU per second (%.1f us per update)%n",
                        cpu / 1e6 / SECONDS, cpu / 1e3 / (achieved * SECONDS));
                System.out.printf("heap after GC: sandbox seeded %d MB, with a full watch history %d MB, + session"
                        + " synced %d MB (+%d MB), after the run %d MB%n", heapSeeded, heapSandbox, heapSession,
                        heapSession - heapSandbox, heapEnd);
                System.out.flush();
            }
        }
    }

    /**
     * The same load on a bare fabric8 informer over all pods, whose handler only records the lag from the write: what
     * the sandbox, the network and fabric8 cost before the state sees anything, on this machine now.
     */
    static String baseline(SandboxCluster cluster) throws Exception {
        SandboxWatchBenchmark.LagRecorder lag = new SandboxWatchBenchmark.LagRecorder();
        try (KubernetesClient client = cluster.newClient()) {
            SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().withLimit(500L).inform(lag, 0);
            informer.start().toCompletableFuture().get(180, TimeUnit.SECONDS);
            drive(cluster.store(), 500, 5, w -> { });
            lag.awaitQuiet();
            lag.reset();
            drive(cluster.store(), RATE, SECONDS, w -> { });
            lag.awaitQuiet();
            informer.close();
            return String.format("baseline, a bare fabric8 informer's handler: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    lag.percentile(50), lag.percentile(99), lag.percentile(100));
        }
    }

    /** Writes pod status updates at {@code rate} per second, spread over all Deployments; returns the rate achieved. */
    static double drive(ObjectStore store, int rate, int seconds, Consumer<Write> followed) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = 1_000_000_000L / rate;
        long next = start;
        int n = 0;
        while (System.nanoTime() < end) {
            int i = (int) ((n * 7_919L) % PODS);
            int d = i / PODS_PER_DEPLOYMENT;
            String ns = "bench-" + (d % 10);
            String name = "app" + d + "-pod" + (i % PODS_PER_DEPLOYMENT);
            long stamp = System.nanoTime();
            Stored written = store.modify(Kinds.POD, ns, name, p -> {
                Json.child(p, "status").put("benchStamp", stamp);
                return p;
            }, true, false);
            if (n % FOLLOW_EVERY == 0) {
                followed.accept(new Write(new WorkloadKey(ns, "app" + d), name, written.resourceVersion(), stamp));
            }
            n++;
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Plays the UI's batcher: every 100 ms, if the version moved, reads the list and the details of what changed. */
    static final class Batcher implements Runnable {
        final ClusterConnection state;
        final ConcurrentLinkedQueue<Write> incoming = new ConcurrentLinkedQueue<>();
        final List<Write> pending = new ArrayList<>();
        final Samples lag = new Samples();
        final Samples tick = new Samples();
        volatile boolean running = true;
        volatile int pendingSize;
        long details;
        long ticks;

        Batcher(ClusterConnection state) {
            this.state = state;
        }

        void written(Write w) {
            incoming.add(w);
        }

        @Override
        public void run() {
            long last = -1;
            long next = System.nanoTime();
            while (running) {
                next += TICK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
                long v = state.version();
                if (v == last) {
                    continue;
                }
                last = v;
                long t = System.nanoTime();
                state.workloads();
                for (Write w; (w = incoming.poll()) != null; ) {
                    pending.add(w);
                }
                Map<WorkloadKey, Map<String, Long>> shown = new HashMap<>();
                for (Write w : pending) {
                    shown.computeIfAbsent(w.deployment(), k -> {
                        Map<String, Long> versions = new HashMap<>();
                        WorkloadDetail d = state.detail(k).orElseThrow();
                        for (PodSnapshot p : d.pods()) {
                            versions.put(p.name(), Long.parseLong(p.resourceVersion()));
                        }
                        return versions;
                    });
                }
                long now = System.nanoTime();
                synchronized (this) {
                    tick.add(now - t);
                    ticks++;
                    details += shown.size();
                    for (Iterator<Write> it = pending.iterator(); it.hasNext(); ) {
                        Write w = it.next();
                        Long seen = shown.get(w.deployment()).get(w.pod());
                        if (seen != null && seen >= w.resourceVersion()) {
                            lag.add(now - w.stamp());
                            it.remove();
                        }
                    }
                    pendingSize = pending.size();
                }
            }
        }

        synchronized void reset() {
            lag.reset();
            tick.reset();
            details = 0;
            ticks = 0;
        }

        synchronized double detailsPerTick() {
            return ticks == 0 ? 0 : (double) details / ticks;
        }

        int pendingCount() {
            return pendingSize;
        }

        void awaitCaughtUp() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((pendingSize > 0 || !incoming.isEmpty()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        void stop() {
            running = false;
        }
    }

    /** Durations in nanoseconds; percentiles in milliseconds. Guarded by the caller. */
    static final class Samples {
        private long[] values = new long[1 << 16];
        private int n;

        void add(long nanos) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = nanos;
        }

        void reset() {
            n = 0;
        }

        int count() {
            return n;
        }

        synchronized double percentile(int p) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] s = Arrays.copyOf(values, n);
            Arrays.sort(s);
            int idx = Math.min(n - 1, Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1));
            return s[idx] / 1e6;
        }
    }

    /** The session's threads, named bench-cluster-N, whose CPU time the benchmark reads. */
    static final class Threads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "bench-cluster-" + count.incrementAndGet());
            t.setDaemon(true);
            made.add(t);
            return t;
        }

        long cpuNanos() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : made) {
                long c = mx.getThreadCpuTime(t.threadId());
                if (c > 0) {
                    sum += c;
                }
            }
            return sum;
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
