package io.flightdeck.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.ReleaseSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A read-only view of a release another engine drives (or nobody does): it re-reads the journal and the lock on the
 * engine's scheduler and publishes snapshots that say who drives. Every command throws {@link NotDriverException}.
 */
final class ReleaseObserver implements ReleaseHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseObserver.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private final ReleaseLock lock;
    private final EngineSettings settings;
    private final AtomicReference<ReleaseSnapshot> snapshot = new AtomicReference<>();
    private final CopyOnWriteArrayList<ReleaseListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ReleaseSnapshot> finished = new CompletableFuture<>();
    private final ScheduledFuture<?> poller;
    private final Versions versions;

    ReleaseObserver(KubernetesClient client, ReleaseJournal.Entry entry, ReleaseLock lock,
                    ScheduledExecutorService executor, EngineSettings settings) {
        this.client = client;
        this.namespace = entry.namespace();
        this.configMap = entry.configMap();
        this.lock = lock;
        this.settings = settings;
        this.versions = new Versions(new Kube(client, namespace), entry.record().plan());
        refresh(entry.record());
        long every = settings.observeEvery().toMillis();
        this.poller = executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        if (finished.isDone()) {
            poller.cancel(false);
        }
    }

    private void poll() {
        try {
            refresh(ReleaseJournal.read(client, namespace, configMap));
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.debug("Release journal {}/{} not read: {}", namespace, configMap, e.toString());
        }
    }

    private void refresh(JournalRecord r) {
        Optional<ReleaseLock.Holder> holder = lock.holder();
        String driver = holder.filter(h -> !h.expired(settings.clock().instant())).map(ReleaseLock.Holder::identity)
                .orElse("");
        versions.refresh(settings.clock().instant());
        String message = driver.isEmpty() ? "nobody drives this release" : "driven by " + driver;
        ReleaseSnapshot next = Snapshots.of(r, StrategySteps.of(r.plan()).list(r.state().aborting()), false, driver,
                message, versions.current());
        ReleaseSnapshot before = snapshot.getAndSet(next);
        if (!next.equals(before)) {
            listeners.forEach(l -> l.changed(next));
        }
        if (r.state().phase().terminal()) {
            poller().ifPresent(p -> p.cancel(false));
            finished.complete(next);
        }
    }

    private Optional<ScheduledFuture<?>> poller() {
        return Optional.ofNullable(poller);
    }

    private NotDriverException readOnly() {
        String holder = snapshot.get().holder();
        return new NotDriverException("read-only: release " + id() + " is "
                + (holder.isEmpty() ? "not driven by anyone; resume it to drive it" : "driven by " + holder));
    }

    @Override
    public String id() {
        return snapshot.get().id();
    }

    @Override
    public ReleaseSnapshot snapshot() {
        return snapshot.get();
    }

    @Override
    public boolean driving() {
        return false;
    }

    @Override
    public void addListener(ReleaseListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ReleaseListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void promote() {
        throw readOnly();
    }

    @Override
    public void promoteFull() {
        throw readOnly();
    }

    @Override
    public void pause() {
        throw readOnly();
    }

    @Override
    public void resume() {
        throw readOnly();
    }

    @Override
    public void abort() {
        throw readOnly();
    }

    @Override
    public CompletableFuture<ReleaseSnapshot> finished() {
        return finished;
    }

    @Override
    public void close() {
        poller.cancel(false);
        finished.complete(snapshot.get());
    }
}
