package io.flightdeck.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.flightdeck.sandbox.store.WatchSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole sandbox (API server, Deployment and ReplicaSet controllers, kubelet) through the fabric8 client: a
 * rolling update keeps within maxSurge and maxUnavailable at every change, and a never-ready version ends in
 * ProgressDeadlineExceeded.
 */
class RolloutIntegrationTest {

    SandboxCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(SandboxOptions.empty(20));
        client = cluster.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("r").endMetadata().build())
                .create();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void rollingUpdateOfTenStaysWithinSurgeAndUnavailability() {
        client.apps().deployments().inNamespace("r").resource(deployment("web", 10, "shop/web:1.0", 600)).create();
        awaitComplete("web", 60);

        AtomicInteger maxPods = new AtomicInteger();
        AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
        Watch sampler = cluster.store().watch(Kinds.POD, "r", LabelSelector.parse("app=web"), FieldSelector.EVERYTHING,
                cluster.store().resourceVersion(), new WatchSink() {
                    @Override
                    public boolean offer(String type, Stored object) {
                        int pods = 0;
                        int available = 0;
                        for (Stored p : cluster.store().all(Kinds.POD, "r")) {
                            if (p.object().path("metadata").has("deletionTimestamp")) {
                                continue;
                            }
                            pods++;
                            if (ready(p.object())) {
                                available++;
                            }
                        }
                        maxPods.accumulateAndGet(pods, Math::max);
                        minAvailable.accumulateAndGet(available, Math::min);
                        return true;
                    }

                    @Override
                    public void closed(String reason) {
                    }
                });
        try {
            client.apps().deployments().inNamespace("r").withName("web").edit(d -> new DeploymentBuilder(d)
                    .editSpec().editTemplate().editSpec().editFirstContainer().withImage("shop/web:1.1")
                    .endContainer().endSpec().endTemplate().endSpec().build());
            Deployment done = awaitComplete("web", 120);
            assertEquals(10, done.getStatus().getUpdatedReplicas());
        } finally {
            sampler.close();
        }
        assertTrue(maxPods.get() <= 13, "more than 13 pods at once: " + maxPods.get());
        assertTrue(maxPods.get() > 10, "the rollout never surged: " + maxPods.get());
        assertTrue(minAvailable.get() >= 7, "fewer than 7 available at once: " + minAvailable.get());
    }

    @Test
    void neverReadyVersionExceedsItsProgressDeadline() {
        client.apps().deployments().inNamespace("r").resource(deployment("api", 4, "shop/api:1.0", 30)).create();
        awaitComplete("api", 60);
        client.apps().deployments().inNamespace("r").withName("api").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("shop/api:1.1-noready")
                .endContainer().endSpec().endTemplate().endSpec().build());
        Deployment d = client.apps().deployments().inNamespace("r").withName("api").waitUntilCondition(
                x -> progressing(x) != null && "ProgressDeadlineExceeded".equals(progressing(x).getReason()),
                120, TimeUnit.SECONDS);
        assertEquals("False", progressing(d).getStatus());
        assertTrue(d.getStatus().getAvailableReplicas() >= 3, "old pods keep serving");
    }

    private Deployment awaitComplete(String name, int seconds) {
        return client.apps().deployments().inNamespace("r").withName(name).waitUntilCondition(d -> d != null
                && d.getStatus() != null && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas())
                && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas())
                && d.getSpec().getReplicas().equals(d.getStatus().getReplicas()), seconds, TimeUnit.SECONDS);
    }

    private static DeploymentCondition progressing(Deployment d) {
        if (d == null || d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream().filter(c -> c.getType().equals("Progressing")).findFirst()
                .orElse(null);
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asString().equals("Ready")) {
                return c.path("status").asString().equals("True");
            }
        }
        return false;
    }

    private static Deployment deployment(String name, int replicas, String image, int deadline) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withReplicas(replicas).withProgressDeadlineSeconds(deadline).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage(image).withNewReadinessProbe().withNewHttpGet().withPath("/ready")
                .withNewPort(8080).endHttpGet().withPeriodSeconds(2).endReadinessProbe().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
