package io.flightdeck.ui.wall;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseSummary;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the wall shows, read from the cluster so every wall and workstation shows the same: once a second it lists the
 * releases in flight in the chosen namespaces from their journals, observes each new one read-only (the engine's
 * observer re-reads its journal every {@code observeEvery} of the engine's settings and reports each change at once),
 * reads the key signals per version, and keeps a finished release for {@link #KEEP_FINISHED} so its outcome stays on
 * the wall; rollbacks made outside a release (their journals are written finished) are picked up from the finished
 * journals every few polls and shown for the same time. It never drives a release. Runs on the given scheduler; {@link #state()} may be read from any thread, and
 * {@code changed} is called (from the scheduler) whenever there is something new.
 */
public final class WallFeed implements AutoCloseable {

    /** How long a finished release (and its banner) stays on the wall. */
    public static final Duration KEEP_FINISHED = Duration.ofMinutes(10);
    /** Rollbacks outside a release are journaled finished; every this many polls the finished journals are read. */
    static final int ROLLBACKS_EVERY = 3;
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(WallFeed.class);

    /** One release on the wall: its latest snapshot, its signals (or why none), and when it finished (or null). */
    public record Tracked(ReleaseSnapshot snapshot, List<VersionSignal> signals, String signalsProblem,
                          Instant finishedAt) {
        public Tracked {
            signals = List.copyOf(signals);
        }
    }

    /**
     * The releases, oldest first; when the journals were last read in full; and why the last read failed ("" when
     * it did not).
     */
    public record State(List<Tracked> releases, Instant readAt, String problem) {
        public State {
            releases = List.copyOf(releases);
        }
    }

    private record Signals(List<VersionSignal> values, String problem) {
    }

    private final ReleaseEngine engine;
    private final List<String> namespaces;
    private final VersionSignals signals;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Runnable changed;
    private final Map<String, ReleaseHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, ReleaseSnapshot> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> finishedAt = new ConcurrentHashMap<>();
    private final Map<String, Signals> measured = new ConcurrentHashMap<>();
    private volatile Instant readAt;
    private volatile String problem = "not read yet";
    private volatile ScheduledFuture<?> task;
    private long polls;

    /**
     * @param namespaces the namespaces to watch; empty: all of them
     */
    public WallFeed(ReleaseEngine engine, List<String> namespaces, VersionSignals signals,
                    ScheduledExecutorService scheduler, Clock clock, Runnable changed) {
        this.engine = engine;
        this.namespaces = List.copyOf(namespaces);
        this.signals = signals;
        this.scheduler = scheduler;
        this.clock = clock;
        this.changed = changed;
    }

    public WallFeed start() {
        task = scheduler.scheduleWithFixedDelay(this::poll, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public State state() {
        List<Tracked> out = new ArrayList<>();
        for (Map.Entry<String, ReleaseSnapshot> e : latest.entrySet()) {
            Signals s = measured.getOrDefault(e.getKey(), new Signals(List.of(), "not measured yet"));
            out.add(new Tracked(e.getValue(), s.values(), s.problem(), finishedAt.get(e.getKey())));
        }
        out.sort(Comparator.comparing(t -> t.snapshot().id()));
        return new State(out, readAt, problem);
    }

    void poll() {
        try {
            Set<String> seen = new HashSet<>();
            for (String ns : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
                for (ReleaseSummary r : engine.inFlight(ns)) {
                    seen.add(r.id());
                    if (!handles.containsKey(r.id())) {
                        observe(r);
                    }
                }
            }
            Instant now = clock.instant();
            if (polls++ % ROLLBACKS_EVERY == 0) {
                for (String ns : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null)
                        : namespaces) {
                    for (ReleaseSummary r : engine.rollbacksSince(ns, now.minus(KEEP_FINISHED))) {
                        if (!handles.containsKey(r.id())) {
                            observe(r);
                        }
                    }
                }
            }
            readAt = clock.instant();
            problem = "";
            for (Map.Entry<String, ReleaseHandle> e : handles.entrySet()) {
                String id = e.getKey();
                if (e.getValue().finished().isDone() || !seen.contains(id)) {
                    finishedAt.putIfAbsent(id, now);
                }
            }
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.debug("Wall could not read the release journals: {}", problem);
        }
        expire(clock.instant());
        measure();
        changed.run();
    }

    private void observe(ReleaseSummary r) {
        try {
            ReleaseHandle h = engine.observe(r.target().namespace(), r.id());
            handles.put(r.id(), h);
            latest.put(r.id(), h.snapshot());
            h.addListener(s -> {
                latest.put(s.id(), s);
                changed.run();
            });
        } catch (RuntimeException e) {
            LOG.debug("Wall could not observe release {}: {}", r.id(), e.toString());
        }
    }

    private void expire(Instant now) {
        for (Map.Entry<String, Instant> e : finishedAt.entrySet()) {
            if (e.getValue().plus(KEEP_FINISHED).isBefore(now)) {
                String id = e.getKey();
                ReleaseHandle h = handles.remove(id);
                if (h != null) {
                    h.close();
                }
                latest.remove(id);
                measured.remove(id);
                finishedAt.remove(id);
            }
        }
    }

    private void measure() {
        for (Map.Entry<String, ReleaseSnapshot> e : latest.entrySet()) {
            if (finishedAt.containsKey(e.getKey())) {
                continue;
            }
            ReleaseSnapshot s = e.getValue();
            try {
                measured.put(e.getKey(), new Signals(signals.read(s.plan().target().namespace(),
                        s.plan().target().name()), ""));
            } catch (RuntimeException ex) {
                measured.put(e.getKey(), new Signals(List.of(), ex.getMessage() == null ? ex.toString()
                        : ex.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        handles.values().forEach(ReleaseHandle::close);
        handles.clear();
    }
}
