package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolling release: the Deployment's template is patched (with maxSurge/maxUnavailable when the plan sets them) and the
 * Deployment controller replaces the pods. A {@code setWeight N} step lets the rollout run until N% of the replicas
 * are updated and then holds it with {@code spec.paused}; the next step resumes it. The controller may update a few
 * more pods (up to maxSurge) before the pause lands. Abort rolls back to the revision from before the release and
 * restores the strategy and paused flag. Engine thread.
 */
final class RollingStrategy {

    private RollingStrategy() {
    }

    static StrategySteps steps(ReleasePlan plan) {
        String name = plan.target().name();
        List<Step> forward = new ArrayList<>();
        forward.add(Step.of("update template", RollingStrategy::updateTemplate));
        for (ReleaseStep s : plan.steps()) {
            switch (s.kind()) {
                case SET_WEIGHT -> {
                    if (s.percent() < 100) {
                        forward.add(Step.skippable("roll " + s.percent() + "%", ctx -> rollTo(ctx, s.percent())));
                    }
                }
                case PAUSE -> forward.add(Steps.pause(s));
                case ANALYSIS -> forward.add(Steps.analysis(s));
            }
        }
        forward.add(Step.of("complete rollout", ctx -> Steps.awaitComplete(ctx.kube(), name)));
        List<Step> abort = List.of(
                Step.of("roll back", ctx -> Steps.restoreTemplate(ctx, name)),
                Step.of("restore strategy", RollingStrategy::restoreSpec),
                Step.of("await rollback", ctx -> Steps.awaitComplete(ctx.kube(), name)));
        // New pods take traffic as soon as the template is updated; the window lasts until the rollout completes.
        return new StrategySteps(forward, abort, RollingStrategy::pauseDeployment, 1, forward.size());
    }

    private static StepResult updateTemplate(StepContext ctx) {
        Baseline b = ctx.baseline();
        Deployment d = ctx.kube().requireDeployment(ctx.plan().target().name());
        if (Templates.applied(d.getSpec().getTemplate(), b.desired(), b.template())) {
            return new StepResult.Done("template already updated");
        }
        var ops = Kube.guardedPatch(d);
        Kube.op(ops, "replace", "/spec/template", b.desired());
        DeploymentStrategy strategy = strategy(b.strategy(), ctx.plan().strategy());
        if (!Objects.equals(Templates.tree(strategy), Templates.tree(d.getSpec().getStrategy()))) {
            Kube.op(ops, "add", "/spec/strategy", strategy);
        }
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            ops.addObject().put("op", "remove").put("path", "/spec/paused");
        }
        ctx.kube().patchDeployment(d.getMetadata().getName(), ops);
        ctx.event("patch", "ok", Map.of("deployment", d.getMetadata().getName(), "images",
                Templates.images(b.desired()).toString()));
        return new StepResult.Done("template patched");
    }

    /** The Deployment's strategy with the plan's maxSurge and maxUnavailable. */
    static DeploymentStrategy strategy(DeploymentStrategy before, ReleaseStrategy plan) {
        DeploymentStrategy s = before == null ? new DeploymentStrategy() : Serialization.clone(before);
        if (plan.maxSurge().isEmpty() && plan.maxUnavailable().isEmpty()) {
            return s;
        }
        s.setType("RollingUpdate");
        RollingUpdateDeployment ru = s.getRollingUpdate() == null ? new RollingUpdateDeployment()
                : s.getRollingUpdate();
        if (!plan.maxSurge().isEmpty()) {
            ru.setMaxSurge(intOrPercent(plan.maxSurge()));
        }
        if (!plan.maxUnavailable().isEmpty()) {
            ru.setMaxUnavailable(intOrPercent(plan.maxUnavailable()));
        }
        s.setRollingUpdate(ru);
        return s;
    }

    static IntOrString intOrPercent(String value) {
        if (value.endsWith("%")) {
            Integer.parseInt(value.substring(0, value.length() - 1));
            return new IntOrString(value);
        }
        return new IntOrString(Integer.parseInt(value));
    }

    private static StepResult rollTo(StepContext ctx, int percent) {
        String name = ctx.plan().target().name();
        Deployment d = ctx.kube().requireDeployment(name);
        RolloutProgress p = RolloutProgress.of(d);
        int target = (int) Math.ceil(p.desired() * (percent / 100.0));
        if (!p.observed()) {
            return StepResult.waiting("waiting for the Deployment controller");
        }
        if (p.deadlineExceeded() != null) {
            return new StepResult.Failed("Deployment " + name + " exceeded its progress deadline: "
                    + p.deadlineExceeded());
        }
        if (p.updated() >= target) {
            if (!p.paused()) {
                ctx.kube().patchDeployment(name, Kube.op(Kube.guardedPatch(d), "add", "/spec/paused", true));
            }
            return new StepResult.Done(p.updated() + " of " + p.desired() + " updated; Deployment paused");
        }
        if (p.paused()) {
            ctx.kube().resume(d);
        }
        return StepResult.waiting(p.updated() + " of " + target + " replicas updated");
    }

    private static StepResult restoreSpec(StepContext ctx) {
        Baseline b = ctx.baseline();
        String name = ctx.plan().target().name();
        Deployment d = ctx.kube().requireDeployment(name);
        var ops = Kube.guardedPatch(d);
        boolean change = false;
        if (!Objects.equals(Templates.tree(b.strategy()), Templates.tree(d.getSpec().getStrategy()))) {
            Kube.op(ops, "add", "/spec/strategy", b.strategy());
            change = true;
        }
        if (!Objects.equals(b.paused(), d.getSpec().getPaused())) {
            if (b.paused() == null) {
                ops.addObject().put("op", "remove").put("path", "/spec/paused");
            } else {
                Kube.op(ops, "add", "/spec/paused", b.paused());
            }
            change = true;
        }
        if (change) {
            ctx.kube().patchDeployment(name, ops);
        }
        return new StepResult.Done(change ? "strategy restored" : "strategy as before");
    }

    private static void pauseDeployment(StepContext ctx) {
        String name = ctx.plan().target().name();
        Deployment d = ctx.kube().requireDeployment(name);
        if (!Boolean.TRUE.equals(d.getSpec().getPaused())) {
            ctx.kube().patchDeployment(name, Kube.op(Kube.guardedPatch(d), "add", "/spec/paused", true));
        }
    }
}
