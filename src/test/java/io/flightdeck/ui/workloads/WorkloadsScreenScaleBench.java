package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark of the screen alone (run with {@code mvn -Pbench test -Dtest=WorkloadsScreenScaleBench}): one Deployment
 * of 20,000 pods selected in the headless screen, a fake cluster state changed at 1,000 pod updates a second (100
 * every 100 ms, readiness flips), batcher ticking every 100 ms. Prints the batcher's busy share of the FX thread, the
 * longest tick, and the FX thread's CPU time share (which also counts CSS, layout and painting outside the ticks).
 */
@Tag("bench")
class WorkloadsScreenScaleBench {

    static final int PODS = 20_000;
    static final int UPDATES_PER_100MS = 100;
    static final int SECONDS = 10;

    @Test
    void twentyThousandPodsAtAThousandUpdatesASecond() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FakeClusterState state = Pods.shop();
        WorkloadKey big = new WorkloadKey("load", "big");
        state.put(Pods.workload(big, Health.HEALTHY, PODS, List.of(Pods.revision(big, 1, "b1g", "1.0", PODS)), 1));
        state.pods(big, Pods.pods(big, "b1g", PODS));
        BusyMeter meter = new BusyMeter();
        FxBatcher batcher = new FxBatcher(Duration.ofMillis(100), meter);
        WorkloadsScreen[] screen = new WorkloadsScreen[1];
        AtomicLong fxThreadId = new AtomicLong();
        WaitForAsyncUtils.asyncFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            screen[0] = new WorkloadsScreen(state, new FakeChooser(), batcher);
            stage.setScene(new Scene(screen[0].root(), 1280, 800));
            stage.show();
            batcher.start();
            screen[0].model().list().selectedProperty().set(big);
            fxThreadId.set(Thread.currentThread().threadId());
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> screen[0].model().grid().podCount() == PODS);

        List<String> names = new ArrayList<>();
        state.pods(big).forEach(p -> names.add(p.name()));
        SplittableRandom random = new SplittableRandom(7);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        warmUp(state, big, names);
        long cpu0 = threads.getThreadCpuTime(fxThreadId.get());
        long busy0 = meter.totalBusyNanos();
        long ticks0 = meter.ticks();
        long t0 = System.nanoTime();
        long updates = 0;
        for (int step = 0; step < SECONDS * 10; step++) {
            for (int i = 0; i < UPDATES_PER_100MS; i++) {
                String name = names.get(random.nextInt(PODS));
                state.changePod(big, name, WorkloadsScreenScaleBench::flip);
                updates++;
            }
            long next = t0 + (step + 1) * 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        long elapsed = System.nanoTime() - t0;
        long busy = meter.totalBusyNanos() - busy0;
        long cpu = threads.getThreadCpuTime(fxThreadId.get()) - cpu0;
        System.out.printf("%d pods, %d updates in %.1f s (%.0f/s), %d ticks%n", PODS, updates, elapsed / 1e9,
                updates / (elapsed / 1e9), meter.ticks() - ticks0);
        System.out.printf("FX thread busy in ticks: %.1f%%, longest tick %.1f ms, FX thread CPU: %.1f%%%n",
                100.0 * busy / elapsed, meter.maxTickNanos() / 1e6, 100.0 * cpu / elapsed);
        Platform.runLater(() -> {
            batcher.stop();
            screen[0].close();
        });
        FxToolkit.cleanupStages();
        assertTrue(busy < elapsed / 2, "the FX thread keeps up");
    }

    /** Five seconds of the same load first, so that the figures are not the JIT's. */
    private static void warmUp(FakeClusterState state, WorkloadKey big, List<String> names) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        for (int step = 0; step < 50; step++) {
            for (int i = 0; i < UPDATES_PER_100MS; i++) {
                state.changePod(big, names.get(random.nextInt(PODS)), WorkloadsScreenScaleBench::flip);
            }
            Thread.sleep(100);
        }
    }

    private static PodSnapshot flip(PodSnapshot p) {
        return p.ready() ? Pods.notReady(p) : new PodSnapshot(p.namespace(), p.name(), p.uid(), p.podTemplateHash(),
                p.phase(), p.status(), true, p.restarts(), p.node(), p.podIp(), p.created(), p.terminating(),
                Pods.passingProbes(), p.lastTerminationReason(), p.image(), p.resourceVersion());
    }
}
