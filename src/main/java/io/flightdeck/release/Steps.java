package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.ReleaseStep;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Steps and reconcile helpers that every strategy uses: the plan's pauses and analyses, waiting for a Deployment's
 * rollout, putting a Deployment's template back as it was (the {@code kubectl rollout undo} algorithm), scaling, and
 * removing a Deployment the release created. Engine thread.
 */
final class Steps {

    static final String TRACK = "flightdeck.io/track";
    static final String RELEASE = "flightdeck.io/release";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String FLIGHTDECK = "flightdeck";
    static final String ANALYSIS_MEASURED = "analysisMeasured";

    private Steps() {
    }

    /**
     * The plan's pause: until promoted (the release is PAUSED), or for its duration from when the step started (the
     * release keeps PROGRESSING, with the time left as its message).
     */
    static Step pause(ReleaseStep s) {
        return Step.gate(s.toString(), ctx -> {
            if (ctx.promoted()) {
                return new StepResult.Done("promoted");
            }
            if (s.duration() == null) {
                return new StepResult.AwaitingPromotion("paused until promoted");
            }
            Instant until = ctx.stepStartedAt().plus(s.duration());
            if (!ctx.now().isBefore(until)) {
                return StepResult.done();
            }
            long left = Math.max(1, Duration.between(ctx.now(), until).toSeconds());
            return StepResult.waiting("paused for another " + left + " s, or until promoted");
        });
    }

    /**
     * The plan's analysis, judged by the analysis hook; a failed analysis aborts the release. Measurements are
     * journaled as they come, and all of them again with the verdict.
     */
    static Step analysis(ReleaseStep s) {
        return Step.gate(s.toString(), ctx -> {
            AnalysisHook.Verdict v = ctx.analysis().judge(new AnalysisHook.Request(ctx.releaseId(), s.analysis(),
                    ctx.plan().target(), ctx.stepStartedAt(), ctx.promoted()));
            Map<String, String> details = AnalysisEvents.details(s.analysis(), v);
            return switch (v.outcome()) {
                case PASSED -> {
                    ctx.event("analysis", "passed", details);
                    yield new StepResult.Done(v.message());
                }
                case FAILED -> {
                    ctx.event("analysis", "failed", details);
                    yield new StepResult.Abort("analysis '" + s.analysis() + "' failed: " + v.message());
                }
                case RUNNING -> {
                    AnalysisEvents.recordNew(ctx, "analysis", s.analysis(), ctx.stepStartedAt().toString(), v,
                            ANALYSIS_MEASURED);
                    yield StepResult.waiting(v.message());
                }
                case INCONCLUSIVE -> new StepResult.AwaitingPromotion(v.message());
            };
        });
    }

    /** Waits for the Deployment's rollout to complete; a progress deadline exceeded is an error. */
    static StepResult awaitComplete(Kube kube, String name) {
        Deployment d = kube.requireDeployment(name);
        RolloutProgress p = RolloutProgress.of(d);
        if (p.complete()) {
            return new StepResult.Done(name + " rolled out");
        }
        if (p.observed() && p.deadlineExceeded() != null) {
            return new StepResult.Failed("Deployment " + name + " exceeded its progress deadline: "
                    + p.deadlineExceeded());
        }
        if (p.paused()) {
            kube.resume(d);
        }
        return StepResult.waiting(name + ": " + p.waitingFor());
    }

    /**
     * Puts the Deployment's template back to the one from before the release: {@code kubectl rollout undo} to the
     * ReplicaSet that still has it (template and annotations copied from it, hash label removed), or the template
     * itself when that ReplicaSet is gone. A paused Deployment is resumed first, as undo refuses paused ones.
     */
    static StepResult restoreTemplate(StepContext ctx, String name) {
        Kube kube = ctx.kube();
        Deployment d = kube.requireDeployment(name);
        PodTemplateSpec before = ctx.baseline().template();
        if (Templates.equalIgnoringHash(d.getSpec().getTemplate(), before)) {
            return new StepResult.Done(name + " has its template from before the release");
        }
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            kube.resume(d);
            return StepResult.waiting("resumed " + name + " to roll it back");
        }
        Optional<ReplicaSet> rs = kube.replicaSetFor(d, before);
        if (rs.isPresent()) {
            Rollbacks.undo(kube, d, rs.get());
            ctx.event("rollback", "ok", Map.of("deployment", name, "revision",
                    Long.toString(Kube.revision(rs.get()))));
        } else {
            kube.patchDeployment(name, Kube.op(Kube.guardedPatch(d), "replace", "/spec/template", before));
            ctx.event("rollback", "ok", Map.of("deployment", name, "revision", "template from the journal"));
        }
        return StepResult.waiting("rolled back " + name);
    }

    /** Scales the Deployment to {@code replicas} when it is not there yet; true when it was already there. */
    static boolean scaled(Kube kube, Deployment d, int replicas) {
        if (d.getSpec().getReplicas() != null && d.getSpec().getReplicas() == replicas) {
            return true;
        }
        kube.patchDeployment(d.getMetadata().getName(),
                Kube.op(Kube.guardedPatch(d), "add", "/spec/replicas", replicas));
        return false;
    }

    /**
     * Deletes a Deployment this release created and waits until its pods are gone. One that exists but was not made
     * by this release is never touched: that is an error.
     */
    static StepResult removeOwned(StepContext ctx, String name, Map<String, String> podLabels) {
        Kube kube = ctx.kube();
        Deployment d = kube.deployment(name);
        if (d != null) {
            if (!ownedBy(d.getMetadata().getLabels(), ctx.releaseId())) {
                return new StepResult.Failed("Deployment " + name + " was not created by release " + ctx.releaseId()
                        + "; not deleting it");
            }
            kube.deleteDeployment(name);
            ctx.event("delete", "ok", Map.of("deployment", name));
            return StepResult.waiting("deleting " + name);
        }
        int left = kube.podsIncludingTerminating(podLabels);
        return left == 0 ? new StepResult.Done(name + " removed")
                : StepResult.waiting(left + " pods of " + name + " terminating");
    }

    static boolean ownedBy(Map<String, String> labels, String releaseId) {
        return labels != null && releaseId.equals(labels.get(RELEASE));
    }

    /** The pod labels of a track's Deployment: the target's template labels plus the track. */
    static Map<String, String> trackLabels(Baseline b, String track) {
        Map<String, String> labels = new LinkedHashMap<>(b.template().getMetadata().getLabels());
        labels.put(TRACK, track);
        return labels;
    }
}
