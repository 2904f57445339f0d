package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.NamespaceSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One connection to one cluster: a fabric8 client for a context's {@link Config}, and informers for deployments,
 * replicasets, pods, services, endpointslices and events, one per kind in each chosen namespace or one per kind in
 * all namespaces, feeding a {@link LiveClusterState}. {@link #open} returns at once: the credentials, the client and
 * the informers are made on the session's own thread, which waits for the informers to sync at most
 * {@link Options#startTimeout} (a list that is forbidden or unanswered would otherwise wait forever) and then keeps
 * checking their health a few times a second for the {@link ConnectionStatus}. Informers retry failed lists and
 * watches by themselves. {@link #close} stops all of it and may block for a fraction of a second while the watches
 * close; call it off the FX thread ({@link ClusterConnection} does). Any thread may call it, more than once.
 */
public final class ClusterSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSession.class);
    private static final long CLOSE_GRACE_MILLIS = 300;

    /**
     * How long to wait for the first sync, how often to check health, the clock for status times, and the factory of
     * fabric8 HTTP clients (null: each session makes and closes its own Vert.x).
     */
    public record Options(Duration startTimeout, Duration healthInterval, Clock clock, HttpClient.Factory httpClients) {

        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofMillis(200), Clock.systemUTC(), null);
        }

        public Options withStartTimeout(Duration d) {
            return new Options(d, healthInterval, clock, httpClients);
        }

        public Options withHttpClients(HttpClient.Factory factory) {
            return new Options(startTimeout, healthInterval, clock, factory);
        }
    }

    private final String cluster;
    private final NamespaceSelection namespaces;
    private final Options options;
    private final ConnectionTracker tracker;
    private final LiveClusterState state;
    private final ScheduledExecutorService control;
    private final ExecutorService informerThreads;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Object lock = new Object();
    private KubernetesClient client;
    private volatile boolean closed;

    private ClusterSession(String cluster, NamespaceSelection namespaces, ThreadFactory threads, Options options) {
        this.cluster = Objects.requireNonNull(cluster);
        this.namespaces = Objects.requireNonNull(namespaces);
        this.options = Objects.requireNonNull(options);
        this.tracker = new ConnectionTracker(cluster, cluster, namespaces.toString(), options.clock(),
                options.healthInterval().toNanos());
        this.state = new LiveClusterState(tracker.status(), options.clock());
        tracker.addListener(state::setConnection);
        this.control = Executors.newSingleThreadScheduledExecutor(threads);
        this.informerThreads = Executors.newCachedThreadPool(threads);
    }

    /**
     * Starts a session on the cluster of {@code config} and returns at once.
     *
     * @param cluster    the name the banner shows, e.g. the context name
     * @param config     makes fabric8's configuration on the session's thread (an exec credential plugin may run);
     *                   the session owns the Config it returns and turns off fabric8's per-request retries in it,
     *                   since informers retry by themselves
     * @param namespaces the namespaces to watch
     * @param threads    makes the session's threads (the caller names them)
     */
    public static ClusterSession open(String cluster, Callable<Config> config, NamespaceSelection namespaces,
                                      ThreadFactory threads, Options options) {
        ClusterSession s = new ClusterSession(cluster, namespaces, threads, options);
        s.control.execute(() -> s.start(config));
        return s;
    }

    public String cluster() {
        return cluster;
    }

    public NamespaceSelection namespaces() {
        return namespaces;
    }

    public LiveClusterState state() {
        return state;
    }

    public ConnectionStatus status() {
        return tracker.status();
    }

    /** Hears every change of the status, on the thread that made it; must return quickly. */
    public void addStatusListener(Consumer<ConnectionStatus> listener) {
        tracker.addListener(listener);
    }

    /** Completes once every informer has synced for the first time. */
    public CompletionStage<Void> synced() {
        return synced;
    }

    /** Whether every informer is running and has synced. */
    public boolean healthy() {
        synchronized (lock) {
            return !closed && !informers.isEmpty()
                    && informers.stream().allMatch(i -> i.isRunning() && i.hasSynced());
        }
    }

    /** The session's client, for operations on the same cluster; empty until made and after close. */
    public Optional<KubernetesClient> client() {
        synchronized (lock) {
            return closed ? Optional.empty() : Optional.ofNullable(client);
        }
    }

    private void start(Callable<Config> source) {
        Config config;
        try {
            config = source.call();
        } catch (Exception e) {
            LOG.warn("{}: cannot load the configuration: {}", cluster, ConnectionProblem.plainWords(e, ""));
            tracker.sessionFailed(new ConnectionProblem(ConnectionProblem.Kind.UNREACHABLE,
                    "cannot load the credentials of " + cluster + ": " + ConnectionProblem.plainWords(e, "")));
            return;
        }
        String server = Objects.toString(config.getMasterUrl(), "").replaceAll("/+$", "");
        tracker.server(server);
        config.setRequestRetryBackoffLimit(0);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
                    .withTaskExecutor(informerThreads);
            if (options.httpClients() != null) {
                builder.withHttpClientFactory(options.httpClients());
            }
            client = builder.build();
            List<String> where = namespaces.isAll() ? Collections.singletonList(null) : namespaces.names();
            for (InformedKind<?> w : InformedKind.ALL) {
                for (String ns : where) {
                    starts.add(start(w, ns));
                }
            }
        }
        long timeout = options.startTimeout().toMillis();
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                .orTimeout(timeout, TimeUnit.MILLISECONDS)
                .whenComplete((v, t) -> {
                    if (t == null) {
                        synced.complete(null);
                    } else if (t instanceof TimeoutException && !closed) {
                        LOG.warn("{}: not all informers synced within {} ms: {}", cluster, timeout, unsynced());
                        tracker.startTimedOut(options.startTimeout().toSeconds());
                    }
                    tracker.recompute();
                });
        long every = options.healthInterval().toMillis();
        try {
            control.scheduleWithFixedDelay(tracker::recompute, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed while starting", cluster);
        }
    }

    private <T extends HasMetadata> CompletableFuture<Void> start(InformedKind<T> w, String ns) {
        ConnectionTracker.Watched tracked = tracker.track(w.resource(), ns);
        SharedIndexInformer<T> informer = w.informer(client, ns, state);
        informer.exceptionHandler((started, error) -> {
            if (!closed) {
                tracker.failed(tracked, error);
            }
            return !closed;
        });
        tracked.informer = informer;
        informers.add(informer);
        informer.stopped().whenComplete((v, error) -> {
            if (!closed) {
                LOG.warn("{}: informer of {} stopped", cluster, tracked.label());
                tracker.stopped(tracked, error);
            }
        });
        return informer.start().toCompletableFuture();
    }

    private String unsynced() {
        return String.join(", ", tracker.watched().stream().filter(w -> !w.synced())
                .map(ConnectionTracker.Watched::label).toList());
    }

    @Override
    public void close() {
        List<SharedIndexInformer<?>> toStop;
        KubernetesClient toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = List.copyOf(informers);
            informers.clear();
            toClose = client;
            client = null;
        }
        control.shutdownNow();
        for (SharedIndexInformer<?> i : toStop) {
            try {
                i.close();
            } catch (RuntimeException e) {
                LOG.debug("informer did not stop cleanly", e);
            }
        }
        // Let the handlers already queued finish before the client's event loops go, so that none of them asks a
        // closed WebSocket for more (they only touch maps), and give the watches' WebSocket close handshakes a moment:
        // Vert.x logs an error for every connection still open when its event loops shut down.
        informerThreads.shutdown();
        try {
            informerThreads.awaitTermination(2, TimeUnit.SECONDS);
            if (toClose != null && !toStop.isEmpty() && options.httpClients() == null) {
                TimeUnit.MILLISECONDS.sleep(CLOSE_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (toClose != null) {
            toClose.close();
        }
        informerThreads.shutdownNow();
        synced.cancel(false);
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }
}
