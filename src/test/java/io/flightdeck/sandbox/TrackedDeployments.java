package io.flightdeck.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * Test Deployments of one app ("web") split by {@code flightdeck.io/track}, with an HTTP readiness probe, as a
 * canary and its stable version are: the same app label, so a Service selecting the app reaches both.
 */
public final class TrackedDeployments {

    private TrackedDeployments() {
    }

    public static Deployment web(String name, int replicas, String image, String track) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web")
                .addToMatchLabels("flightdeck.io/track", track).endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "web").addToLabels("flightdeck.io/track", track).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(image).withNewReadinessProbe().withNewHttpGet()
                .withPath("/ready").withNewPort(8080).endHttpGet().withPeriodSeconds(2).endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }
}
