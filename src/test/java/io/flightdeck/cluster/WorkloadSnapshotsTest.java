package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.Health;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kubectl's pod status text, probe descriptions and health, and a Deployment's health, from fabric8 objects. */
class WorkloadSnapshotsTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    final Deployment dep = Fixtures.deployment("web", "d1", 3, "shop/web:1.0");
    final Pod running = Fixtures.pod("web-1", "p1", Fixtures.replicaSet("web-a", "r1", dep, 1, "a", 3), "10");

    @Test
    void statusTextLikeKubectl() {
        assertEquals("Running", PodStatusText.of(running));
        assertEquals("ContainerCreating", PodStatusText.of(waiting("ContainerCreating", "Pending")));
        assertEquals("CrashLoopBackOff", PodStatusText.of(waiting("CrashLoopBackOff", "Running")));
        assertEquals("Pending", PodStatusText.of(new PodBuilder(running).editStatus().withPhase("Pending")
                .withContainerStatuses().endStatus().build()));
        assertEquals("Completed", PodStatusText.of(terminated("Completed", 0, "Succeeded")));
        assertEquals("Error", PodStatusText.of(terminated("Error", 1, "Failed")));
        assertEquals("ExitCode:3", PodStatusText.of(terminated(null, 3, "Failed")));
        assertEquals("Terminating", PodStatusText.of(new PodBuilder(running).editMetadata()
                .withDeletionTimestamp("2026-01-01T00:09:00Z").endMetadata().build()));
        assertEquals("Init:0/1", PodStatusText.of(new PodBuilder(running).editSpec().addNewInitContainer()
                .withName("init").endInitContainer().endSpec().editStatus().withPhase("Pending")
                .addNewInitContainerStatus().withName("init").withNewState().withNewWaiting()
                .withReason("PodInitializing").endWaiting().endState().endInitContainerStatus().endStatus().build()));
        assertEquals("Init:CrashLoopBackOff", PodStatusText.of(new PodBuilder(running).editSpec().addNewInitContainer()
                .withName("init").endInitContainer().endSpec().editStatus().withPhase("Pending")
                .addNewInitContainerStatus().withName("init").withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().endState().endInitContainerStatus().endStatus().build()));
        assertEquals("Evicted", PodStatusText.of(new PodBuilder(running).editStatus().withPhase("Failed")
                .withReason("Evicted").withContainerStatuses().endStatus().build()));
    }

    @Test
    void probeDescriptions() {
        assertEquals("HTTP GET :8080/ready every 5s, timeout 1s, 3 failures",
                ProbeStates.describe(Fixtures.httpProbe("/ready", 5)));
        assertEquals("TCP :db every 10s, timeout 2s, 1 failure, 2 successes, initial delay 15s",
                ProbeStates.describe(new ProbeBuilder().withNewTcpSocket().withNewPort("db").endTcpSocket()
                        .withTimeoutSeconds(2).withFailureThreshold(1).withSuccessThreshold(2)
                        .withInitialDelaySeconds(15).build()));
        assertEquals("exec cat /tmp/healthy every 10s, timeout 1s, 3 failures", ProbeStates.describe(
                new ProbeBuilder().withNewExec().withCommand("cat", "/tmp/healthy").endExec().build()));
        assertEquals("HTTPS GET :8443/healthz every 10s, timeout 1s, 3 failures", ProbeStates.describe(
                new ProbeBuilder().withNewHttpGet().withScheme("HTTPS").withPath("healthz")
                        .withNewPort(8443).endHttpGet().build()));
    }

    @Test
    void readinessFailsFromTheContainerAndTheKubeletsEvents() {
        PodSnapshot ok = Snapshots.pod(running, List.of(), NOW);
        assertTrue(ok.ready());
        assertEquals(List.of(ProbeHealth.NONE, ProbeHealth.PASSING, ProbeHealth.NONE),
                ok.probes().stream().map(ProbeState::health).toList());

        Pod notReady = new PodBuilder(running).editStatus().editFirstCondition().withStatus("False").endCondition()
                .withContainerStatuses(Fixtures.running(false, 0, "2026-01-01T00:00:01Z")).endStatus().build();
        assertEquals(ProbeHealth.PENDING, Snapshots.pod(notReady, List.of(), NOW).probes().get(1).health(),
                "not ready without a failure yet: the probe has not failed");
        EventSnapshot old = failure("Readiness probe failed: HTTP probe failed with statuscode: 503",
                "2025-12-31T23:00:00Z");
        assertEquals(ProbeHealth.PENDING, Snapshots.pod(notReady, List.of(old), NOW).probes().get(1).health(),
                "a failure of an earlier container does not count");
        EventSnapshot recent = failure("Readiness probe failed: HTTP probe failed with statuscode: 503",
                "2026-01-01T00:09:58Z");
        PodSnapshot failing = Snapshots.pod(notReady, List.of(old, recent), NOW);
        ProbeState readiness = failing.probes().get(1);
        assertFalse(failing.ready());
        assertEquals(ProbeHealth.FAILING, readiness.health());
        assertEquals("Readiness probe failed: HTTP probe failed with statuscode: 503", readiness.lastFailure());
        assertEquals(Instant.parse("2026-01-01T00:09:58Z"), readiness.lastFailureAt());
    }

    @Test
    void livenessFailsWhileItsFailuresAreRecentAndAfterAKill() {
        Pod pod = new PodBuilder(running).editSpec().editFirstContainer()
                .withLivenessProbe(Fixtures.httpProbe("/healthz", 10)).endContainer().endSpec().build();
        EventSnapshot recent = failure("Liveness probe failed: Get \"http://10.0.0.1:8080/healthz\": EOF",
                "2026-01-01T00:09:55Z");
        assertEquals(ProbeHealth.FAILING, Snapshots.pod(pod, List.of(recent), NOW).probes().get(2).health());
        assertEquals(ProbeHealth.PASSING, Snapshots.pod(pod, List.of(recent), NOW.plusSeconds(60)).probes().get(2)
                .health(), "failures older than two periods have recovered");
        Pod backOff = new PodBuilder(pod).editStatus().withContainerStatuses(new ContainerStatusBuilder()
                .withName("app").withReady(false).withRestartCount(3).withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().endState().withNewLastState().withNewTerminated()
                .withReason("Error").withExitCode(137).withStartedAt("2026-01-01T00:09:00Z")
                .withFinishedAt("2026-01-01T00:09:56Z").endTerminated().endLastState().build()).endStatus().build();
        PodSnapshot crashing = Snapshots.pod(backOff, List.of(recent), NOW);
        assertEquals("CrashLoopBackOff", crashing.status());
        assertEquals(3, crashing.restarts());
        assertEquals("Error", crashing.lastTerminationReason());
        assertEquals(ProbeHealth.FAILING, crashing.probes().get(2).health(), "killed by its liveness probe");
        assertEquals(ProbeHealth.PENDING, crashing.probes().get(1).health());
    }

    @Test
    void deploymentHealth() {
        assertEquals(Health.HEALTHY, WorkloadRows.health(dep));
        assertNull(WorkloadRows.row(null, dep, List.of(), 1).message());
        assertEquals(Health.PAUSED, WorkloadRows.health(new DeploymentBuilder(dep).editSpec().withPaused(true)
                .endSpec().build()));
        Deployment rolling = new DeploymentBuilder(dep).editStatus().withUpdatedReplicas(1).withReplicas(4)
                .editFirstCondition().withReason("ReplicaSetUpdated").endCondition().endStatus().build();
        assertEquals(Health.PROGRESSING, WorkloadRows.health(rolling));
        assertEquals("Waiting for rollout: 1 out of 3 new replicas have been updated",
                WorkloadRows.row(null, rolling, List.of(), 1).message());
        Deployment unseen = new DeploymentBuilder(dep).editMetadata().withGeneration(2L).endMetadata().build();
        assertEquals(Health.PROGRESSING, WorkloadRows.health(unseen));
        Deployment deadline = new DeploymentBuilder(rolling).editStatus().editFirstCondition().withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"web-b\" has timed out progressing.")
                .endCondition().endStatus().build();
        assertEquals(Health.DEGRADED, WorkloadRows.health(deadline));
        assertEquals("ReplicaSet \"web-b\" has timed out progressing.",
                WorkloadRows.row(null, deadline, List.of(), 1).message());
        Deployment lostOne = new DeploymentBuilder(dep).editStatus().withAvailableReplicas(2).withReadyReplicas(2)
                .addNewCondition().withType("Available").withStatus("True").endCondition().endStatus().build();
        assertEquals(Health.DEGRADED, WorkloadRows.health(lostOne), "unavailable outside a rollout");
        assertEquals("2 of 3 replicas available", WorkloadRows.row(null, lostOne, List.of(), 1).message());
    }

    @Test
    void imageTags() {
        assertEquals("3.4", WorkloadRows.tag("registry.shop.example/storefront:3.4"));
        assertEquals("latest", WorkloadRows.tag("registry:5000/storefront"));
        assertEquals("sha256:0123456789ab", WorkloadRows.tag("storefront@sha256:0123456789abcdef0123"));
    }

    private Pod waiting(String reason, String phase) {
        return new PodBuilder(running).editStatus().withPhase(phase).withContainerStatuses(new ContainerStatusBuilder()
                .withName("app").withReady(false).withNewState().withNewWaiting().withReason(reason).endWaiting()
                .endState().build()).endStatus().build();
    }

    private Pod terminated(String reason, int exit, String phase) {
        return new PodBuilder(running).editStatus().withPhase(phase).withContainerStatuses(new ContainerStatusBuilder()
                .withName("app").withReady(false).withNewState().withNewTerminated().withReason(reason)
                .withExitCode(exit).endTerminated().endState().build()).endStatus().build();
    }

    private static EventSnapshot failure(String message, String at) {
        return new EventSnapshot("shop", "Pod", "web-1", "Warning", "Unhealthy", message, 1, Instant.parse(at),
                message.hashCode() + at);
    }
}
