package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition on the store, re-checking it on every change of the watched kinds, never by sleeping. */
final class Waiter implements AutoCloseable {

    private final LinkedBlockingQueue<Long> changes = new LinkedBlockingQueue<>();
    private final List<Watch> watches = new ArrayList<>();

    Waiter(ObjectStore store) {
        for (ResourceKind k : List.of(Kinds.DEPLOYMENT, Kinds.REPLICA_SET, Kinds.POD)) {
            watches.add(store.watch(k, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, new WatchSink() {
                @Override
                public boolean offer(String type, Stored object) {
                    changes.offer(object.resourceVersion());
                    return true;
                }

                @Override
                public void closed(String reason) {
                }
            }));
        }
    }

    void until(String what, BooleanSupplier condition, Duration timeout) {
        until(what, condition, timeout, () -> "");
    }

    void until(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + what + "; " + state.get());
            }
            try {
                changes.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                changes.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}
