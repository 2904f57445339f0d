package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.time.Instant;

/** Builders of fabric8 objects for the unit tests of the cluster layer. */
final class Fixtures {

    private Fixtures() {
    }

    static Deployment deployment(String name, String uid, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName(name).withUid(uid)
                .withGeneration(1L).withResourceVersion("1").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewTemplate().withNewSpec().addNewContainer()
                .withName("app").withImage(image).endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas).addNewCondition().withType("Progressing")
                .withStatus("True").withReason("NewReplicaSetAvailable").endCondition().endStatus().build();
    }

    static ReplicaSet replicaSet(String name, String uid, Deployment owner, long revision, String hash, int replicas) {
        return new ReplicaSetBuilder().withNewMetadata().withNamespace("shop").withName(name).withUid(uid)
                .withResourceVersion("1").addToLabels(Meta.TEMPLATE_HASH, hash)
                .addToAnnotations(Meta.REVISION, Long.toString(revision))
                .withCreationTimestamp("2026-01-01T00:00:0" + revision + "Z")
                .addToOwnerReferences(ownerRef(owner)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewTemplate().withNewSpec().addNewContainer()
                .withName("app").withImage("shop/app:" + revision).endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .endStatus().build();
    }

    static Pod pod(String name, String uid, ReplicaSet owner, String rv) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).withUid(uid)
                .withResourceVersion(rv).addToLabels(Meta.TEMPLATE_HASH, Meta.label(owner, Meta.TEMPLATE_HASH))
                .withCreationTimestamp("2026-01-01T00:00:00Z").addToOwnerReferences(ownerRef(owner)).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("shop/app:1")
                .withReadinessProbe(httpProbe("/ready", 5)).endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.1").addNewCondition().withType("Ready")
                .withStatus("True").endCondition().addToContainerStatuses(running(true, 0, "2026-01-01T00:00:01Z"))
                .endStatus().build();
    }

    static ContainerStatus running(boolean ready, int restarts, String startedAt) {
        return new ContainerStatusBuilder().withName("app").withReady(ready).withStarted(true)
                .withRestartCount(restarts).withNewState().withNewRunning().withStartedAt(startedAt).endRunning()
                .endState().build();
    }

    static Probe httpProbe(String path, int period) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(8080)).endHttpGet()
                .withPeriodSeconds(period).build();
    }

    static Event event(String uid, HasMetadata about, String type, String reason, String message, Instant at) {
        return new EventBuilder().withNewMetadata().withNamespace("shop").withName(Meta.name(about) + "." + uid)
                .withUid(uid).endMetadata().withNewInvolvedObject().withKind(about.getKind())
                .withNamespace("shop").withName(Meta.name(about)).withUid(Meta.uid(about)).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withLastTimestamp(at.toString()).build();
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference ownerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder().withKind(owner.getKind()).withName(Meta.name(owner))
                .withUid(Meta.uid(owner)).withController(true).build();
    }
}
