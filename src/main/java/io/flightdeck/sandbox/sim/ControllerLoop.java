package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The shape every simulated controller shares: watches on the store feed a de-duplicating {@link WorkQueue} of
 * "namespace/name" keys, one named daemon thread drains it and syncs one key at a time, failures (409 conflicts
 * first) are retried with a growing back-off, and a slow periodic resync re-queues every object as informers do.
 * A watch the store ends (dropped watches, fault injection) is opened again from the current state.
 */
abstract class ControllerLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
    private static final String RESYNC = "\u0000resync";
    private static final String REWATCH = "\u0000rewatch";
    private static final Duration RESYNC_PERIOD = Duration.ofMinutes(10);
    private static final long MIN_REAL_RESYNC_MILLIS = 30_000;

    protected final ObjectStore store;
    protected final SandboxClock clock;
    protected final EventRecorder events;
    protected final WorkQueue queue;
    private final String threadName;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private volatile Thread thread;
    private volatile boolean stopped;

    protected ControllerLoop(String threadName, ObjectStore store, SandboxClock clock, EventRecorder events) {
        this.threadName = threadName;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.queue = new WorkQueue(clock);
    }

    /** Opens the watches (their initial state fills the indexes and the queue) and starts the thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(threadName + " already started");
        }
        openWatches();
        scheduleResync();
        Thread t = new Thread(this::run, threadName);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("{} died", th.getName(), e));
        thread = t;
        t.start();
    }

    @Override
    public void close() {
        stopped = true;
        queue.close();
        for (Watch w : watches) {
            w.close();
        }
        watches.clear();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens this controller's watches with {@link #watch}. */
    protected abstract void openWatches();

    /** Forgets what the watches built up, before they are opened again. */
    protected abstract void resetIndexes();

    /** Brings the object with this "namespace/name" key to its desired state. */
    protected abstract void sync(String namespace, String name);

    /** The keys a periodic resync queues. */
    protected abstract Iterable<String> resyncKeys();

    /** Watches every object of a kind; {@code handler} runs under the store lock and must only index and queue. */
    protected final void watch(ResourceKind kind, BiConsumer<String, Stored> handler) {
        watches.add(store.watch(kind, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, new WatchSink() {
            @Override
            public boolean offer(String type, Stored object) {
                handler.accept(type, object);
                return true;
            }

            @Override
            public void closed(String reason) {
                if (!stopped) {
                    LOG.info("{}: watch on {} ended ({}), watching again", threadName, kind.plural(), reason);
                    queue.add(REWATCH);
                }
            }
        }));
    }

    static String key(Stored s) {
        return s.namespace() + "/" + s.name();
    }

    private void run() {
        while (!stopped) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            if (key.equals(REWATCH)) {
                rewatch();
            } else if (key.equals(RESYNC)) {
                for (String k : resyncKeys()) {
                    queue.add(k);
                }
                scheduleResync();
            } else {
                process(key);
            }
        }
    }

    private void process(String key) {
        int slash = key.indexOf('/');
        try {
            sync(key.substring(0, slash), key.substring(slash + 1));
            failures.remove(key);
        } catch (ApiException e) {
            if (e.code() != 409 && e.code() != 404) {
                LOG.debug("{}: sync of {} failed: {}", threadName, key, e.getMessage());
            }
            retry(key);
        } catch (RuntimeException e) {
            LOG.warn("{}: sync of {} failed", threadName, key, e);
            retry(key);
        }
    }

    /** Re-reads and tries again: at once for the first few failures, then backing off up to a minute. */
    private void retry(String key) {
        int n = failures.merge(key, 1, Integer::sum);
        if (n <= 3) {
            queue.add(key);
        } else {
            long millis = Math.min(60_000, 5L << Math.min(n, 20));
            queue.addAfter(key, Duration.ofMillis(millis));
        }
    }

    private void rewatch() {
        for (Watch w : watches) {
            w.close();
        }
        watches.clear();
        resetIndexes();
        openWatches();
    }

    private void scheduleResync() {
        long minSim = (long) (MIN_REAL_RESYNC_MILLIS * clock.speed());
        queue.addAfter(RESYNC, Duration.ofMillis(Math.max(RESYNC_PERIOD.toMillis(), minSim)));
    }

    /** Keys waiting now, for tests and benchmarks. */
    int queued() {
        return queue.size();
    }
}
