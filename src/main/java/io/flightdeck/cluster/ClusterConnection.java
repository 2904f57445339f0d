package io.flightdeck.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's one connection to a cluster, which the live views read as their {@link ClusterState} for the
 * whole run: {@link #open} starts a {@link ClusterSession} on a context and namespace selection and makes it the
 * current one; switching context or namespaces opens a new session and closes the old one in the background, so its
 * informers, watches and client are torn down cleanly without holding up the caller. {@link #version()} keeps growing
 * across switches. {@link #open} and {@link #disconnect} may be called from any thread, the FX thread included;
 * readers as for {@link ClusterState}.
 */
public final class ClusterConnection implements ClusterState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);

    private record Current(ClusterSession session, LiveClusterState state, long offset) {
    }

    private final ThreadFactory threads;
    private final ClusterSession.Options options;
    private final AtomicReference<Current> current;
    private Vertx vertx;

    public ClusterConnection(ThreadFactory threads) {
        this(threads, ClusterSession.Options.defaults());
    }

    /** With {@code options.httpClients()} null, the sessions share one Vert.x that lives until {@link #close}. */
    public ClusterConnection(ThreadFactory threads, ClusterSession.Options options) {
        this.threads = Objects.requireNonNull(threads);
        this.options = Objects.requireNonNull(options);
        this.current = new AtomicReference<>(new Current(null, idle("no cluster chosen"), 0));
    }

    /**
     * Connects to a cluster, replacing the current session; returns at once (see {@link ClusterSession#open}).
     *
     * @param cluster the name the banner shows, e.g. the kubeconfig context
     * @param config  makes the fabric8 configuration off the calling thread, e.g.
     *                {@code () -> contexts.config(name)}
     */
    public synchronized ClusterSession open(String cluster, Callable<Config> config, NamespaceSelection namespaces) {
        ClusterSession.Options o = options;
        if (o.httpClients() == null) {
            if (vertx == null) {
                vertx = newVertx();
            }
            o = o.withHttpClients(new Vertx5HttpClientFactory(vertx));
        }
        ClusterSession session = ClusterSession.open(cluster, config, namespaces, threads, o);
        replace(session, session.state());
        return session;
    }

    public ClusterSession open(String cluster, Config config, NamespaceSelection namespaces) {
        return open(cluster, () -> config, namespaces);
    }

    /** Closes the current session, if any; the views then show no Deployments. */
    public synchronized void disconnect() {
        replace(null, idle("disconnected"));
    }

    public Optional<ClusterSession> session() {
        return Optional.ofNullable(current.get().session());
    }

    @Override
    public long version() {
        Current c = current.get();
        return c.offset() + c.state().version();
    }

    @Override
    public List<WorkloadSnapshot> workloads() {
        return current.get().state().workloads();
    }

    @Override
    public Optional<WorkloadDetail> detail(WorkloadKey key) {
        return current.get().state().detail(key);
    }

    @Override
    public ConnectionStatus connection() {
        return current.get().state().connection();
    }

    /** Closes the current session and waits for it, then stops the shared Vert.x; call it off the FX thread. */
    @Override
    public synchronized void close() {
        Current old = current.getAndSet(new Current(null, idle("closed"), version() + 1));
        if (old.session() != null) {
            old.session().close();
        }
        if (vertx != null) {
            try {
                // the closed watches' WebSocket close handshakes, before the event loops go
                TimeUnit.MILLISECONDS.sleep(300);
                vertx.close().await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | RuntimeException e) {
                LOG.warn("Vert.x did not stop cleanly: {}", e.toString());
            }
            vertx = null;
        }
    }

    private void replace(ClusterSession session, LiveClusterState state) {
        Current old = current.get();
        current.set(new Current(session, state, old.offset() + old.state().version() + 1));
        ClusterSession closing = old.session();
        if (closing != null) {
            Thread t = threads.newThread(() -> {
                closing.close();
                LOG.debug("closed the session on {}", closing.cluster());
            });
            t.start();
        }
    }

    /**
     * A Vert.x made as fabric8 makes its own: daemon threads, no file cache, and the JDK's name resolution (which
     * fabric8 asks for through a system property set only while Vert.x starts).
     */
    private static Vertx newVertx() {
        String key = "vertx.disableDnsResolver";
        String before = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            return Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setFileSystemOptions(
                    new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    private LiveClusterState idle(String why) {
        return new LiveClusterState(new ConnectionStatus(ConnectionStatus.State.CONNECTING, "", why,
                Instant.now(options.clock())), options.clock());
    }
}
