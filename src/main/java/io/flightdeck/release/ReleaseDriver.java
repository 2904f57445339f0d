package io.flightdeck.release;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handle of a release this engine drives: it ticks its {@link ReleaseMachine} on the engine's scheduler (never two
 * ticks at once), queues operators' commands (called from any thread) for the next tick, renews the lock on the
 * scheduler and stops when it is lost, and publishes a snapshot after each tick through an AtomicReference to its
 * listeners.
 */
final class ReleaseDriver implements ReleaseHandle, ReleaseMachine.Stops {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseDriver.class);

    private final String id;
    private final ReleaseLock lock;
    private final ScheduledExecutorService executor;
    private final EngineSettings settings;
    private final ReleaseMachine machine;
    private final Versions versions;
    private final ConcurrentLinkedQueue<ReleaseMachine.Command> commands = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<ReleaseListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<ReleaseSnapshot> snapshot = new AtomicReference<>();
    private final CompletableFuture<ReleaseSnapshot> finished = new CompletableFuture<>();
    private final Object scheduling = new Object();

    private volatile boolean stopped;
    private volatile boolean halting;
    private volatile boolean closing;
    private String stopMessage;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> renewer;

    ReleaseDriver(JournalRecord record, Kube kube, ReleaseJournal journal, ReleaseLock lock,
                  ScheduledExecutorService executor, EngineSettings settings, Actor actor) {
        this.id = record.id();
        this.lock = lock;
        this.executor = executor;
        this.settings = settings;
        this.versions = new Versions(kube, record.plan());
        this.machine = new ReleaseMachine(record, kube, journal, lock.identity(), settings, actor, this);
        publish();
    }

    /** Starts ticking and renewing the lock. */
    void begin() {
        synchronized (scheduling) {
            ticker = executor.scheduleWithFixedDelay(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
            long renew = settings.renewEvery().toMillis();
            renewer = executor.scheduleWithFixedDelay(this::renew, 0, renew, TimeUnit.MILLISECONDS);
        }
    }

    JournalRecord record() {
        return machine.record();
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (halting) {
            halt();
            return;
        }
        try {
            ReleaseMachine.Command c;
            while ((c = commands.poll()) != null) {
                machine.apply(c);
            }
            if (closing) {
                machine.flush();
                if (!stopped) {
                    stop("stopped driving", true);
                }
                return;
            }
            if (!lock.held() && !lock.renew()) {
                stop("the lock on " + record().plan().target() + " was lost", false);
                return;
            }
            machine.step();
        } catch (RuntimeException e) {
            machine.failed(e);
        } finally {
            if (!stopped) {
                versions.refresh(settings.clock().instant());
                publish();
            }
        }
    }

    private void renew() {
        if (stopped) {
            return;
        }
        try {
            if (!lock.renew()) {
                closing = true;
            }
        } catch (RuntimeException e) {
            LOG.warn("Release {}: lock not renewed: {}", id, e.toString());
        }
    }

    /** Stops as if the process died: no more writes, the lock is left to expire. */
    @Override
    public void halt() {
        stopped = true;
        cancelTimers();
        stopMessage = "halted";
        publish();
        finished.complete(snapshot.get());
    }

    @Override
    public void stop(String why, boolean releaseLock) {
        stopped = true;
        cancelTimers();
        if (releaseLock) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                LOG.warn("Release {}: lock not released: {}", id, e.toString());
            }
        }
        stopMessage = why;
        publish();
        finished.complete(snapshot.get());
    }

    private void cancelTimers() {
        synchronized (scheduling) {
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (renewer != null) {
                renewer.cancel(false);
            }
        }
    }

    private void publish() {
        String message = stopMessage != null ? stopMessage : machine.message();
        ReleaseSnapshot next = Snapshots.of(record(), machine.steps(), !stopped, stopped ? "" : lock.identity(),
                message, versions.current());
        ReleaseSnapshot before = snapshot.getAndSet(next);
        if (!next.equals(before)) {
            for (ReleaseListener l : listeners) {
                try {
                    l.changed(next);
                } catch (RuntimeException e) {
                    LOG.warn("Release listener failed", e);
                }
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ReleaseSnapshot snapshot() {
        return snapshot.get();
    }

    @Override
    public boolean driving() {
        return !stopped;
    }

    @Override
    public void addListener(ReleaseListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ReleaseListener listener) {
        listeners.remove(listener);
    }

    private void command(ReleaseMachine.Command c) {
        if (stopped) {
            throw new NotDriverException("this engine no longer drives release " + id);
        }
        commands.add(c);
    }

    @Override
    public void promote() {
        command(ReleaseMachine.Command.PROMOTE);
    }

    @Override
    public void promoteFull() {
        command(ReleaseMachine.Command.PROMOTE_FULL);
    }

    @Override
    public void pause() {
        command(ReleaseMachine.Command.PAUSE);
    }

    @Override
    public void resume() {
        command(ReleaseMachine.Command.RESUME);
    }

    @Override
    public void abort() {
        command(ReleaseMachine.Command.ABORT);
    }

    @Override
    public CompletableFuture<ReleaseSnapshot> finished() {
        return finished;
    }

    @Override
    public void close() {
        closing = true;
    }

    /** How many journal writes met a 409 and were re-applied (tests). */
    int journalConflicts() {
        return machine.journalConflicts();
    }

    /** Kills the driver on its next tick, as a crash would: no more writes, the lock left to expire (tests). */
    void haltNow() {
        halting = true;
    }
}
