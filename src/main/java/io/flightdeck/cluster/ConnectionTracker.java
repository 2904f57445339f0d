package io.flightdeck.cluster;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.ConnectionStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns the health of a session's informers into the one {@link ConnectionStatus} the banner shows. Informer
 * exception handlers report failures ({@link #failed}); the session's monitor calls {@link #recompute} a few times a
 * second, which reads each informer's running, synced and watching flags. Before everything first synced the status is
 * CONNECTING, FORBIDDEN or UNREACHABLE; afterwards CONNECTED, or RECONNECTING since the moment a watch went away, or
 * FORBIDDEN. Listeners hear every change in order, on the thread that made it. Thread-safe.
 */
final class ConnectionTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTracker.class);

    /** One informer: what it watches, the informer once created, and its last unresolved failure. */
    static final class Watched {
        final String resource;
        final String namespace;
        volatile SharedIndexInformer<?> informer;
        volatile ConnectionProblem problem;
        volatile long problemAt;
        volatile boolean stopped;

        Watched(String resource, String namespace) {
            this.resource = resource;
            this.namespace = namespace;
        }

        String label() {
            return resource + (namespace == null ? " in all namespaces" : " in " + namespace)
                    + (stopped ? " (stopped; open the context again to retry)" : "");
        }

        boolean up() {
            SharedIndexInformer<?> i = informer;
            return i != null && !stopped && i.isRunning() && i.hasSynced() && i.isWatching();
        }

        boolean synced() {
            SharedIndexInformer<?> i = informer;
            return i != null && i.hasSynced();
        }
    }

    private final String cluster;
    private volatile String server;
    private final String scope;
    private final Clock clock;
    private final long clearAfterNanos;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionProblem sessionProblem;
    private volatile boolean startTimedOut;
    private volatile long startTimeoutSeconds;
    private boolean everConnected;
    private Instant reconnectingSince;
    private ConnectionStatus status;

    ConnectionTracker(String cluster, String server, String scope, Clock clock, long clearAfterNanos) {
        this.cluster = cluster;
        this.server = server;
        this.scope = scope;
        this.clock = clock;
        this.clearAfterNanos = clearAfterNanos;
        this.status = new ConnectionStatus(State.CONNECTING, cluster, "connecting to " + server + ", " + scope,
                clock.instant());
    }

    /** The API server's address, once the configuration is loaded. */
    void server(String address) {
        server = address;
        recompute();
    }

    void addListener(Consumer<ConnectionStatus> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    Watched track(String resource, String namespace) {
        Watched w = new Watched(resource, namespace);
        watched.add(w);
        return w;
    }

    List<Watched> watched() {
        return List.copyOf(watched);
    }

    synchronized ConnectionStatus status() {
        return status;
    }

    /** An informer's list or watch failed; called on fabric8's threads. */
    void failed(Watched w, Throwable error) {
        ConnectionProblem p = ConnectionProblem.of(error, w.resource, w.namespace, server);
        ConnectionProblem before = w.problem;
        w.problem = p;
        w.problemAt = System.nanoTime();
        if (before == null || !before.equals(p)) {
            LOG.warn("{}: {} failed: {}", cluster, w.label(), p.text());
        }
        recompute();
    }

    /** The informer ended on its own (not by close). */
    void stopped(Watched w, Throwable error) {
        w.stopped = true;
        if (error != null) {
            failed(w, error);
        } else {
            recompute();
        }
    }

    void restarted(Watched w) {
        w.stopped = false;
    }

    /** The session could not even start, e.g. the credentials plugin failed. */
    void sessionFailed(ConnectionProblem problem) {
        sessionProblem = problem;
        recompute();
    }

    void startTimedOut(long seconds) {
        startTimeoutSeconds = seconds;
        startTimedOut = true;
        recompute();
    }

    /**
     * Re-reads every informer and publishes the status when it changed. Listeners are told under the lock, so they
     * hear the changes in the order they were made.
     */
    synchronized void recompute() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            if (w.problem != null && w.up() && now - w.problemAt > clearAfterNanos) {
                w.problem = null;
            }
        }
        ConnectionStatus next = compute();
        if (next.state() == status.state() && next.detail().equals(status.detail())) {
            return;
        }
        status = next;
        for (Consumer<ConnectionStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("A connection status listener failed", e);
            }
        }
    }

    private ConnectionStatus compute() {
        ConnectionProblem session = sessionProblem;
        if (session != null) {
            State state = session.kind() == ConnectionProblem.Kind.UNAUTHORIZED ? State.FORBIDDEN : State.UNREACHABLE;
            return make(state, session.text());
        }
        List<String> refused = new ArrayList<>();
        for (Watched w : watched) {
            ConnectionProblem p = w.problem;
            if (p != null && p.kind() == ConnectionProblem.Kind.UNAUTHORIZED) {
                return make(State.FORBIDDEN, p.text());
            }
            if (p != null && p.kind() == ConnectionProblem.Kind.FORBIDDEN && !refused.contains(p.text())) {
                refused.add(p.text());
            }
        }
        if (!refused.isEmpty()) {
            String more = refused.size() > 3 ? " and " + (refused.size() - 3) + " more" : "";
            return make(State.FORBIDDEN, "forbidden: " + String.join("; ", refused.subList(0,
                    Math.min(3, refused.size()))) + more);
        }
        List<Watched> down = watched.stream().filter(w -> !w.up()).toList();
        if (!watched.isEmpty() && down.isEmpty()) {
            everConnected = true;
            reconnectingSince = null;
            return make(State.CONNECTED, server + ", " + scope);
        }
        ConnectionProblem problem = down.stream().map(w -> w.problem).filter(Objects::nonNull).findFirst()
                .orElse(null);
        if (!everConnected) {
            boolean answered = watched.stream().anyMatch(Watched::synced);
            if (problem != null && !answered) {
                return make(State.UNREACHABLE, "cannot reach " + server + ": " + problem.text());
            }
            if (startTimedOut && !answered) {
                return make(State.UNREACHABLE, "no answer from " + server + " within " + startTimeoutSeconds
                        + " s");
            }
            if (answered) {
                return make(State.CONNECTING, "connecting to " + server + ", " + scope + "; waiting for "
                        + labels(down) + (problem == null ? "" : ": " + problem.text()));
            }
            return make(State.CONNECTING, "connecting to " + server + ", " + scope);
        }
        if (reconnectingSince == null) {
            reconnectingSince = clock.instant();
        }
        return new ConnectionStatus(State.RECONNECTING, cluster, "re-establishing " + labels(down)
                + (problem == null ? "" : ": " + problem.text()), reconnectingSince);
    }

    private static String labels(List<Watched> down) {
        return down.size() > 3 ? down.size() + " watches" : String.join(", ", down.stream().map(Watched::label)
                .toList());
    }

    private ConnectionStatus make(State state, String detail) {
        Instant since = state == status.state() ? status.since() : clock.instant();
        return new ConnectionStatus(state, cluster, detail, since);
    }
}
