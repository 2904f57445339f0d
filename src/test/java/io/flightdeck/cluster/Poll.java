package io.flightdeck.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: poll a value until it satisfies a condition or a deadline passes; threads that record failures. */
final class Poll {

    private Poll() {
    }

    /** Reads {@code probe} every few milliseconds until {@code ok} holds; fails with the last value at the deadline. */
    static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> ok) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!ok.test(last)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + timeout.toMillis() + " ms; last value: " + last);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }

    /** Named daemon threads that record whatever escapes them, so a test can assert nothing did. */
    static final class Threads implements ThreadFactory {
        final List<Throwable> escaped = new CopyOnWriteArrayList<>();
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "test-cluster-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> escaped.add(e));
            return t;
        }
    }
}
