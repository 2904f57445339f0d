package io.flightdeck.bench;

import io.flightdeck.cluster.ClusterConnection;
import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import io.flightdeck.ui.workloads.ContextChooser;
import io.flightdeck.ui.workloads.PodCell;
import io.flightdeck.ui.workloads.WorkloadsScreen;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark of the app's watch pipeline and screen together (run under a display: {@code xvfb-run -a mvn -Pbench test
 * -Dtest=LiveScreenBenchmark}): the 20,000 pods of {@link LivePipelineBenchmark} (1,000 Deployments of 20, watched
 * through a {@link ClusterConnection} over the sandbox's HTTP API) at 1,000 pod updates a second, shown by the
 * workloads screen at 1280x800 with one Deployment selected, its batcher ticking at most every 100 ms. Meanwhile a
 * second writer flips the readiness of a pod of the selected Deployment five times a second and the FX thread notes
 * when the screen's pod grid shows it: the lag from a change in the sandbox to the state the UI shows. Prints that
 * lag (p50, p99), the FX thread's busy share in ticks and its CPU share, and the heap after GC.
 */
@Tag("bench")
class LiveScreenBenchmark {

    static final WorkloadKey SELECTED = new WorkloadKey("bench-0", "app0");
    static final int SECONDS = 20;

    record Flip(String pod, boolean ready, long stamp) {
    }

    @Test
    void twentyThousandPodsAThousandUpdatesASecondOnScreen() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.empty(1).withShop(false)
                .withControllers(false))) {
            ObjectStore store = cluster.store();
            Fixture.seed(store, LivePipelineBenchmark.DEPLOYMENTS, LivePipelineBenchmark.PODS_PER_DEPLOYMENT);
            LivePipelineBenchmark.Threads threads = new LivePipelineBenchmark.Threads();
            try (ClusterConnection connection = new ClusterConnection(threads,
                    ClusterSession.Options.defaults().withStartTimeout(Duration.ofSeconds(120)))) {
                ClusterSession session = connection.open("sandbox", cluster::clientConfig, NamespaceSelection.all());
                session.synced().toCompletableFuture().get(180, TimeUnit.SECONDS);
                while (session.state().podCount() < LivePipelineBenchmark.PODS) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                run(stage, store, connection);
            }
        }
    }

    private static void run(Stage stage, ObjectStore store, ClusterConnection connection) throws Exception {
        BusyMeter meter = new BusyMeter();
        FxBatcher batcher = new FxBatcher(Duration.ofMillis(100), meter);
        AtomicReference<Flip> pending = new AtomicReference<>();
        LivePipelineBenchmark.Samples lag = new LivePipelineBenchmark.Samples();
        AtomicLong fxThread = new AtomicLong();
        WorkloadsScreen screen = WaitForAsyncUtils.asyncFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            WorkloadsScreen s = new WorkloadsScreen(connection, new OneCluster(connection), batcher);
            stage.setScene(new Scene(s.root(), 1280, 800));
            stage.show();
            s.model().list().selectedProperty().set(SELECTED);
            batcher.poll(() -> {
                Flip flip = pending.get();
                if (flip != null && s.model().grid().cell(flip.pod()).map(PodCell::ready).orElse(!flip.ready())
                        == flip.ready() && pending.compareAndSet(flip, null)) {
                    lag.add(System.nanoTime() - flip.stamp());
                }
            });
            batcher.start();
            fxThread.set(Thread.currentThread().threadId());
            return s;
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> screen.model().grid().podCount() == 20);

        Thread flipper = Thread.ofPlatform().daemon().name("bench-flipper").start(() -> flip(store, pending));
        LivePipelineBenchmark.drive(store, 500, 5, w -> { });
        lag.reset();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getThreadCpuTime(fxThread.get());
        long busy0 = meter.totalBusyNanos();
        long ticks0 = meter.ticks();
        long t0 = System.nanoTime();
        double achieved = LivePipelineBenchmark.drive(store, LivePipelineBenchmark.RATE, SECONDS, w -> { });
        long elapsed = System.nanoTime() - t0;
        long cpu = mx.getThreadCpuTime(fxThread.get()) - cpu0;
        long busy = meter.totalBusyNanos() - busy0;
        flipper.interrupt();
        flipper.join(5_000);
        Platform.runLater(() -> {
            batcher.stop();
            screen.close();
        });
        FxToolkit.cleanupStages();
        System.out.printf("%n%d pods, %d updates/s for %d s (achieved %.0f/s), screen ticking every 100 ms%n",
                LivePipelineBenchmark.PODS, LivePipelineBenchmark.RATE, SECONDS, achieved);
        System.out.printf("lag sandbox write -> pod grid: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d flips)%n",
                lag.percentile(50), lag.percentile(99), lag.percentile(100), lag.count());
        System.out.printf("FX thread: busy in ticks %.1f%% of wall time, %d ticks, longest %.1f ms; CPU %.1f%%%n",
                100.0 * busy / elapsed, meter.ticks() - ticks0, meter.maxTickNanos() / 1e6, 100.0 * cpu / elapsed);
        System.out.printf("heap after GC: %d MB%n", SandboxWatchBenchmark.heapAfterGcMb());
        System.out.flush();
        assertTrue(lag.count() > 0, "flips seen on screen");
    }

    /** Flips pod 0..19 of the selected Deployment between ready and not, waiting for the screen to show each. */
    private static void flip(ObjectStore store, AtomicReference<Flip> pending) {
        boolean ready = true;
        int n = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String pod = SELECTED.name() + "-pod" + (n++ % 20);
                ready = !ready;
                boolean now = ready;
                long stamp = System.nanoTime();
                pending.set(new Flip(pod, now, stamp));
                store.modify(Kinds.POD, SELECTED.namespace(), pod, p -> {
                    ObjectNode status = Json.child(p, "status");
                    status.put("phase", "Running");
                    status.putArray("conditions").addObject().put("type", "Ready").put("status", now ? "True" : "False");
                    ObjectNode container = status.putArray("containerStatuses").addObject();
                    container.put("name", "app").put("ready", now).put("restartCount", 0)
                            .put("image", "shop/" + SELECTED.name() + ":1.0");
                    container.putObject("state").putObject("running");
                    return p;
                }, true, false);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (pending.get() != null && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                pending.set(null);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The benchmark's one cluster; switching is not part of it. */
    private record OneCluster(ClusterState state) implements ContextChooser {
        @Override
        public List<String> contexts() {
            return List.of("sandbox");
        }

        @Override
        public String currentContext() {
            return "sandbox";
        }

        @Override
        public NamespaceSelection currentNamespaces() {
            return NamespaceSelection.all();
        }

        @Override
        public List<String> knownNamespaces() {
            return List.of();
        }

        @Override
        public CompletionStage<ClusterState> switchTo(String context, NamespaceSelection namespaces) {
            return CompletableFuture.completedFuture(state);
        }
    }
}
