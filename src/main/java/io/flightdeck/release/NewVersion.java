package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.ReleasePlan;

import java.time.Instant;
import java.util.Optional;

/**
 * The new version of a release as signals see it: the pod-template-hash of its ReplicaSet (rolling: the target's
 * ReplicaSet with the release's template; canary and blue/green: the newest ReplicaSet of the {@code -canary} or
 * {@code -green} Deployment), read from the cluster until it exists and then kept in a journal variable, and the
 * analysis requests that carry it. Engine thread.
 */
final class NewVersion {

    static final String HASH = "newVersionHash";

    private NewVersion() {
    }

    /** An analysis request for this release, with its strategy and the new version's hash ("" while unknown). */
    static AnalysisHook.Request request(StepContext ctx, String analysis, Instant startedAt, boolean approved) {
        return new AnalysisHook.Request(ctx.releaseId(), analysis, ctx.plan().target(), startedAt, approved,
                ctx.plan().strategy().kind(), hash(ctx));
    }

    /** The new version's pod-template-hash, or "" while its ReplicaSet does not exist. */
    static String hash(StepContext ctx) {
        String known = ctx.var(HASH);
        if (known != null && !known.isEmpty()) {
            return known;
        }
        String found = find(ctx).map(Kube::hash).orElse("");
        if (found != null && !found.isEmpty()) {
            ctx.putVar(HASH, found);
            return found;
        }
        return "";
    }

    private static Optional<ReplicaSet> find(StepContext ctx) {
        ReleasePlan plan = ctx.plan();
        Kube kube = ctx.kube();
        return switch (plan.strategy().kind()) {
            case ROLLING -> {
                Deployment d = kube.deployment(plan.target().name());
                Baseline b = ctx.baseline();
                yield d == null ? Optional.empty() : kube.replicaSets(d).stream()
                        .filter(rs -> Templates.applied(rs.getSpec().getTemplate(), b.desired(), b.template()))
                        .findFirst();
            }
            case CANARY -> newest(kube, CanaryStrategy.canaryName(plan));
            case BLUE_GREEN -> newest(kube, BlueGreenStrategy.greenName(plan));
        };
    }

    private static Optional<ReplicaSet> newest(Kube kube, String deployment) {
        Deployment d = kube.deployment(deployment);
        return d == null ? Optional.empty() : kube.replicaSetFor(d, d.getSpec().getTemplate());
    }
}
