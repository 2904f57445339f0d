package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's scheduler and kubelets in one: pods get a fake node ({@code sandbox-node-1..3}), an IP, images,
 * running containers and probes evaluated on the {@link SandboxClock}, with outcomes from the image's
 * {@link ImageBehaviour}; restarts back off into CrashLoopBackOff; deleted pods terminate and are removed.
 *
 * <p>One daemon thread, {@code sandbox-kubelet}, owns all pod state. The pod watch's sink only queues changes; the
 * thread takes them in batches, keeps one priority queue of each pod's next due time (so 10,000 pods cost only what
 * is due), and writes a pod's status once per batch and only when it changed. Fault hooks ({@link #failReadiness},
 * {@link #crash}) may be called from any thread; they are queued to the kubelet thread.
 */
public final class Kubelet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final long MAX_WAIT_REAL_MILLIS = 250;
    private static final Object REWATCH = new Object();

    private record PodChange(String type, Stored object) {
    }

    private record Due(long at, long seq, PodSim pod) {
    }

    private final ObjectStore store;
    private final SandboxClock clock;
    private final NodePool nodes = new NodePool(3);
    private final PodLifecycle lifecycle;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<String, PodSim> pods = new HashMap<>();
    private final PriorityQueue<Due> timers = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Set<PodSim> dirty = new LinkedHashSet<>();
    private final Set<String> forcedUnready = ConcurrentHashMap.newKeySet();
    private final WatchSink sink = new WatchSink() {
        @Override
        public boolean offer(String type, Stored object) {
            return inbox.offer(new PodChange(type, object));
        }

        @Override
        public void closed(String reason) {
            inbox.offer(REWATCH);
        }
    };
    private volatile boolean running;
    private volatile int podCount;
    private Thread thread;
    private Watch watch;
    private long lastSeenRv;

    public Kubelet(ObjectStore store, SandboxClock clock, EventRecorder events) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = new PodLifecycle(store, events, nodes);
    }

    /** Opens the pod watch (every existing pod comes first) and starts the {@code sandbox-kubelet} thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        watch = store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, sink);
        thread = new Thread(this::run, "sandbox-kubelet");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and the watch; pods keep the status last written. */
    @Override
    public synchronized void close() {
        running = false;
        if (watch != null) {
            watch.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The fake nodes pods are scheduled to. */
    public List<String> nodeNames() {
        return List.of("sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
    }

    /** How many pods the kubelet simulates now. */
    public int podCount() {
        return podCount;
    }

    /**
     * Fault hook: the named pod's readiness fails from now on (its next probe runs at once and turns it not-ready
     * without waiting for failureThreshold), or, with {@code fail} false, passes again by the usual thresholds.
     * Also applies to a pod of that name created later.
     */
    public void failReadiness(String namespace, String pod, boolean fail) {
        String key = namespace + "/" + pod;
        if (fail) {
            forcedUnready.add(key);
        } else {
            forcedUnready.remove(key);
        }
        command(() -> {
            PodSim p = pods.get(key);
            if (p != null) {
                lifecycle.failReadiness(p, fail, now());
                reschedule(p);
            }
        });
    }

    /** Fault hook: the named pod's running containers exit with code 1 now, and restart with the usual back-off. */
    public void crash(String namespace, String pod) {
        String key = namespace + "/" + pod;
        command(() -> {
            PodSim p = pods.get(key);
            if (p != null) {
                lifecycle.crash(p, now());
                reschedule(p);
            }
        });
    }

    private void command(Runnable r) {
        inbox.offer(r);
    }

    private long now() {
        return clock.now().toEpochMilli();
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        long waitMillis = 0;
        while (running) {
            try {
                Object first = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 50_000);
                }
                for (Object work : batch) {
                    handle(work);
                }
                batch.clear();
                runDue();
                flush();
                waitMillis = waitMillis();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("sandbox kubelet: a batch failed", e);
                batch.clear();
                waitMillis = 100;
            }
        }
    }

    private void handle(Object work) {
        if (work instanceof PodChange c) {
            onPod(c.type(), c.object());
        } else if (work == REWATCH) {
            rewatch();
        } else if (work instanceof Runnable r) {
            r.run();
        }
    }

    private void onPod(String type, Stored s) {
        lastSeenRv = Math.max(lastSeenRv, s.resourceVersion());
        String key = s.namespace() + "/" + s.name();
        PodSim pod = pods.get(key);
        if (type.equals("DELETED")) {
            if (pod != null && pod.uid.equals(s.uid())) {
                forget(pod);
            }
            return;
        }
        long t = now();
        if (pod == null || !pod.uid.equals(s.uid())) {
            Stored current = store.get(Kinds.POD, s.namespace(), s.name());
            if (current == null || !current.uid().equals(s.uid())) {
                return; // an event from before the pod was removed or replaced
            }
            if (pod != null) {
                forget(pod);
            }
            pod = lifecycle.admit(current, t, forcedUnready.contains(key));
            pods.put(key, pod);
            podCount = pods.size();
        } else if (s.resourceVersion() > pod.lastWrittenRv && s.resourceVersion() > pod.stored.resourceVersion()) {
            lifecycle.observe(pod, s, t);
        } else {
            return;
        }
        reschedule(pod);
    }

    private void forget(PodSim pod) {
        lifecycle.release(pod);
        pods.remove(pod.key(), pod);
        dirty.remove(pod);
        podCount = pods.size();
    }

    private void reschedule(PodSim pod) {
        if (pod.dirty) {
            dirty.add(pod);
        }
        long due = pod.nextDue();
        if (due != ContainerSim.NEVER) {
            timers.add(new Due(due, ++pod.seq, pod));
        } else {
            pod.seq++;
        }
    }

    private void runDue() {
        long now = now();
        while (!timers.isEmpty() && timers.peek().at() <= now) {
            Due d = timers.poll();
            PodSim pod = d.pod();
            if (d.seq() != pod.seq || pod.stage == PodSim.Stage.REMOVED) {
                continue;
            }
            try {
                lifecycle.advance(pod, now);
            } catch (RuntimeException e) {
                LOG.error("sandbox kubelet: pod {} failed to advance", pod.key(), e);
            }
            if (pod.stage == PodSim.Stage.REMOVED) {
                forget(pod);
            } else {
                reschedule(pod);
            }
        }
    }

    private void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<PodSim> toWrite = new ArrayList<>(dirty);
        dirty.clear();
        long t = now();
        for (PodSim pod : toWrite) {
            if (pod.stage == PodSim.Stage.REMOVED) {
                continue;
            }
            try {
                lifecycle.flush(pod, t);
            } catch (RuntimeException e) {
                LOG.error("sandbox kubelet: status of pod {} not written", pod.key(), e);
            }
            if (pod.dirty) {
                reschedule(pod);
            }
        }
    }

    private long waitMillis() {
        if (!dirty.isEmpty()) {
            return 0;
        }
        Due next = timers.peek();
        if (next == null) {
            return MAX_WAIT_REAL_MILLIS;
        }
        long simAhead = next.at() - now();
        if (simAhead <= 0) {
            return 0;
        }
        return Math.min(MAX_WAIT_REAL_MILLIS, clock.realMillis(simAhead));
    }

    /** The store ended the watch (dropped watches): resume from the last change seen, or relist when too old. */
    private void rewatch() {
        if (!running) {
            return;
        }
        try {
            watch = store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, lastSeenRv, sink);
            return;
        } catch (ApiException e) {
            LOG.info("sandbox kubelet: pod watch cannot resume ({}), relisting", e.getMessage());
        }
        watch = store.watch(Kinds.POD, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, sink);
        for (PodSim pod : new ArrayList<>(pods.values())) {
            Stored s = store.get(Kinds.POD, pod.namespace, pod.name);
            if (s == null || !s.uid().equals(pod.uid)) {
                forget(pod);
            }
        }
    }
}
