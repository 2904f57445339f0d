package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.WorkloadKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rollback of a Deployment to one of its kept revisions, with the algorithm of {@code kubectl rollout undo}
 * (kubectl's polymorphichelpers/rollback.go): refused while the Deployment is paused; nothing to do when the
 * revision's template already equals the Deployment's (ignoring pod-template-hash); otherwise one JSON patch
 * replaces the template with the ReplicaSet's (hash label removed) and the annotations with the ReplicaSet's, keeping
 * the Deployment's own revision and last-applied annotations. The patch also carries the resourceVersion read, so a
 * concurrent change is a 409. Stateless; any thread.
 */
public final class Rollbacks {

    /** Annotations kept from the Deployment and never copied from the ReplicaSet (kubectl's annotationsToSkip). */
    static final Set<String> SKIPPED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            "deployment.kubernetes.io/revision", "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    /** How a rollback ended. */
    public enum Result { ROLLED_BACK, SKIPPED }

    private Rollbacks() {
    }

    /**
     * Rolls the Deployment back to {@code revision} (0 = the one before the current, as kubectl's default).
     *
     * @throws IllegalStateException    when the Deployment is paused or missing
     * @throws IllegalArgumentException when no kept ReplicaSet has that revision
     */
    public static Result rollback(KubernetesClient client, WorkloadKey target, long revision) {
        Kube kube = new Kube(client, target.namespace());
        Deployment d = kube.requireDeployment(target.name());
        ReplicaSet rs = revisionOf(kube, d, revision);
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            throw new IllegalStateException("you cannot rollback a paused deployment; resume it first with"
                    + " 'kubectl rollout resume deployment/" + target.name() + "' and try again");
        }
        if (Templates.equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
            return Result.SKIPPED;
        }
        undo(kube, d, rs);
        return Result.ROLLED_BACK;
    }

    /** The ReplicaSet of the revision; for 0 the second newest, as kubectl picks it. */
    static ReplicaSet revisionOf(Kube kube, Deployment d, long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("unable to find specified revision " + revision + " in history");
        }
        List<ReplicaSet> all = kube.replicaSets(d).stream().filter(rs -> Kube.revision(rs) > 0).toList();
        if (revision == 0) {
            if (all.size() < 2) {
                throw new IllegalArgumentException("no rollout history found for deployment \""
                        + d.getMetadata().getName() + "\"");
            }
            return all.get(1);
        }
        return all.stream().filter(rs -> Kube.revision(rs) == revision).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unable to find specified revision " + revision + " in history"));
    }

    /** The undo patch itself: the ReplicaSet's template and annotations into the Deployment, guarded. */
    static void undo(Kube kube, Deployment d, ReplicaSet rs) {
        PodTemplateSpec template = Serialization.clone(rs.getSpec().getTemplate());
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove(Templates.HASH_LABEL);
            template.getMetadata().setLabels(labels);
        }
        Map<String, String> annotations = new HashMap<>();
        Map<String, String> own = d.getMetadata().getAnnotations() == null ? Map.of()
                : d.getMetadata().getAnnotations();
        for (String k : SKIPPED) {
            if (own.containsKey(k)) {
                annotations.put(k, own.get(k));
            }
        }
        if (rs.getMetadata().getAnnotations() != null) {
            rs.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!SKIPPED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        var ops = Kube.guardedPatch(d);
        Kube.op(ops, "replace", "/spec/template", template);
        Kube.op(ops, "add", "/metadata/annotations", annotations);
        kube.patchDeployment(d.getMetadata().getName(), ops);
    }
}
