package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canary release: a Deployment {@code <name>-canary} runs the new version beside the stable one, with the same pod
 * labels plus {@code flightdeck.io/track: canary}, so the Services that select the app reach both. A weight is a
 * replica ratio rounded as Argo Rollouts rounds it; when an HTTPRoute routes to the Service, the weight is exact: the
 * route is pointed at a stable and a canary Service with those backend weights, and the stable keeps all its
 * replicas. Promote updates the stable Deployment, waits for it and removes the canary; abort puts the weight back to
 * 0, removes the canary and restores the stable Deployment, the route and its Services exactly. Engine thread.
 */
final class CanaryStrategy {

    static final String TRACK = "canary";

    private CanaryStrategy() {
    }

    static String canaryName(ReleasePlan plan) {
        return plan.target().name() + "-canary";
    }

    static StrategySteps steps(ReleasePlan plan) {
        String name = plan.target().name();
        String canary = canaryName(plan);
        List<Step> forward = new ArrayList<>();
        forward.add(Step.of("create " + canary, CanaryStrategy::createCanary));
        forward.add(Step.of("route services", ctx -> ctx.baseline().hasRoute()
                ? CanaryRoute.prepare(ctx) : new StepResult.Done("no HTTPRoute: weights by replicas")));
        int trafficFrom = -1;
        for (ReleaseStep s : plan.steps()) {
            if (trafficFrom < 0 && s.kind() == ReleaseStep.Kind.SET_WEIGHT && s.percent() > 0) {
                trafficFrom = forward.size() + 1;
            }
            switch (s.kind()) {
                case SET_WEIGHT -> forward.add(Step.skippable("set weight " + s.percent() + "%",
                        ctx -> setWeight(ctx, s.percent())));
                case PAUSE -> forward.add(Steps.pause(s));
                case ANALYSIS -> forward.add(Steps.analysis(s));
            }
        }
        int trafficUntil = forward.size();
        forward.add(Step.of("route back to stable Service", ctx -> ctx.baseline().hasRoute()
                ? CanaryRoute.restore(ctx) : StepResult.done()));
        forward.add(Step.of("update " + name, CanaryStrategy::updateStable));
        forward.add(Step.of("await " + name, ctx -> Steps.awaitComplete(ctx.kube(), name)));
        forward.add(Step.of("remove " + canary, ctx -> Steps.removeOwned(ctx, canary,
                Steps.trackLabels(ctx.baseline(), TRACK))));
        List<Step> abort = List.of(
                Step.of("weight 0", ctx -> ctx.baseline().hasRoute() ? CanaryRoute.zero(ctx) : StepResult.done()),
                Step.of("restore " + name + " template", ctx -> Steps.restoreTemplate(ctx, name)),
                Step.of("restore " + name + " replicas", CanaryStrategy::restoreStable),
                Step.of("remove " + canary, ctx -> Steps.removeOwned(ctx, canary,
                        Steps.trackLabels(ctx.baseline(), TRACK))),
                Step.of("restore route", ctx -> ctx.baseline().hasRoute()
                        ? CanaryRoute.restore(ctx) : StepResult.done()));
        // Background analysis: from the first weight above 0 (the canary takes traffic) to the end of the plan's steps.
        return new StrategySteps(forward, abort, ctx -> { }, trafficFrom < 0 ? trafficUntil : trafficFrom,
                trafficUntil);
    }

    /** A Deployment for a track: the target's spec with the desired template, the track in selector and labels. */
    static Deployment trackDeployment(StepContext ctx, String name, String track, int replicas) {
        Deployment target = ctx.kube().requireDeployment(ctx.plan().target().name());
        Baseline b = ctx.baseline();
        LabelSelector selector = Serialization.clone(target.getSpec().getSelector());
        Map<String, String> match = new LinkedHashMap<>();
        if (selector.getMatchLabels() != null) {
            match.putAll(selector.getMatchLabels());
        }
        match.put(Steps.TRACK, track);
        selector.setMatchLabels(match);
        Map<String, String> labels = new LinkedHashMap<>(Steps.trackLabels(b, track));
        labels.putAll(ctx.ownedLabels());
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ctx.kube().namespace()).withLabels(labels)
                .addToAnnotations("flightdeck.io/target", ctx.plan().target().name()).endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(selector)
                .withStrategy(b.strategy()).withMinReadySeconds(target.getSpec().getMinReadySeconds())
                .withProgressDeadlineSeconds(target.getSpec().getProgressDeadlineSeconds())
                .withRevisionHistoryLimit(target.getSpec().getRevisionHistoryLimit())
                .withTemplate(Templates.withLabels(b.desired(), Map.of(Steps.TRACK, track))).endSpec().build();
    }

    /** Creates the track's Deployment unless this release already did. */
    static StepResult createOwned(StepContext ctx, String name, String track, int replicas) {
        Deployment existing = ctx.kube().deployment(name);
        if (existing != null) {
            if (!Steps.ownedBy(existing.getMetadata().getLabels(), ctx.releaseId())) {
                return new StepResult.Failed("Deployment " + name + " already exists and is not part of release "
                        + ctx.releaseId());
            }
            return new StepResult.Done(name + " exists");
        }
        ctx.kube().createDeployment(trackDeployment(ctx, name, track, replicas));
        ctx.event("create", "ok", Map.of("deployment", name, "replicas", Integer.toString(replicas)));
        return new StepResult.Done(name + " created");
    }

    private static StepResult createCanary(StepContext ctx) {
        return createOwned(ctx, canaryName(ctx.plan()), TRACK, 0);
    }

    private static StepResult setWeight(StepContext ctx, int weight) {
        Kube kube = ctx.kube();
        int total = ctx.baseline().replicas();
        boolean routed = ctx.baseline().hasRoute();
        int canaryWanted = CanaryWeights.canaryReplicas(total, weight);
        int stableWanted = routed ? CanaryWeights.stableReplicasWithRouting(total)
                : CanaryWeights.stableReplicas(total, weight);
        String stableName = ctx.plan().target().name();
        Deployment stable = kube.requireDeployment(stableName);
        Deployment canary = kube.deployment(canaryName(ctx.plan()));
        if (canary == null) {
            return new StepResult.Failed("the canary Deployment " + canaryName(ctx.plan()) + " is gone");
        }
        // Scale up before scaling down, so that capacity never drops below the weight's split.
        if (replicas(stable) < stableWanted) {
            Steps.scaled(kube, stable, stableWanted);
            return StepResult.waiting("scaling " + stableName + " to " + stableWanted);
        }
        if (replicas(canary) < canaryWanted) {
            Steps.scaled(kube, canary, canaryWanted);
            return StepResult.waiting("scaling the canary to " + canaryWanted);
        }
        StepResult ready = ready(canary, canaryWanted);
        if (ready != null) {
            return ready;
        }
        if (routed) {
            StepResult routeDone = CanaryRoute.weigh(ctx, weight);
            if (!(routeDone instanceof StepResult.Done)) {
                return routeDone;
            }
        }
        if (replicas(canary) > canaryWanted) {
            Steps.scaled(kube, canary, canaryWanted);
            return StepResult.waiting("scaling the canary down to " + canaryWanted);
        }
        if (replicas(stable) > stableWanted) {
            Steps.scaled(kube, stable, stableWanted);
            return StepResult.waiting("scaling " + stableName + " down to " + stableWanted);
        }
        RolloutProgress s = RolloutProgress.of(stable);
        if (!s.complete()) {
            return StepResult.waiting(stableName + ": " + s.waitingFor());
        }
        if (!RolloutProgress.of(canary).complete()) {
            return StepResult.waiting("canary: " + RolloutProgress.of(canary).waitingFor());
        }
        ctx.putVar("weight", Integer.toString(weight));
        ctx.event("weight", "ok", Map.of("weight", Integer.toString(weight), "canary", Integer.toString(canaryWanted),
                "stable", Integer.toString(stableWanted)));
        return new StepResult.Done("weight " + weight + "%: " + canaryWanted + " canary, " + stableWanted + " stable");
    }

    private static StepResult ready(Deployment d, int wanted) {
        RolloutProgress p = RolloutProgress.of(d);
        if (p.observed() && p.available() >= wanted) {
            return null;
        }
        if (p.observed() && p.deadlineExceeded() != null) {
            return new StepResult.Failed("Deployment " + d.getMetadata().getName()
                    + " exceeded its progress deadline: " + p.deadlineExceeded());
        }
        return StepResult.waiting(d.getMetadata().getName() + ": " + p.available() + " of " + wanted + " available");
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static StepResult updateStable(StepContext ctx) {
        Baseline b = ctx.baseline();
        Deployment d = ctx.kube().requireDeployment(ctx.plan().target().name());
        boolean templateDone = Templates.applied(d.getSpec().getTemplate(), b.desired(), b.template());
        if (templateDone && replicas(d) == b.replicas()) {
            return new StepResult.Done("stable already updated");
        }
        var ops = Kube.guardedPatch(d);
        if (!templateDone) {
            Kube.op(ops, "replace", "/spec/template", b.desired());
        }
        Kube.op(ops, "add", "/spec/replicas", b.replicas());
        ctx.kube().patchDeployment(d.getMetadata().getName(), ops);
        ctx.event("patch", "ok", Map.of("deployment", d.getMetadata().getName(), "images",
                Templates.images(b.desired()).toString()));
        return new StepResult.Done("stable updated");
    }

    private static StepResult restoreStable(StepContext ctx) {
        String name = ctx.plan().target().name();
        Deployment d = ctx.kube().requireDeployment(name);
        if (!Steps.scaled(ctx.kube(), d, ctx.baseline().replicas())) {
            return StepResult.waiting("scaling " + name + " back to " + ctx.baseline().replicas());
        }
        return Steps.awaitComplete(ctx.kube(), name);
    }
}
