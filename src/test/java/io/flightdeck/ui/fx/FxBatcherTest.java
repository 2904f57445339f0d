package io.flightdeck.ui.fx;

import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FxBatcherTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    @Test
    void manyMarksFromManyThreadsDrainOncePerTick() throws Exception {
        FxBatcher batcher = new FxBatcher();
        AtomicInteger drains = new AtomicInteger();
        FxBatcher.Marker marker = batcher.register(drains::incrementAndGet);
        assertEquals(1, onFx(batcher::drainChanged), "a new source drains once at first");
        assertEquals(0, onFx(batcher::drainChanged), "nothing changed since");

        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int j = 0; j < 1000; j++) {
                    marker.markChanged();
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(1, onFx(batcher::drainChanged));
        assertEquals(2, drains.get());
    }

    @Test
    void onlyChangedSourcesDrainAndAFailingDrainDoesNotStopTheOthers() throws Exception {
        FxBatcher batcher = new FxBatcher();
        List<String> ran = new ArrayList<>();
        FxBatcher.Marker failing = batcher.register(() -> {
            ran.add("failing");
            throw new IllegalStateException("broken view");
        });
        batcher.register(() -> ran.add("quiet"));
        FxBatcher.Marker busy = batcher.register(() -> ran.add("busy"));
        onFx(batcher::drainChanged);
        ran.clear();

        failing.markChanged();
        busy.markChanged();
        assertEquals(2, onFx(batcher::drainChanged));
        assertEquals(List.of("failing", "busy"), ran);
    }

    @Test
    void runningTimerDrainsOnTheFxThread() throws Exception {
        FxBatcher batcher = new FxBatcher();
        Semaphore drained = new Semaphore(0);
        List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        FxBatcher.Marker marker = batcher.register(() -> {
            onFxThread.add(Platform.isFxApplicationThread());
            drained.release();
        });
        onFx(() -> {
            batcher.start();
            return null;
        });
        try {
            assertTrue(drained.tryAcquire(5, TimeUnit.SECONDS), "first drain by the timer");
            Thread.ofPlatform().start(marker::markChanged).join();
            assertTrue(drained.tryAcquire(5, TimeUnit.SECONDS), "drain after a change from another thread");
        } finally {
            onFx(() -> {
                batcher.stop();
                return null;
            });
        }
        assertEquals(List.of(true, true), onFxThread);
    }

    @Test
    void drainingOffTheFxThreadIsRefused() {
        FxBatcher batcher = new FxBatcher();
        assertThrows(IllegalStateException.class, batcher::drainChanged);
    }
}
