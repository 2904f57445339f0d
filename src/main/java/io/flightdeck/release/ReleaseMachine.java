package io.flightdeck.release;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleasePhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of one driven release: applies an operator's commands, judges the background analysis, reconciles
 * the current step, and moves on, pauses, fails or aborts; a finished step is written to the journal before the next
 * one starts, so a new engine resumes at the first step not known to be done and runs it again. A 409 is retried on
 * the next tick from a fresh read; any other API error pauses the release with the error. {@link ReleaseDriver} calls
 * it on the engine's scheduler, never twice at once, and is told through {@link Stops} when to stop.
 */
final class ReleaseMachine {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseMachine.class);
    private static final int MAX_CONFLICTS = 20;

    /** An operator's command, queued by the handle and applied at the start of a tick. */
    enum Command { PROMOTE, PROMOTE_FULL, PAUSE, RESUME, ABORT }

    /** How the machine ends its driver. */
    interface Stops {
        /** Stops driving (the release ended, or was taken over); the lock is released when asked. */
        void stop(String why, boolean releaseLock);

        /** Stops as if the process died (the step hook said so). */
        void halt();
    }

    private final String id;
    private final ReleaseJournal journal;
    private final EngineSettings settings;
    private final Actor actor;
    private final StrategySteps steps;
    private final BackgroundAnalysis background;
    private final DriverState rs;
    private final DriverContext ctx;
    private final Stops stops;
    private boolean entered;
    private int conflicts;

    ReleaseMachine(JournalRecord record, Kube kube, ReleaseJournal journal, String identity, EngineSettings settings,
                   Actor actor, Stops stops) {
        this.id = record.id();
        this.journal = journal;
        this.settings = settings;
        this.actor = actor;
        this.stops = stops;
        this.steps = StrategySteps.of(record.plan());
        this.background = steps.background(record.plan());
        this.rs = new DriverState(record, identity, actor, settings.clock());
        this.ctx = new DriverContext(record, rs, kube, settings);
    }

    JournalRecord record() {
        return rs.toRecord();
    }

    String message() {
        return rs.message();
    }

    List<Step> steps() {
        return steps.list(state().aborting());
    }

    private JournalState state() {
        return rs.state();
    }

    /** One reconcile: journal what is pending, judge the background analysis, then the current step. */
    void step() {
        if (rs.dirty() && !persist()) {
            return;
        }
        if (!state().phase().terminal()) {
            switch (background.check(ctx, state().step(), state().aborting())) {
                case BackgroundAnalysis.Outcome.Abort a -> {
                    startAbort(a.why(), "engine");
                    return;
                }
                case BackgroundAnalysis.Outcome.Pause p -> {
                    rs.set(state().withUserPaused(true));
                    steps.onPause().accept(ctx);
                    rs.message(p.why());
                }
                case BackgroundAnalysis.Outcome.GoOn g -> { }
            }
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
                stops.halt();
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
    }

    /** An exception out of a tick: a 409 is retried on the next one, anything else pauses with the error. */
    void failed(RuntimeException e) {
        if (e instanceof KubernetesClientException k) {
            if (k.getCode() == 409 && ++conflicts <= MAX_CONFLICTS) {
                rs.message("conflict, retrying: " + describe(k));
                Step s = currentStep();
                rs.record("conflict", "retried", Map.of("step", s == null ? "" : s.name(), "error", describe(k)));
                return;
            }
            failCurrent(describe(k));
            return;
        }
        LOG.warn("Release {} step failed", id, e);
        failCurrent(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    static String describe(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + m : String.valueOf(m);
    }

    private Step currentStep() {
        List<Step> list = steps();
        return state().step() < list.size() ? list.get(state().step()) : null;
    }

    /** Applies an operator's command (it is journaled with the next write). */
    void apply(Command c) {
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
                background.accept(ctx);
            }
            case ABORT -> startAbort("aborted by " + actor, "operator");
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
            stops.stop(rs.message(), true);
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

    /** Writes what is not journaled yet (commands applied just before the driver stops). */
    void flush() {
        if (rs.dirty()) {
            persist();
        }
    }

    /** Writes the journal; false when it was not written (an error, or taken over: the driver then stops). */
    private boolean persist() {
        try {
            if (!journal.write(record())) {
                stops.stop("another engine took the release over", false);
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

    /** How many journal writes met a 409 and were re-applied (tests). */
    int journalConflicts() {
        return journal.conflicts();
    }
}
