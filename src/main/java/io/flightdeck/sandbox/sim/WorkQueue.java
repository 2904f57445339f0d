package io.flightdeck.sandbox.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A controller's work queue, like client-go's: keys are de-duplicated while they wait, handed out in the order they
 * first arrived, and may be added after a delay measured on the sandbox clock (a minReadySeconds or a progress deadline
 * falling due). Watch sinks add keys under the store lock; only the controller's own thread takes them. Never blocks
 * an adder.
 */
final class WorkQueue {

    private record Timer(Instant at, String key) {
    }

    private final SandboxClock clock;
    private final LinkedHashSet<String> ready = new LinkedHashSet<>();
    private final Map<String, Instant> due = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::at));
    private boolean closed;

    WorkQueue(SandboxClock clock) {
        this.clock = clock;
    }

    synchronized void add(String key) {
        if (!closed && ready.add(key)) {
            notifyAll();
        }
    }

    /** Adds the key once {@code delay} of sandbox time has passed; an earlier pending time for it wins. */
    synchronized void addAfter(String key, Duration delay) {
        if (closed) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        Instant at = clock.now().plus(delay);
        Instant pending = due.get(key);
        if (pending == null || at.isBefore(pending)) {
            due.put(key, at);
            timers.add(new Timer(at, key));
            notifyAll();
        }
    }

    /** The next key, waiting for one; null once closed. */
    synchronized String take() throws InterruptedException {
        while (!closed) {
            Instant now = clock.now();
            while (!timers.isEmpty() && !timers.peek().at().isAfter(now)) {
                Timer t = timers.poll();
                if (t.at().equals(due.get(t.key()))) {
                    due.remove(t.key());
                    ready.add(t.key());
                }
            }
            if (!ready.isEmpty()) {
                Iterator<String> it = ready.iterator();
                String key = it.next();
                it.remove();
                return key;
            }
            if (timers.isEmpty()) {
                wait();
            } else {
                long simMillis = Math.max(1, Duration.between(now, timers.peek().at()).toMillis());
                // The clock's speed may change while we wait: look again at least once a second.
                wait(Math.min(1000, clock.realMillis(simMillis)));
            }
        }
        return null;
    }

    synchronized int size() {
        return ready.size();
    }

    synchronized int delayed() {
        return due.size();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
