package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Blue/green release. The active Service's selector is first pinned to the pod-template-hash of the Deployment's
 * current ReplicaSet (the same pods stay selected: nothing restarts). A second Deployment {@code <name>-green} runs
 * the new version at full size, optionally behind a preview Service; after the plan's pauses and analyses, the switch
 * is one selector patch. The old version stays scaled for the scale-down delay, so an abort until then switches back
 * at once. Afterwards the target Deployment itself is updated to the new version while the green one serves, the
 * Service is pinned to it, the green Deployment is removed and the selector is restored to what it was. A plan's
 * post-promotion analysis is judged after the switch, while the old version is still scaled: a failure aborts, which
 * switches back at once. Engine thread.
 */
final class BlueGreenStrategy {

    static final String TRACK = "green";
    static final String SWITCHED_AT = "switchedAt";
    static final String POST_PROMOTION = "postPromotionAnalysis";
    static final String POST_PROMOTION_MEASURED = "postPromotionAnalysisMeasured";

    private BlueGreenStrategy() {
    }

    static String greenName(ReleasePlan plan) {
        return plan.target().name() + "-green";
    }

    static StrategySteps steps(ReleasePlan plan) {
        String name = plan.target().name();
        String green = greenName(plan);
        List<Step> forward = new ArrayList<>();
        forward.add(Step.of("pin active Service", ctx -> pin(ctx, ctx.baseline().stableHash(), "pin")));
        forward.add(Step.of("create " + green, ctx -> CanaryStrategy.createOwned(ctx, green, TRACK,
                ctx.baseline().replicas())));
        forward.add(Step.of("await " + green, ctx -> Steps.awaitComplete(ctx.kube(), green)));
        forward.add(Step.of("preview Service", BlueGreenStrategy::preview));
        for (ReleaseStep s : plan.steps()) {
            forward.add(s.kind() == ReleaseStep.Kind.ANALYSIS ? Steps.analysis(s) : Steps.pause(s));
        }
        forward.add(Step.of("switch to " + green, BlueGreenStrategy::switchToGreen));
        int switched = forward.size();
        String post = plan.postPromotionAnalysis();
        forward.add(new Step.Simple("keep old version scaled" + (post.isEmpty() ? "" : ", analysis " + post), true,
                false, BlueGreenStrategy::scaleDownDelay));
        forward.add(Step.of("update " + name, BlueGreenStrategy::updateTarget));
        forward.add(Step.of("await " + name, ctx -> Steps.awaitComplete(ctx.kube(), name)));
        int greenServesUntil = forward.size();
        forward.add(Step.of("pin active Service to " + name, BlueGreenStrategy::pinToUpdatedTarget));
        forward.add(Step.of("remove " + green, ctx -> Steps.removeOwned(ctx, green,
                Steps.trackLabels(ctx.baseline(), TRACK))));
        forward.add(Step.of("restore preview Service", BlueGreenStrategy::restorePreview));
        forward.add(Step.of("unpin active Service", BlueGreenStrategy::unpin));
        List<Step> abort = List.of(
                Step.of("restore " + name, ctx -> {
                    StepResult r = Steps.restoreTemplate(ctx, name);
                    return r instanceof StepResult.Done ? Steps.awaitComplete(ctx.kube(), name) : r;
                }),
                Step.of("switch back", ctx -> pin(ctx, ctx.baseline().stableHash(), "switch back")),
                Step.of("remove " + green, ctx -> Steps.removeOwned(ctx, green,
                        Steps.trackLabels(ctx.baseline(), TRACK))),
                Step.of("restore preview Service", BlueGreenStrategy::restorePreview),
                Step.of("unpin active Service", BlueGreenStrategy::unpin));
        // Background analysis: while the green Deployment serves, from the switch until the Service moves back to
        // the updated target.
        return new StrategySteps(forward, abort, ctx -> { }, switched, greenServesUntil);
    }

    private static Map<String, String> pinned(Baseline b, String hash) {
        Map<String, String> selector = new LinkedHashMap<>(b.serviceSelector());
        selector.put(Templates.HASH_LABEL, hash);
        return selector;
    }

    /** Sets a Service's selector unless it already is that; true when it already was. */
    static boolean selector(StepContext ctx, String service, Map<String, String> selector, String action) {
        Service s = ctx.kube().service(service);
        if (s == null) {
            throw new IllegalStateException("Service " + service + " is gone");
        }
        if (selector.equals(s.getSpec().getSelector())) {
            return true;
        }
        ctx.kube().patchService(service, Kube.op(Kube.guardedPatch(s), "replace", "/spec/selector", selector));
        ctx.event(action, "ok", Map.of("service", service, "selector", selector.toString()));
        return false;
    }

    private static StepResult pin(StepContext ctx, String hash, String action) {
        selector(ctx, ctx.baseline().service(), pinned(ctx.baseline(), hash), action);
        return new StepResult.Done(ctx.baseline().service() + " selects pod-template-hash " + hash);
    }

    private static StepResult greenHash(StepContext ctx, Function<String, StepResult> then) {
        Deployment green = ctx.kube().requireDeployment(greenName(ctx.plan()));
        return ctx.kube().replicaSetFor(green, green.getSpec().getTemplate()).map(Kube::hash).map(then)
                .orElseGet(() -> StepResult.waiting("waiting for the green ReplicaSet"));
    }

    private static StepResult preview(StepContext ctx) {
        Baseline b = ctx.baseline();
        if (b.preview().isEmpty()) {
            return new StepResult.Done("no preview Service");
        }
        return greenHash(ctx, hash -> {
            Map<String, String> selector = pinned(b, hash);
            if (ctx.kube().service(b.preview()) == null) {
                ctx.kube().createService(CanaryRoute.service(ctx, b.service(), b.preview(), selector));
                ctx.event("create", "ok", Map.of("service", b.preview(), "selector", selector.toString()));
            } else {
                selector(ctx, b.preview(), selector, "preview");
            }
            return new StepResult.Done(b.preview() + " previews the new version");
        });
    }

    private static StepResult switchToGreen(StepContext ctx) {
        return greenHash(ctx, hash -> {
            selector(ctx, ctx.baseline().service(), pinned(ctx.baseline(), hash), "switch");
            if (ctx.var(SWITCHED_AT) == null) {
                ctx.putVar(SWITCHED_AT, ctx.now().toString());
            }
            return new StepResult.Done(ctx.baseline().service() + " serves the new version");
        });
    }

    /**
     * After the switch: the post-promotion analysis (when the plan has one) must pass while the old version stays
     * scaled (a failure aborts, and the abort switches back at once), then the scale-down delay runs out (or a
     * promotion ends it).
     */
    private static StepResult scaleDownDelay(StepContext ctx) {
        String analysis = ctx.plan().postPromotionAnalysis();
        if (!analysis.isEmpty() && !"passed".equals(ctx.var(POST_PROMOTION))) {
            StepResult r = postPromotion(ctx, analysis);
            if (r != null) {
                return r;
            }
        }
        if (ctx.promoted()) {
            return new StepResult.Done("promoted");
        }
        String at = ctx.var(SWITCHED_AT);
        Instant until = (at == null ? ctx.stepStartedAt() : Instant.parse(at))
                .plus(ctx.plan().strategy().scaleDownDelay());
        if (!ctx.now().isBefore(until)) {
            return StepResult.done();
        }
        return StepResult.waiting("old version kept scaled for another "
                + Math.max(1, Duration.between(ctx.now(), until).toSeconds()) + " s; abort switches back at once");
    }

    /** Judges the post-promotion analysis; null once it passed. */
    private static StepResult postPromotion(StepContext ctx, String analysis) {
        String at = ctx.var(SWITCHED_AT);
        Instant since = at == null ? ctx.stepStartedAt() : Instant.parse(at);
        AnalysisHook.Verdict v = ctx.analysis().judge(new AnalysisHook.Request(ctx.releaseId(), analysis,
                ctx.plan().target(), since, ctx.promoted()));
        String action = "post-promotion-analysis";
        switch (v.outcome()) {
            case RUNNING -> {
                AnalysisEvents.recordNew(ctx, action, analysis, since.toString(), v, POST_PROMOTION_MEASURED);
                return StepResult.waiting("post-promotion analysis '" + analysis + "': " + v.message()
                        + "; the old version stays scaled");
            }
            case PASSED -> {
                ctx.putVar(POST_PROMOTION, "passed");
                ctx.event(action, "passed", AnalysisEvents.details(analysis, v));
                return null;
            }
            case FAILED -> {
                ctx.event(action, "failed", AnalysisEvents.details(analysis, v));
                return new StepResult.Abort("post-promotion analysis '" + analysis + "' failed: " + v.message()
                        + "; switching back to the old version");
            }
            default -> {
                if (!"inconclusive".equals(ctx.var(POST_PROMOTION))) {
                    ctx.putVar(POST_PROMOTION, "inconclusive");
                    ctx.event(action, "inconclusive", AnalysisEvents.details(analysis, v));
                }
                return new StepResult.AwaitingPromotion("post-promotion analysis '" + analysis
                        + "' is inconclusive: " + v.message() + "; promote to accept it, or abort to switch back");
            }
        }
    }

    private static StepResult updateTarget(StepContext ctx) {
        Baseline b = ctx.baseline();
        Deployment d = ctx.kube().requireDeployment(ctx.plan().target().name());
        if (Templates.applied(d.getSpec().getTemplate(), b.desired(), b.template())) {
            return new StepResult.Done("already updated");
        }
        ctx.kube().patchDeployment(d.getMetadata().getName(),
                Kube.op(Kube.guardedPatch(d), "replace", "/spec/template", b.desired()));
        ctx.event("patch", "ok", Map.of("deployment", d.getMetadata().getName(), "images",
                Templates.images(b.desired()).toString()));
        return new StepResult.Done("template patched");
    }

    private static StepResult pinToUpdatedTarget(StepContext ctx) {
        Deployment d = ctx.kube().requireDeployment(ctx.plan().target().name());
        Optional<ReplicaSet> rs = ctx.kube().replicaSetFor(d, ctx.baseline().desired());
        if (rs.isEmpty()) {
            rs = ctx.kube().replicaSetFor(d, d.getSpec().getTemplate());
        }
        if (rs.isEmpty()) {
            return StepResult.waiting("waiting for the new ReplicaSet of " + d.getMetadata().getName());
        }
        return pin(ctx, Kube.hash(rs.get()), "pin");
    }

    private static StepResult restorePreview(StepContext ctx) {
        Baseline b = ctx.baseline();
        if (b.preview().isEmpty()) {
            return StepResult.done();
        }
        Service s = ctx.kube().service(b.preview());
        if (b.previewSelector() == null) {
            if (s != null && Steps.ownedBy(s.getMetadata().getLabels(), ctx.releaseId())) {
                ctx.kube().deleteService(b.preview());
                ctx.event("delete", "ok", Map.of("service", b.preview()));
            }
        } else if (s != null) {
            selector(ctx, b.preview(), b.previewSelector(), "restore");
        }
        return new StepResult.Done("preview restored");
    }

    private static StepResult unpin(StepContext ctx) {
        Baseline b = ctx.baseline();
        Map<String, String> selector = new LinkedHashMap<>(b.serviceSelector());
        if (selector.containsKey(Templates.HASH_LABEL)) {
            Deployment d = ctx.kube().requireDeployment(ctx.plan().target().name());
            ctx.kube().replicaSetFor(d, d.getSpec().getTemplate())
                    .ifPresent(rs -> selector.put(Templates.HASH_LABEL, Kube.hash(rs)));
        }
        selector(ctx, b.service(), selector, "unpin");
        return new StepResult.Done(b.service() + " selector restored");
    }
}
