package io.flightdeck.release;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one release: the state machine over its strategy's steps. Each tick (on the engine's scheduler, never two at
 * once) applies queued commands, then reconciles the current step; a finished step moves the release on and is
 * written to the journal before the next one starts, so a new engine resumes at the first step not known to be done
 * and runs it again. A 409 is retried on the next tick from a fresh read; any other API error pauses the release with
 * the error. The lock is renewed on the scheduler; losing it stops the driver. State is confined to the tick; the
 * snapshot is published through an AtomicReference.
 */
final class ReleaseDriver implements ReleaseHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseDriver.class);
    private static final int MAX_CONFLICTS = 20;

    private enum Command { PROMOTE, PROMOTE_FULL, PAUSE, RESUME, ABORT, CLOSE }

    private final String id;
    private final ReleaseJournal journal;
    private final ReleaseLock lock;
    private final ScheduledExecutorService executor;
    private final EngineSettings settings;
    private final Actor actor;
    private final StrategySteps steps;
    private final DriverState rs;
    private final DriverContext ctx;
    private final Versions versions;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<ReleaseListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<ReleaseSnapshot> snapshot = new AtomicReference<>();
    private final CompletableFuture<ReleaseSnapshot> finished = new CompletableFuture<>();
    private final Object scheduling = new Object();

    private boolean entered;
    private int conflicts;
    private volatile boolean stopped;
    private volatile boolean halting;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> renewer;

    ReleaseDriver(JournalRecord record, Kube kube, ReleaseJournal journal, ReleaseLock lock,
                  ScheduledExecutorService executor, EngineSettings settings, Actor actor) {
        this.id = record.id();
        this.journal = journal;
        this.lock = lock;
        this.executor = executor;
        this.settings = settings;
        this.actor = actor;
        this.steps = StrategySteps.of(record.plan());
        this.versions = new Versions(kube, record.plan());
        this.rs = new DriverState(record, lock.identity(), actor, settings.clock());
        this.ctx = new DriverContext(record, rs, kube, settings);
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
        return rs.toRecord();
    }

    private JournalState state() {
        return rs.state();
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
            Command c;
            while ((c = commands.poll()) != null) {
                apply(c);
                if (stopped) {
                    return;
                }
            }
            if (!lock.held() && !lock.renew()) {
                stop("the lock on " + record().plan().target() + " was lost", false);
                return;
            }
            if (rs.dirty() && !persist()) {
                return;
            }
            if (state().userPaused() || !state().error().isEmpty()) {
                setPhase(ReleasePhase.PAUSED);
                return;
            }
            Step step = currentStep();
            if (step == null) {
                finish();
                return;
            }
            if (!state().aborting() && state().promotedFull() && step.skippedByFullPromotion()) {
                advance(step, "skipped by full promotion");
                return;
            }
            if (!entered) {
                if (!settings.stepHook().proceed(id, state().aborting(), state().step(), step.name())) {
                    halt();
                    return;
                }
                entered = true;
            }
            StepResult r = step.reconcile(ctx);
            conflicts = 0;
            switch (r) {
                case StepResult.Done d -> advance(step, d.note());
                case StepResult.Waiting w -> {
                    rs.message(w.why());
                    setPhase(state().aborting() ? ReleasePhase.ABORTING : ReleasePhase.PROGRESSING);
                }
                case StepResult.AwaitingPromotion a -> {
                    rs.message(a.why());
                    setPhase(ReleasePhase.PAUSED);
                }
                case StepResult.Failed f -> fail(step, f.error());
                case StepResult.Abort a -> startAbort(a.why(), "engine");
            }
        } catch (KubernetesClientException e) {
            onApiError(e);
        } catch (RuntimeException e) {
            LOG.warn("Release {} step failed", id, e);
            failCurrent(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            if (!stopped) {
                versions.refresh(settings.clock().instant());
                publish();
            }
        }
    }

    private void onApiError(KubernetesClientException e) {
        if (e.getCode() == 409 && ++conflicts <= MAX_CONFLICTS) {
            rs.message("conflict, retrying: " + describe(e));
            Step s = currentStep();
            rs.record("conflict", "retried", Map.of("step", s == null ? "" : s.name(), "error", describe(e)));
            return;
        }
        failCurrent(describe(e));
    }

    static String describe(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + m : String.valueOf(m);
    }

    private Step currentStep() {
        List<Step> list = steps.list(state().aborting());
        return state().step() < list.size() ? list.get(state().step()) : null;
    }

    private void apply(Command c) {
        Step current = currentStep();
        switch (c) {
            case PROMOTE -> {
                if (current != null && current.gate() && !state().aborting()) {
                    rs.set(state().withPromoted(true));
                    rs.record("promote", "ok", Map.of("step", current.name()));
                } else {
                    rs.record("promote", "ignored", Map.of("reason", current == null ? "no step"
                            : "step '" + current.name() + "' is not a pause or analysis"));
                }
            }
            case PROMOTE_FULL -> {
                if (!state().aborting()) {
                    rs.set(state().withPromotedFull());
                    rs.record("promote-full", "ok", Map.of());
                } else {
                    rs.record("promote-full", "ignored", Map.of("reason", "the release is aborting"));
                }
            }
            case PAUSE -> {
                rs.set(state().withUserPaused(true));
                rs.record("pause", "ok", Map.of());
                steps.onPause().accept(ctx);
            }
            case RESUME -> {
                rs.set(state().withUserPaused(false).withError(""));
                rs.record("resume", "ok", Map.of());
            }
            case ABORT -> startAbort("aborted by " + actor, "operator");
            case CLOSE -> stop("stopped driving", true);
        }
    }

    private void startAbort(String why, String by) {
        Step current = currentStep();
        if (state().aborting() || state().phase().terminal()) {
            return;
        }
        rs.record("abort", "started", Map.of("reason", why, "by", by, "atStep", current == null ? ""
                : current.name()));
        rs.set(state().withAborting(settings.clock().instant()));
        entered = false;
        rs.message(why);
        persist();
    }

    private void advance(Step step, String note) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", step.name());
        details.put("index", Integer.toString(state().step()));
        if (note != null && !note.isEmpty()) {
            details.put("note", note);
        }
        rs.record(state().aborting() ? "abort-step" : "step", "done", details);
        rs.set(state().withStep(state().step() + 1, settings.clock().instant()));
        entered = false;
        rs.message("");
        if (currentStep() == null) {
            finish();
            return;
        }
        rs.set(state().withPhase(state().aborting() ? ReleasePhase.ABORTING : ReleasePhase.PROGRESSING));
        persist();
    }

    private void finish() {
        ReleasePhase end = state().aborting() ? ReleasePhase.ABORTED : ReleasePhase.SUCCEEDED;
        if (state().phase() != end) {
            rs.set(state().withPhase(end));
            boolean ok = end == ReleasePhase.SUCCEEDED;
            rs.record(ok ? "release" : "abort", ok ? "succeeded" : "completed",
                    Map.of("target", record().plan().target().toString()));
            rs.message(ok ? "the new version serves" : "everything is as before");
        }
        if (persist()) {
            stop(rs.message(), true);
        }
    }

    private void fail(Step step, String error) {
        rs.record(state().aborting() ? "abort-step" : "step", "failed", Map.of("step", step.name(), "error", error));
        rs.set(state().withError(error).withPhase(ReleasePhase.PAUSED));
        rs.message(error);
        persist();
    }

    private void failCurrent(String error) {
        Step s = currentStep();
        if (s != null) {
            fail(s, error);
        } else {
            rs.set(state().withError(error));
        }
    }

    private void setPhase(ReleasePhase p) {
        if (state().phase() != p) {
            rs.set(state().withPhase(p));
            persist();
        }
    }

    /** Writes the journal; false when it was not written (an error, or taken over: the driver then stops). */
    private boolean persist() {
        try {
            if (!journal.write(record())) {
                stop("another engine took the release over", false);
                return false;
            }
            rs.written();
            return true;
        } catch (KubernetesClientException e) {
            rs.message("journal not written (" + describe(e) + "); retrying");
            LOG.warn("Release {}: {}", id, rs.message());
            return false;
        }
    }

    private void renew() {
        if (stopped) {
            return;
        }
        try {
            if (!lock.renew()) {
                commands.add(Command.CLOSE);
            }
        } catch (RuntimeException e) {
            LOG.warn("Release {}: lock not renewed: {}", id, e.toString());
        }
    }

    /** Stops as if the process died: no more writes, the lock is left to expire. */
    private void halt() {
        stopped = true;
        cancelTimers();
        rs.message("halted");
        publish();
        finished.complete(snapshot.get());
    }

    private void stop(String why, boolean releaseLock) {
        stopped = true;
        cancelTimers();
        if (releaseLock) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                LOG.warn("Release {}: lock not released: {}", id, e.toString());
            }
        }
        rs.message(why);
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
        ReleaseSnapshot next = Snapshots.of(record(), steps.list(state().aborting()), !stopped,
                stopped ? "" : lock.identity(), rs.message(), versions.current());
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

    private void command(Command c) {
        if (stopped) {
            throw new NotDriverException("this engine no longer drives release " + id);
        }
        commands.add(c);
    }

    @Override
    public void promote() {
        command(Command.PROMOTE);
    }

    @Override
    public void promoteFull() {
        command(Command.PROMOTE_FULL);
    }

    @Override
    public void pause() {
        command(Command.PAUSE);
    }

    @Override
    public void resume() {
        command(Command.RESUME);
    }

    @Override
    public void abort() {
        command(Command.ABORT);
    }

    @Override
    public CompletableFuture<ReleaseSnapshot> finished() {
        return finished;
    }

    @Override
    public void close() {
        if (!stopped) {
            commands.add(Command.CLOSE);
        }
    }

    /** How many journal writes met a 409 and were re-applied (tests). */
    int journalConflicts() {
        return journal.conflicts();
    }

    /** Kills the driver on its next tick, as a crash would: no more writes, the lock left to expire (tests). */
    void haltNow() {
        halting = true;
    }
}
