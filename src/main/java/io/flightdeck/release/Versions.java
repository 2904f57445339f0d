package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot.VersionPods;
import io.flightdeck.model.StrategyKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod counts per version for a release's snapshot: the target Deployment (stable) and the canary or green one, read
 * at most twice a second. Engine thread (refresh); {@link #current} may be read from any thread.
 */
final class Versions {

    private static final Duration EVERY = Duration.ofMillis(500);

    private final Kube kube;
    private final ReleasePlan plan;
    private volatile List<VersionPods> current = List.of();
    private Instant last = Instant.MIN;

    Versions(Kube kube, ReleasePlan plan) {
        this.kube = kube;
        this.plan = plan;
    }

    List<VersionPods> current() {
        return current;
    }

    void refresh(Instant now) {
        if (now.isBefore(last.plus(EVERY))) {
            return;
        }
        last = now;
        try {
            List<VersionPods> pods = new ArrayList<>();
            add(pods, plan.target().name(), "stable");
            if (plan.strategy().kind() == StrategyKind.CANARY) {
                add(pods, CanaryStrategy.canaryName(plan), CanaryStrategy.TRACK);
            } else if (plan.strategy().kind() == StrategyKind.BLUE_GREEN) {
                add(pods, BlueGreenStrategy.greenName(plan), BlueGreenStrategy.TRACK);
            }
            current = List.copyOf(pods);
        } catch (KubernetesClientException e) {
            // counts are informative only; keep the last ones
        }
    }

    private void add(List<VersionPods> pods, String name, String track) {
        Deployment d = kube.deployment(name);
        if (d == null) {
            return;
        }
        RolloutProgress p = RolloutProgress.of(d);
        String image = String.join(",", Templates.images(d.getSpec().getTemplate()).values());
        pods.add(new VersionPods(name, track, image, p.desired(), p.ready(), p.available()));
    }
}
