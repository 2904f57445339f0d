package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.Health;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a Deployment's row of the workload list from the Deployment and its ReplicaSets: replica counts, image and
 * tag of the main container, revisions newest first, and health with a message the way {@code kubectl rollout
 * status} words it. Stateless; any thread.
 */
final class WorkloadRows {

    private static final Comparator<Revision> NEWEST_FIRST = Comparator.comparingLong(Revision::number).reversed()
            .thenComparing(Revision::created, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Revision::replicaSet);

    private WorkloadRows() {
    }

    static WorkloadSnapshot row(WorkloadKey key, Deployment d, List<ReplicaSet> replicaSets, long version) {
        DeploymentSpec spec = d.getSpec() == null ? new DeploymentSpec() : d.getSpec();
        DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        String image = mainImage(spec.getTemplate());
        List<Revision> revisions = new ArrayList<>(replicaSets.size());
        for (ReplicaSet rs : replicaSets) {
            revisions.add(revision(rs));
        }
        revisions.sort(NEWEST_FIRST);
        Health health = health(d);
        return new WorkloadSnapshot(key, health, desired(d), Meta.orZero(status.getUpdatedReplicas()),
                Meta.orZero(status.getReadyReplicas()), Meta.orZero(status.getAvailableReplicas()), image,
                tag(image), Boolean.TRUE.equals(spec.getPaused()), List.copyOf(revisions), message(d, health),
                version);
    }

    static Revision revision(ReplicaSet rs) {
        List<String> images = new ArrayList<>();
        PodTemplateSpec template = rs.getSpec() == null ? null : rs.getSpec().getTemplate();
        if (template != null && template.getSpec() != null) {
            for (Container c : PodStatusText.list(template.getSpec().getContainers())) {
                images.add(c.getImage());
            }
        }
        var st = rs.getStatus();
        return new Revision(Meta.name(rs), Meta.revision(rs), Meta.label(rs, Meta.TEMPLATE_HASH), List.copyOf(images),
                rs.getSpec() == null ? 0 : Meta.orZero(rs.getSpec().getReplicas()),
                st == null ? 0 : Meta.orZero(st.getReplicas()), st == null ? 0 : Meta.orZero(st.getReadyReplicas()),
                st == null ? 0 : Meta.orZero(st.getAvailableReplicas()), Meta.created(rs));
    }

    static Health health(Deployment d) {
        DeploymentSpec spec = d.getSpec() == null ? new DeploymentSpec() : d.getSpec();
        if (Boolean.TRUE.equals(spec.getPaused())) {
            return Health.PAUSED;
        }
        DeploymentCondition progressing = condition(d, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.getReason())) {
            return Health.DEGRADED;
        }
        if (rolloutStep(d) == null) {
            return Health.HEALTHY;
        }
        boolean completedBefore = progressing != null && "NewReplicaSetAvailable".equals(progressing.getReason());
        DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int desired = desired(d);
        boolean newPodsMissing = Meta.orZero(status.getUpdatedReplicas()) < desired
                || Meta.orZero(status.getReplicas()) > Meta.orZero(status.getUpdatedReplicas());
        boolean specUnseen = observedGeneration(d) < generation(d);
        return completedBefore && !newPodsMissing && !specUnseen ? Health.DEGRADED : Health.PROGRESSING;
    }

    /** What a rollout still waits for, in kubectl's words, or null when it is complete. */
    static String rolloutStep(Deployment d) {
        DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int desired = desired(d);
        int updated = Meta.orZero(status.getUpdatedReplicas());
        int total = Meta.orZero(status.getReplicas());
        int available = Meta.orZero(status.getAvailableReplicas());
        if (observedGeneration(d) < generation(d)) {
            return "Waiting for deployment spec update to be observed";
        }
        if (updated < desired) {
            return "Waiting for rollout: " + updated + " out of " + desired + " new replicas have been updated";
        }
        if (total > updated) {
            return "Waiting for rollout: " + (total - updated) + " old replicas are pending termination";
        }
        if (available < updated) {
            return "Waiting for rollout: " + available + " of " + updated + " updated replicas are available";
        }
        return null;
    }

    private static String message(Deployment d, Health health) {
        DeploymentCondition progressing = condition(d, "Progressing");
        DeploymentCondition available = condition(d, "Available");
        return switch (health) {
            case HEALTHY -> null;
            case PAUSED -> "Rollout paused" + suffix(rolloutStep(d));
            case PROGRESSING -> rolloutStep(d);
            case DEGRADED -> {
                if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.getReason())) {
                    yield progressing.getMessage();
                }
                int avail = d.getStatus() == null ? 0 : Meta.orZero(d.getStatus().getAvailableReplicas());
                String counts = avail + " of " + desired(d) + " replicas available";
                yield available != null && "False".equals(available.getStatus()) && available.getMessage() != null
                        ? counts + ": " + available.getMessage() : counts;
            }
        };
    }

    private static String suffix(String step) {
        return step == null ? "" : "; " + step;
    }

    static DeploymentCondition condition(Deployment d, String type) {
        if (d.getStatus() == null) {
            return null;
        }
        for (DeploymentCondition c : PodStatusText.list(d.getStatus().getConditions())) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    static int desired(Deployment d) {
        return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static long generation(Deployment d) {
        Long g = d.getMetadata() == null ? null : d.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    private static long observedGeneration(Deployment d) {
        Long g = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
        return g == null ? 0 : g;
    }

    private static String mainImage(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null) {
            return "";
        }
        List<Container> containers = PodStatusText.list(template.getSpec().getContainers());
        return containers.isEmpty() || containers.get(0).getImage() == null ? "" : containers.get(0).getImage();
    }

    /** "3.4" of "registry.shop.example/storefront:3.4"; the digest of an image pinned by one; "latest" if none. */
    static String tag(String image) {
        if (image == null || image.isEmpty()) {
            return "";
        }
        int at = image.indexOf('@');
        if (at >= 0) {
            String digest = image.substring(at + 1);
            return digest.length() > 19 ? digest.substring(0, 19) : digest;
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }
}
